using DropIn.Domain;

namespace DropIn.Web.Security;

/// <summary>
/// Every file the app hands out (document downloads, statistics and subject access exports) goes through here, so each
/// is sent as an attachment under a name made safe by the one rule, <see cref="FileNames.Safe"/>, whatever it was stored as.
/// </summary>
public static class FileDownloads
{
    public static IResult Attachment(Stream content, string contentType, string name) =>
        Results.File(content, contentType, FileNames.Safe(name, "download"));

    public static IResult Attachment(byte[] content, string contentType, string name) =>
        Results.File(content, contentType, FileNames.Safe(name, "download"));
}
