using System.Globalization;
using System.Security.Cryptography;

namespace DropIn.Web.Security.Audit;

/// <summary>
/// The secret that signs the audit trail, and the newest entry's number and hash. Both live with the Data
/// Protection keys, outside the database: someone who can edit the database cannot re-sign what they changed, nor
/// cut entries off the end unnoticed.
/// </summary>
public sealed class AuditKey
{
    /// <summary>The newest entry's number and hash, in the keys folder.</summary>
    public const string HeadFileName = "audit.head";

    private readonly string _headPath;
    private readonly Lock _headLock = new();

    public AuditKey(string keysFolder)
    {
        Directory.CreateDirectory(keysFolder);
        var keyPath = Path.Combine(keysFolder, "audit.key");
        _headPath = Path.Combine(keysFolder, HeadFileName);
        if (!File.Exists(keyPath))
        {
            File.WriteAllText(keyPath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        Bytes = Convert.FromBase64String(File.ReadAllText(keyPath).Trim());
    }

    public byte[] Bytes { get; }

    public void WriteHead(long sequence, string hash)
    {
        lock (_headLock)
        {
            var partial = _headPath + ".partial";
            File.WriteAllText(partial, $"{sequence.ToString(CultureInfo.InvariantCulture)} {hash}");
            File.Move(partial, _headPath, overwrite: true);
        }
    }

    public (long Sequence, string Hash)? ReadHead()
    {
        if (!File.Exists(_headPath))
        {
            return null;
        }

        var parts = File.ReadAllText(_headPath).Split(' ', 2);
        return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var sequence) ? (sequence, parts[1]) : null;
    }
}
