using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DropIn.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security;

/// <summary>
/// The Data Protection key ring every instance shares: sign-in cookies, antiforgery tokens, Blazor's component state,
/// encrypted fields (<see cref="FieldProtection"/>) and documents all depend on it. The keys are files in the data
/// folder's keys directory, never in the database, so a copy of the database alone shows only ciphertext; with
/// DropIn:DataProtection:CertificatePath set they are also encrypted with that certificate, so a copy of the keys
/// folder is no use without the certificate either.
/// </summary>
public static class KeyRing
{
    public const string CertificatePathSetting = "DropIn:DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DropIn:DataProtection:CertificatePassword";

    /// <summary>
    /// The one application name: keys are isolated per application name, so every instance must use the same one
    /// whatever folder it runs from.
    /// </summary>
    public const string ApplicationName = "DropIn";

    /// <summary>
    /// Registers Data Protection over the keys folder of <paramref name="dataFolder"/>, protected with the configured
    /// certificate (a PKCS#12 file, absolute or relative to <paramref name="contentRoot"/>) when there is one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The certificate is configured but cannot be read, or has no private key.</exception>
    public static IDataProtectionBuilder AddDropInKeyRing(this IServiceCollection services, IConfiguration configuration, string dataFolder, string contentRoot)
    {
        var protection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(DataFolder.Keys(dataFolder)));
        if (configuration[CertificatePathSetting] is { Length: > 0 } path)
        {
            protection.ProtectKeysWithCertificate(LoadCertificate(Path.Combine(contentRoot, path), configuration[CertificatePasswordSetting]));
        }

        return protection;
    }

    /// <summary>
    /// Makes sure the key ring holds a key usable now, creating one if it does not. The <c>migrate</c> step calls it
    /// once before a rollout: a cluster instance never creates the first key, because two instances starting together
    /// would each create one and activate it at once, and for a while neither could read what the other protected
    /// (dotnet/aspnetcore#52678). Later keys are made by the instances themselves, each a few days before it is
    /// needed, which every instance sees in time. Idempotent; safe in single-server mode too.
    /// </summary>
    /// <param name="services">The app's services (<c>app.Services</c>), configured by <see cref="AddDropInKeyRing"/>.</param>
    /// <returns>True when a key was created, false when the ring already had one.</returns>
    public static Task<bool> ProvisionAsync(IServiceProvider services, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var keys = services.GetRequiredService<IKeyManager>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (HasKeyUsableAt(keys, now))
        {
            return Task.FromResult(false);
        }

        var lifetime = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime;
        keys.CreateNewKey(activationDate: now, expirationDate: now + lifetime);
        return Task.FromResult(true);
    }

    /// <summary>True when some key in the ring is activated, not expired and not revoked at <paramref name="now"/> (UTC).</summary>
    public static bool HasKeyUsableAt(IKeyManager keys, DateTimeOffset now) =>
        keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && now < k.ExpirationDate);

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The Data Protection certificate ({CertificatePathSetting}) could not be read: {ex.Message} Check the path and {CertificatePasswordSetting}.", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException(
                $"The Data Protection certificate ({CertificatePathSetting}) has no private key: the keys it protects could not be read back. Use the PKCS#12 (.pfx) file with its key.");
        }

        return certificate;
    }
}
