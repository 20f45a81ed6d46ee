using System.Text;
using System.Text.RegularExpressions;
using DropIn.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// Mail as it leaves the app: the outbox is dispatched through the real dispatcher to the pickup folder, and each .eml
/// is parsed back with MimeKit, so tests see what a mail client sees.
/// </summary>
public static partial class SentMail
{
    /// <summary>Sends everything due and returns every message in the pickup folder, oldest first.</summary>
    public static async Task<List<MimeMessage>> DispatchAsync(AppFactory app)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchDueAsync(CancellationToken.None) > 0)
        {
        }

        var folder = Path.Combine(app.DataFolder, "mail-pickup");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];
    }

    /// <summary>The .ics attachment and its content type's method parameter, or null when the message has none.</summary>
    public static (string Method, string Text)? Calendar(MimeMessage message)
    {
        var part = message.BodyParts.OfType<MimePart>().SingleOrDefault(p => p.ContentType.IsMimeType("text", "calendar"));
        if (part is null)
        {
            return null;
        }

        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return (part.ContentType.Parameters["method"] ?? "", Encoding.UTF8.GetString(content.ToArray()));
    }

    /// <summary>
    /// What every email of the service must be: a text part and an HTML part; every address in the text part is a
    /// real link in the HTML part, and the HTML shows no address outside a link; the subject and the sender's name
    /// say nothing about the service (an inbox preview on a shared screen).
    /// </summary>
    public static void AssertWellFormed(MimeMessage message)
    {
        var what = $"\"{message.Subject}\"";
        Assert.False(string.IsNullOrWhiteSpace(message.TextBody), $"{what} has no text part");
        Assert.False(string.IsNullOrWhiteSpace(message.HtmlBody), $"{what} has no HTML part");
        var hrefs = Href().Matches(message.HtmlBody).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToHashSet();
        foreach (var url in Url().Matches(message.TextBody).Select(m => m.Value))
        {
            Assert.True(hrefs.Contains(url), $"{what}: {url} is in the text part but not a link in the HTML part");
        }

        var outsideLinks = Anchor().Replace(message.HtmlBody, "");
        Assert.False(Url().IsMatch(outsideLinks), $"{what}: the HTML part shows an address that is not a link");
        foreach (var revealing in new[] { "advice", "student advice service" })
        {
            Assert.DoesNotContain(revealing, message.Subject, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(revealing, message.From.Mailboxes.Single().Name ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""]+(?<![.,;:!?)\]])")]
    private static partial Regex Url();

    [GeneratedRegex(@"<a\s[^>]*href=""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    [GeneratedRegex(@"<a\s.*?</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Anchor();
}
