using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DropIn.Web.Messaging;

/// <summary>
/// The plain-text and HTML parts of an email, written once: paragraphs, and links that are real links in the HTML
/// part (with words saying where they go) and the full address in the text part. Every email the service sends is
/// built with it, so none has a bare address in its HTML or a link missing from its text.
/// </summary>
public sealed partial class EmailBody
{
    private readonly List<(string Text, string? Url)> _blocks = [];

    /// <summary>A paragraph; line breaks in it are kept, and any http(s) address in it becomes a link in the HTML part.</summary>
    public EmailBody Paragraph(string text)
    {
        _blocks.Add((text, null));
        return this;
    }

    /// <summary>
    /// A letter as an email: each blank-line-separated block of <paramref name="letter"/> is a paragraph, as it is on
    /// the printed letter (conduct warnings and notices, complaint letters).
    /// </summary>
    public static EmailBody Letter(string letter)
    {
        var body = new EmailBody();
        foreach (var paragraph in letter.TrimEnd().Split("\n\n"))
        {
            body.Paragraph(paragraph);
        }

        return body;
    }

    /// <summary>A link on its own line: "<paramref name="label"/>" links to <paramref name="url"/> in HTML; the text part shows both.</summary>
    /// <param name="url">An absolute http(s) address.</param>
    public EmailBody Link(string label, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"An email link must be an absolute http(s) address, not \"{url}\".", nameof(url));
        }

        _blocks.Add((label, url));
        return this;
    }

    public string Text => string.Join("\n\n", _blocks.Select(b => b.Url is null ? b.Text : $"{b.Text}: {b.Url}"));

    public string Html
    {
        get
        {
            var html = new StringBuilder("<html><body style=\"font-family: sans-serif\">");
            foreach (var (text, url) in _blocks)
            {
                html.Append(url is null ? $"<p>{Linked(text)}</p>" : $"<p><a href=\"{WebUtility.HtmlEncode(url)}\">{Encoded(text)}</a></p>");
            }

            return html.Append("</body></html>").ToString();
        }
    }

    private static string Encoded(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);

    /// <summary>Text with its addresses as links (e.g. a letter that names another service's website).</summary>
    private static string Linked(string text)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match address in Address().Matches(text))
        {
            html.Append(Encoded(text[at..address.Index]));
            var url = WebUtility.HtmlEncode(address.Value);
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{url}\">{url}</a>");
            at = address.Index + address.Length;
        }

        return html.Append(Encoded(text[at..])).ToString();
    }

    /// <summary>An http(s) address, without the full stop or bracket that may follow it in a sentence.</summary>
    [GeneratedRegex(@"https?://[^\s<>""]+(?<![.,;:!?)\]])")]
    private static partial Regex Address();
}
