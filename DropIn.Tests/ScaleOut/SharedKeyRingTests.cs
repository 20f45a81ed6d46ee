using System.Net;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// Two app instances over one data folder, as two servers mounting the same shared storage: what one protects (a
/// sign-in cookie, an antiforgery token, an encrypted field) the other reads, and the keys on disk are encrypted
/// with the configured certificate, so a copy of them without it is of no use.
/// </summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private readonly string _dataFolder = TempFolder.Create();
    private AppFactory _a = default!;
    private AppFactory _b = default!;

    private string CertificatePath => Path.Combine(_dataFolder, "..", Path.GetFileName(_dataFolder) + "-keyring.pfx");

    public async ValueTask InitializeAsync()
    {
        TestCertificate.Create(CertificatePath);
        var settings = new Dictionary<string, string?>
        {
            [KeyRing.CertificatePathSetting] = CertificatePath,
            [KeyRing.CertificatePasswordSetting] = TestCertificate.Password,
        };
        _a = new AppFactory(_dataFolder, settings: settings);
        await _a.StaffAsync("Rita Reception", Roles.Reception); // A starts first and migrates the shared file
        _b = new AppFactory(_dataFolder, settings: settings);
        _ = _b.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task ASignInOnOneInstance_WorksOnTheOther_AndItsFormsTokensToo()
    {
        var cookies = new CookieContainer();
        var onA = _a.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        var onB = _b.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.Redirect, (await onB.GetAsync("/")).StatusCode); // not signed in yet: off to the sign-in page

        // The form (and its antiforgery token) from A, posted to B; then B's sign-in cookie used on A.
        await StaffBrowserClient.SignedInAsync(onA, onB, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword);
        var home = await onA.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public void AFieldEncryptedOnOneInstance_ReadsOnTheOther()
    {
        var stored = _a.Services.GetRequiredService<FieldProtection>().Protect("Glandular fever in May");

        var read = _b.Services.GetRequiredService<FieldProtection>().Unprotect(stored);

        Assert.Equal("Glandular fever in May", read);
    }

    [Fact]
    public void TheKeysOnDisk_AreEncryptedWithTheCertificate_AndUselessWithoutIt()
    {
        var stored = _a.Services.GetRequiredService<FieldProtection>().Protect("Glandular fever in May");
        var keyFiles = Directory.GetFiles(Path.Combine(_dataFolder, "keys"), "key-*.xml");
        var copy = TempFolder.Create();
        Directory.CreateDirectory(Path.Combine(copy, "keys"));
        foreach (var file in keyFiles)
        {
            File.Copy(file, Path.Combine(copy, "keys", Path.GetFileName(file)));
        }

        using var withoutCertificate = KeyRingOnly(copy);
        using var withCertificate = KeyRingOnly(copy, CertificatePath);

        var key = Assert.Single(keyFiles);
        Assert.Contains("EncryptedData", File.ReadAllText(key), StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", File.ReadAllText(key), StringComparison.Ordinal);
        Assert.Equal(FieldProtection.Unreadable, FieldsOf(withoutCertificate).Unprotect(stored));
        Assert.Equal("Glandular fever in May", FieldsOf(withCertificate).Unprotect(stored));
    }

    [Fact]
    public async Task Provisioning_MakesOneKeyOnce_AndInstancesStartingTogetherShareIt()
    {
        var shared = TempFolder.Create();
        using var migrate = KeyRingOnly(shared, CertificatePath);

        var made = await KeyRing.ProvisionAsync(migrate);
        var again = await KeyRing.ProvisionAsync(migrate);

        // Two instances start at the same moment and protect at once: neither makes a key of its own.
        using var a = KeyRingOnly(shared, CertificatePath);
        using var b = KeyRingOnly(shared, CertificatePath);
        var fromA = Task.Run(() => FieldsOf(a).Protect("from A"));
        var fromB = Task.Run(() => FieldsOf(b).Protect("from B"));
        var protectedAtOnce = await Task.WhenAll(fromA, fromB);

        Assert.Equal((true, false), (made, again));
        Assert.Single(Directory.GetFiles(Path.Combine(shared, "keys"), "key-*.xml"));
        Assert.Equal("from A", FieldsOf(b).Unprotect(protectedAtOnce[0]));
        Assert.Equal("from B", FieldsOf(a).Unprotect(protectedAtOnce[1]));
        Assert.True(KeyRing.HasKeyUsableAt(a.GetRequiredService<IKeyManager>(), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void ACertificateThatCannotBeRead_StopsTheAppWithAClearMessage()
    {
        var settings = new Dictionary<string, string?> { [KeyRing.CertificatePathSetting] = CertificatePath, [KeyRing.CertificatePasswordSetting] = "wrong" };

        var refused = Assert.Throws<InvalidOperationException>(() => KeyRingOnly(TempFolder.Create(), settings));

        Assert.StartsWith($"The Data Protection certificate ({KeyRing.CertificatePathSetting}) could not be read", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Just the app's Data Protection registration over a data folder, as a second process would have it.</summary>
    private static ServiceProvider KeyRingOnly(string dataFolder, string? certificate = null) =>
        KeyRingOnly(dataFolder, certificate is null
            ? []
            : new Dictionary<string, string?> { [KeyRing.CertificatePathSetting] = certificate, [KeyRing.CertificatePasswordSetting] = TestCertificate.Password });

    private static ServiceProvider KeyRingOnly(string dataFolder, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddDropInKeyRing(configuration, dataFolder, dataFolder);
        return services.BuildServiceProvider();
    }

    private static FieldProtection FieldsOf(IServiceProvider services) =>
        new(services.GetRequiredService<IDataProtectionProvider>(), NullLogger<FieldProtection>.Instance);
}
