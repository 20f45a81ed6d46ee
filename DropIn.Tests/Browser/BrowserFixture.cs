using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(DropIn.Tests.Browser.BrowserFixture))]

namespace DropIn.Tests.Browser;

/// <summary>
/// One Debian Chromium for the whole run (Playwright downloads nothing here). CHROMIUM_PATH overrides where it is.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium did not start.");

    public async ValueTask InitializeAsync()
    {
        // The suite runs test classes in parallel on two cores: a live update between two Chromium pages can take more
        // than Playwright's 5 s default there, and on a machine loaded by other work (shaken beside a CPU burner) a save
        // took more than 15 s. The assertions are the same; only the patience is longer, and a passing run waits no longer.
        Assertions.SetDefaultExpectTimeout(30_000);
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            // Only the browser tests need it; they fail with this message rather than every test failing.
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",

                // Nothing but this machine resolves. localhost too: WebAuthn (passkeys) needs a domain, not an IP address.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",

                // Each page stands for a screen on its own device, in the foreground: background-tab timer throttling
                // would otherwise delay every page but one by up to a second.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
