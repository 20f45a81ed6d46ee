namespace DropIn.Web.Messaging;

/// <summary>The app's public pages as students reach them, from <see cref="MailOptions.PublicBaseUrl"/>.</summary>
public static class PublicAddress
{
    /// <summary>The full address of <paramref name="path"/> (which starts with "/"), for a link or a QR code.</summary>
    public static string Link(this MailOptions mail, string path) => mail.PublicBaseUrl.TrimEnd('/') + path;

    /// <summary>
    /// The address written for a person to read and type, e.g. "advice.example.ac.uk/dropin": without the scheme,
    /// which browsers add themselves, so a board or a poster seen from across a room stays short.
    /// </summary>
    public static string InWords(this MailOptions mail, string path)
    {
        var link = mail.Link(path);
        var scheme = link.IndexOf("://", StringComparison.Ordinal);
        return scheme < 0 ? link : link[(scheme + 3)..];
    }
}
