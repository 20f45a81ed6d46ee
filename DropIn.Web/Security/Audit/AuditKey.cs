using System.Globalization;
using System.Security.Cryptography;
using DropIn.Web.Data;

namespace DropIn.Web.Security.Audit;

/// <summary>
/// The secret that signs the audit trail, and the newest entry's number and hash (the head). Both live in the data
/// folder's keys directory, outside the database: someone who can edit the database cannot re-sign what they changed,
/// nor cut entries off the end unnoticed. In cluster mode that folder is shared, so every instance signs with the one
/// key and moves the one head.
/// </summary>
public sealed class AuditKey
{
    public const string KeyFileName = "audit.key";

    /// <summary>The newest entry's number and hash, in the keys folder.</summary>
    public const string HeadFileName = "audit.head";

    /// <summary>What a cluster instance says when the key was never provisioned.</summary>
    public const string NotProvisioned =
        "The audit key (keys/audit.key in the data folder) is not provisioned. Run the migrate step once before starting cluster instances: an instance never makes its own, or each would sign the trail with a different key.";

    /// <summary>Long enough for any other writer to move the head, short enough that a stuck lock is reported.</summary>
    private static readonly TimeSpan HeadLockWait = TimeSpan.FromSeconds(30);

    private readonly string _headPath;
    private readonly string _headLockPath;

    /// <param name="keysFolder">The keys folder of the data folder.</param>
    /// <param name="generateIfMissing">
    /// True on a single server: the first start makes the key. False in cluster mode: the key must have been provisioned
    /// (<see cref="ProvisionAsync"/>), because two instances making their own would sign with different keys.
    /// </param>
    /// <exception cref="InvalidOperationException">The key is missing and may not be generated here (<see cref="NotProvisioned"/>).</exception>
    public AuditKey(string keysFolder, bool generateIfMissing = true)
    {
        var keyPath = Path.Combine(keysFolder, KeyFileName);
        _headPath = Path.Combine(keysFolder, HeadFileName);
        _headLockPath = _headPath + ".lock";
        if (!File.Exists(keyPath))
        {
            if (!generateIfMissing)
            {
                throw new InvalidOperationException(NotProvisioned);
            }

            Provision(keysFolder);
        }

        Bytes = Convert.FromBase64String(File.ReadAllText(keyPath).Trim());
    }

    public byte[] Bytes { get; }

    /// <summary>True when the keys folder holds an audit key.</summary>
    public static bool IsProvisioned(string keysFolder) => File.Exists(Path.Combine(keysFolder, KeyFileName));

    /// <summary>
    /// Makes the audit key if there is none. The <c>migrate</c> step calls it once before a rollout; a cluster instance
    /// never makes the key itself. Idempotent, and safe if two callers race: the first key written is the one kept.
    /// Safe in single-server mode too (the first start would make the same kind of key).
    /// </summary>
    /// <param name="services">The app's services (<c>app.Services</c>): the data folder comes from its configuration.</param>
    /// <returns>True when a key was made, false when there already was one.</returns>
    public static Task<bool> ProvisionAsync(IServiceProvider services, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var configuration = services.GetRequiredService<IConfiguration>();
        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return Task.FromResult(Provision(DataFolder.Keys(DataFolder.Resolve(configuration, contentRoot))));
    }

    /// <inheritdoc cref="ProvisionAsync"/>
    public static bool Provision(string keysFolder)
    {
        Directory.CreateDirectory(keysFolder);
        var keyPath = Path.Combine(keysFolder, KeyFileName);
        if (File.Exists(keyPath))
        {
            return false;
        }

        // Written aside, readable by this account only from the first byte, then moved into place without replacing:
        // of two instances provisioning at once, one key wins and both read it.
        var partial = Path.Combine(keysFolder, $"{KeyFileName}.{Guid.NewGuid():N}.partial");
        try
        {
            var owner = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(partial, owner))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }

            File.Move(partial, keyPath, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(keyPath))
        {
            return false;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Moves the head to <paramref name="sequence"/> if that is newer than the head on disk; never moves it back. Several
    /// processes on several hosts append at once, each writing the head after its own entry, so an older entry's write
    /// can arrive after a newer one's: it is dropped. Writers take turns through a lock file beside the head (an
    /// exclusive file lock, which a shared folder must support: NFSv4 and SMB do); readers need no lock, because the
    /// head is replaced whole by a rename.
    /// </summary>
    /// <exception cref="IOException">Another writer held the head for longer than 30 seconds.</exception>
    public async Task WriteHeadAsync(long sequence, string hash, CancellationToken ct = default)
    {
        // One process appends one entry at a time (AuditLog), so the lock is contended only between processes.
        await using var turn = await TakeHeadTurnAsync(ct);
        if (ReadHead() is { } current && current.Sequence >= sequence)
        {
            return;
        }

        var partial = _headPath + ".partial";
        await File.WriteAllTextAsync(partial, $"{sequence.ToString(CultureInfo.InvariantCulture)} {hash}", ct);
        File.Move(partial, _headPath, overwrite: true);
    }

    public (long Sequence, string Hash)? ReadHead()
    {
        string text;
        try
        {
            text = File.ReadAllText(_headPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var parts = text.Split(' ', 2);
        return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var sequence) ? (sequence, parts[1]) : null;
    }

    /// <summary>An exclusive lock on the lock file, held until the returned stream is disposed.</summary>
    private async Task<FileStream> TakeHeadTurnAsync(CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Linux: another process (or another instance here) holding it
                // makes this open fail at once, so wait a moment and try again.
                return new FileStream(_headLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < HeadLockWait && File.Exists(_headLockPath))
            {
                await Task.Delay(Random.Shared.Next(1, 5), ct);
            }
        }
    }
}
