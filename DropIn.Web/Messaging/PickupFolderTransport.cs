using MimeKit;

namespace DropIn.Web.Messaging;

/// <summary>The embedded default: each message becomes an .eml file, so the app runs with no mail server.</summary>
internal sealed class PickupFolderTransport(string folder, TimeProvider clock) : IMailTransport, IKeepsMailCopies
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var path = Path.Combine(folder, $"{now.UtcDateTime:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        // Written aside and then renamed, so whatever watches the folder never picks up half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path);
    }

    /// <summary>The folder is a copy of every message sent: retention removes a destroyed student's mail, and all old mail.</summary>
    public int Forget(IReadOnlySet<string> addresses, DateTimeOffset sentBefore)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.eml"))
        {
            var old = File.GetLastWriteTimeUtc(path) < sentBefore.UtcDateTime;
            if (old || (addresses.Count > 0 && MimeMessage.Load(path).To.Mailboxes.Any(m => addresses.Contains(m.Address))))
            {
                File.Delete(path);
                removed++;
            }
        }

        return removed;
    }
}
