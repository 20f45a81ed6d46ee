using MimeKit;

namespace DropIn.Web.Messaging;

/// <summary>The embedded default: each message becomes an .eml file, so the app runs with no mail server.</summary>
internal sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        // Written aside and then renamed, so whatever watches the folder never picks up half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path);
    }
}
