using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace DropIn.Web.Security;

/// <summary>
/// Encrypts confidential text columns (case notes, consent details, monitoring answers) with Data Protection, whose
/// keys live in the data folder's keys directory and never in the database: a copy of the database alone shows only
/// ciphertext. Stored values carry <see cref="Prefix"/>; a value without it was written before encryption and is read as
/// it is, so an older database keeps working and is encrypted row by row as rows are rewritten.
/// </summary>
public sealed class FieldProtection
{
    /// <summary>Part of the key derivation: changing it would make every stored value unreadable.</summary>
    public const string Purpose = "DropIn.FieldEncryption.v1";

    public const string Prefix = "dp1:";

    /// <summary>What a field reads as when its key is not in the key ring (a database restored without its keys folder).</summary>
    public const string Unreadable = "(cannot be decrypted: keys missing)";

    private readonly IDataProtector _protector;
    private readonly ILogger<FieldProtection> _logger;

    public FieldProtection(IDataProtectionProvider provider, ILogger<FieldProtection> logger)
    {
        _protector = provider.CreateProtector(Purpose);
        _logger = logger;
    }

    public string Protect(string plaintext) =>
        Prefix + Base64Url.EncodeToString(_protector.Protect(Encoding.UTF8.GetBytes(plaintext)));

    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        try
        {
            return Encoding.UTF8.GetString(UnprotectAtRest(_protector, Base64Url.DecodeFromChars(stored.AsSpan(Prefix.Length))));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            // A page with a placeholder beats a page that will not open; the log (which never sees the text) says why.
            _logger.LogWarning("A protected field could not be decrypted: its key is not in the key ring, or the value is damaged");
            return Unreadable;
        }
    }

    /// <summary>A date kept as an encrypted ISO string, so a date of birth is not readable from the database either.</summary>
    public string ProtectDate(DateOnly date) => Protect(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The date, or <see cref="DateOnly.MinValue"/> when it cannot be decrypted (a date has no room for a message).</summary>
    public DateOnly UnprotectDate(string stored) =>
        DateOnly.TryParseExact(Unprotect(stored), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : DateOnly.MinValue;

    /// <summary>
    /// Unprotects data at rest even when its key has been revoked. Revocation is for tokens and cookies that must stop
    /// working; stored notes must stay readable for as long as their key is in the ring, or revoking a key would destroy them.
    /// </summary>
    internal static byte[] UnprotectAtRest(IDataProtector protector, byte[] protectedData) =>
        protector is IPersistedDataProtector persisted
            ? persisted.DangerousUnprotect(protectedData, ignoreRevocationErrors: true, out _, out _)
            : protector.Unprotect(protectedData);
}
