using System.Security.Cryptography;
using System.Text;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace DropIn.Web.Security.TwoFactor;

/// <summary>
/// Identity's store, with the second factor kept out of reach of a copied database: the authenticator key is
/// encrypted with the Data Protection keys (which live outside the database), and recovery codes are kept only as
/// hashes. Identity would store both as plain text, and then the database alone would undo two-step sign-in.
/// </summary>
public sealed class StaffUserStore(DropInDbContext db, FieldProtection protection, IdentityErrorDescriber? describer = null)
    : UserStore<StaffUser, IdentityRole, DropInDbContext>(db, describer)
{
    public override Task SetAuthenticatorKeyAsync(StaffUser user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, protection.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        var key = stored is null ? null : protection.Unprotect(stored);
        // Without its Data Protection key the app's codes cannot be checked; recovery codes still sign in.
        return key == FieldProtection.Unreadable ? null : key;
    }

    public override Task ReplaceCodesAsync(StaffUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override Task<bool> RedeemCodeAsync(StaffUser user, string code, CancellationToken cancellationToken) =>
        base.RedeemCodeAsync(user, Hash(code), cancellationToken);

    /// <summary>Recovery codes are long random strings, so a plain SHA-256 is enough: there is nothing to guess from.</summary>
    private static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}
