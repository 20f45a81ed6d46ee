using System.ComponentModel.DataAnnotations;

namespace DropIn.Web.Messaging;

/// <summary>Section DropIn:Mail. With no SMTP host, mail is written as .eml files to the pickup folder.</summary>
public sealed class MailOptions
{
    public const string Section = "DropIn:Mail";

    [Required, EmailAddress]
    public string FromAddress { get; init; } = "advice@example.ac.uk";

    /// <summary>Deliberately discreet: an inbox preview should not tell a flatmate who the student is talking to.</summary>
    public string FromName { get; init; } = "Students' Union";

    /// <summary>Where .eml files go when no SMTP host is set; relative to the data folder. Default mail-pickup.</summary>
    public string PickupFolder { get; init; } = "mail-pickup";

    public SmtpOptions Smtp { get; init; } = new();

    /// <summary>The address students reach the app at, for links in emails.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; init; } = "http://localhost:5260";
}

public sealed class SmtpOptions
{
    public string? Host { get; init; }

    [Range(1, 65535)]
    public int Port { get; init; } = 587;

    /// <summary>STARTTLS when the server offers it; false for a local relay on port 25.</summary>
    public bool UseStartTls { get; init; } = true;

    public string? User { get; init; }
    public string? Password { get; init; }
}
