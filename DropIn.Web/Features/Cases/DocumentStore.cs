using System.Security.Cryptography;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Security;
using Microsoft.AspNetCore.DataProtection;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// Where uploaded files live: <c>&lt;data folder&gt;/documents/&lt;case id&gt;/&lt;stored name&gt;</c>, outside the web root, so
/// nothing reaches a file except the download endpoint, which goes through <see cref="CaseAccess"/>. Each file is
/// encrypted with Data Protection (keys in the data folder's keys directory), so a copy of the documents folder without
/// the keys is unreadable.
/// </summary>
public sealed class DocumentStore(string root, IDataProtectionProvider protection)
{
    /// <summary>Part of the key derivation: changing it would make every stored file unreadable.</summary>
    public const string Purpose = "DropIn.Documents.v1";

    private static readonly byte[] Marker = "dp1:"u8.ToArray();
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

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
    /// Writes <paramref name="head"/> and then the rest of <paramref name="rest"/>, encrypted, refusing once more than
    /// <see cref="DocumentRules.MaxBytes"/> arrive whatever size was declared. Returns the plaintext bytes received; on any
    /// failure the partial file is gone.
    /// </summary>
    public async Task<long> WriteAsync(Guid caseId, string storedName, ReadOnlyMemory<byte> head, Stream rest, CancellationToken ct = default)
    {
        var path = PathOf(caseId, storedName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var plain = new MemoryStream();
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);

            // Data Protection seals a whole payload, so the file is gathered in memory first; the limit, checked as bytes
            // arrive, keeps that bounded at 15 MB.
            plain.Write(head.Span);
            var buffer = new byte[81920];
            int read;
            while ((read = await rest.ReadAsync(buffer, ct)) > 0)
            {
                if (plain.Length + read > DocumentRules.MaxBytes)
                {
                    throw new RuleException($"That file is larger than the {DocumentRules.MaxBytes / 1024 / 1024} MB limit. Scan at a lower resolution or split it.");
                }

                plain.Write(buffer, 0, read);
            }

            var bytes = plain.ToArray();
            var sealedBytes = _protector.Protect(bytes);
            CryptographicOperations.ZeroMemory(bytes);
            await file.WriteAsync(Marker, ct);
            await file.WriteAsync(sealedBytes, ct);
            return plain.Length;
        }
        catch
        {
            Delete(caseId, storedName);
            throw;
        }
        finally
        {
            // The plaintext should not linger in freed memory longer than it must.
            CryptographicOperations.ZeroMemory(plain.GetBuffer());
            await plain.DisposeAsync();
        }
    }

    /// <summary>
    /// The file's original bytes. A file without the marker was stored before encryption and is returned as it is.
    /// Throws <see cref="CryptographicException"/> when its key is not in the key ring.
    /// </summary>
    public async Task<Stream> OpenReadAsync(Guid caseId, string storedName, CancellationToken ct = default)
    {
        var stored = await File.ReadAllBytesAsync(PathOf(caseId, storedName), ct);
        if (!stored.AsSpan().StartsWith(Marker))
        {
            return new MemoryStream(stored, writable: false);
        }

        return new MemoryStream(FieldProtection.UnprotectAtRest(_protector, stored[Marker.Length..]), writable: false);
    }

    /// <summary>Removes one file; a file already gone is not an error.</summary>
    public void Delete(Guid caseId, string storedName)
    {
        try
        {
            File.Delete(PathOf(caseId, storedName));
        }
        catch (DirectoryNotFoundException)
        {
            // Its case folder went first (another instance's retention run): the file is gone either way.
        }
    }

    /// <summary>
    /// Removes a destroyed case's folder and everything in it. With several instances on the shared folder another may
    /// be removing the same folder at the same moment (its retention run or sweep): whatever it removed first is not an
    /// error, and what is left is removed.
    /// </summary>
    public void DeleteCase(Guid caseId)
    {
        var folder = Path.Combine(Root, caseId.ToString("N"));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 3 && Directory.Exists(folder))
            {
                // The other remover took a file from under this one's listing, or the folder emptied between listing
                // and removal: list again.
            }
        }
    }

    /// <summary>Case folders on disk, by case id, with when each was last written.</summary>
    public IEnumerable<(Guid CaseId, DateTime LastWriteUtc)> CaseFolders() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root)
                .Select(d => (Ok: Guid.TryParseExact(Path.GetFileName(d), "N", out var id), Id: id, Written: Directory.GetLastWriteTimeUtc(d)))
                .Where(d => d.Ok)
                .Select(d => (d.Id, d.Written))
            : [];

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
