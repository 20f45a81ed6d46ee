using DropIn.Domain;
using DropIn.Domain.Cases;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// Where uploaded files live: <c>&lt;data folder&gt;/documents/&lt;case id&gt;/&lt;stored name&gt;</c>, outside the web root, so
/// nothing reaches a file except the download endpoint, which goes through <see cref="CaseAccess"/>.
/// </summary>
public sealed class DocumentStore(string root)
{
    public string Root { get; } = root;

    public string PathOf(Guid caseId, string storedName)
    {
        // Stored names are ids the app made; anything else (a dot, a slash) would let a bad row point outside the folder.
        if (!Guid.TryParseExact(storedName, "N", out _))
        {
            throw new ArgumentException("Not a stored document name.", nameof(storedName));
        }

        return Path.Combine(Root, caseId.ToString("N"), storedName);
    }

    /// <summary>
    /// Writes <paramref name="head"/> and then the rest of <paramref name="rest"/>, refusing once more than
    /// <see cref="DocumentRules.MaxBytes"/> arrive whatever size was declared. Returns the bytes written; on any failure
    /// the partial file is gone.
    /// </summary>
    public async Task<long> WriteAsync(Guid caseId, string storedName, ReadOnlyMemory<byte> head, Stream rest, CancellationToken ct = default)
    {
        var path = PathOf(caseId, storedName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await file.WriteAsync(head, ct);
            var written = (long)head.Length;
            var buffer = new byte[81920];
            int read;
            while ((read = await rest.ReadAsync(buffer, ct)) > 0)
            {
                written += read;
                if (written > DocumentRules.MaxBytes)
                {
                    throw new RuleException($"That file is larger than the {DocumentRules.MaxBytes / 1024 / 1024} MB limit. Scan at a lower resolution or split it.");
                }

                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            return written;
        }
        catch
        {
            Delete(caseId, storedName);
            throw;
        }
    }

    public Stream OpenRead(Guid caseId, string storedName) =>
        new FileStream(PathOf(caseId, storedName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(Guid caseId, string storedName)
    {
        var path = PathOf(caseId, storedName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Reads up to <paramref name="buffer"/>'s length: a stream may hand over fewer bytes per read than asked.</summary>
    public static async Task<int> ReadHeadAsync(Stream content, Memory<byte> buffer, CancellationToken ct = default)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer[filled..], ct);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
