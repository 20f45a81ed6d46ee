using System.Net;
using DropIn.Domain.Feedback;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Messaging;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Feedback;

/// <summary>
/// The invitation emails. The subject is neutral and, like every email of the service, names neither the service nor
/// anything about the matter: an inbox preview on a shared screen should not tell anyone the student came to us. The
/// body never mentions the case or its topic either; it carries the form link and the opt-out link.
/// </summary>
public sealed class FeedbackEmails(IOptions<MailOptions> mail, IOptions<AppointmentOptions> appointments)
{
    public const string FeedbackSubject = "How did we do? A short anonymous form";
    public const string ImpactSubject = "A few months on: a short anonymous form";

    public OutboxMessage Invitation(InvitationKind kind, string to, string token, DateTimeOffset now)
    {
        string[] intro = kind == InvitationKind.Feedback
            ? ["Thank you for getting in touch with the Student Advice Service recently. You said we could ask how it went.",
               "Would you tell us? The form takes about two minutes:"]
            : ["A few months ago the Student Advice Service supported you, and you said we could ask afterwards how things turned out.",
               "Would you tell us what happened next? The form takes about two minutes:"];
        var lines = new List<string>(intro)
        {
            Link(FeedbackLinks.Form(kind, token)),
            "The form is anonymous: your answers are not linked to your name, your email or anything you discussed with us, and the link works once.",
            $"Rather not get emails like this from us? Stop them here: {Link(FeedbackLinks.OptOut(token))}",
            appointments.Value.ServiceContact,
        };
        var text = string.Join("\n\n", lines);
        var html = "<html><body style=\"font-family: sans-serif\">" + string.Concat(lines.Select(Html)) + "</body></html>";
        return new OutboxMessage(to, kind == InvitationKind.Feedback ? FeedbackSubject : ImpactSubject, text, html, null, now);
    }

    private string Link(string path) => mail.Value.PublicBaseUrl.TrimEnd('/') + path;

    private static string Html(string line)
    {
        var at = line.IndexOf("http", StringComparison.Ordinal);
        if (at < 0)
        {
            return $"<p>{WebUtility.HtmlEncode(line)}</p>";
        }

        var url = line[at..];
        return $"<p>{WebUtility.HtmlEncode(line[..at])}<a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a></p>";
    }
}
