using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Queue.Kiosk;
using DropIn.Web.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>
/// A manager sets up the reception tablet (768 px) without signing in on it; a student checks in on it and sees the
/// ticket number and a QR code; reception sees the ticket marked here; the tablet clears itself when left; a revoked
/// tablet asks to be set up again. Axe-clean, and it fits at 320 px.
/// </summary>
public sealed class KioskBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Tuesday 24 November 2026, 12:05 London: the drop-in (12:00-14:00) is open, whatever the time of the run.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 5);
    private AppFactory _app = default!;

    public async ValueTask InitializeAsync()
    {
        // Ten minutes idle, which the tablet's clock jumps over when the test says: no check, however slow on a loaded
        // machine, can outlast it (with 12-15 s of real time, CI twice saw the screen clear before the test looked).
        _app = new AppFactory(kestrel: true, clock: _clock, settings: new Dictionary<string, string?> { ["DropIn:Queue:KioskIdleSeconds"] = "600" });
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AManagerSetsUpTheTablet_AStudentChecksIn_TheTabletClearsItself_AndStopsWhenRevoked()
    {
        var server = _app.ServerAddress;
        var manager = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Desktop);
        var tablet = await (await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Tablet })).NewPageAsync();
        // The tablet's clock is the test's to stop and move on (below).
        await tablet.Clock.InstallAsync();

        await Pages.GotoInteractiveAsync(manager, KioskPaths.Kiosks);
        await manager.GetByLabel("Name of the new kiosk").FillAsync("Reception tablet");
        // One line of field with its hint, not a tall box (its width once landed on its height).
        var field = await manager.Locator(".mud-input-control").Filter(new() { Has = manager.GetByLabel("Name of the new kiosk") }).BoundingBoxAsync();
        Assert.True(field!.Height < 100, $"The kiosk name field is {field.Height:0} px tall.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Add a kiosk" }).ClickAsync();
        var code = await manager.Locator(".enrolment-code").TextContentAsync();
        await Assertions.Expect(manager.GetByTestId("kiosk")).ToContainTextAsync("Waiting for its code");
        await Pages.AssertAccessibleAsync(manager);

        await tablet.GotoAsync(KioskPaths.Kiosk);
        await Pages.AssertAccessibleAsync(tablet);
        await tablet.GetByLabel("Enrolment code").FillAsync(code!);
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Set up this tablet" }).ClickAsync();
        await Assertions.Expect(tablet.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check in for the drop-in");
        await Assertions.Expect(tablet.GetByRole(AriaRole.Status)).ToHaveTextAsync("This tablet is set up as a check-in kiosk. Students can check themselves in below.");
        await Pages.AssertAccessibleAsync(tablet);
        await Pages.AssertNoHorizontalScrollAsync(tablet);

        await tablet.GetByLabel("First name or initials").FillAsync("Wilhelmina");
        await tablet.GetByLabel("Your university email").FillAsync("wt123@cam.ac.uk");
        await tablet.GetByLabel("What is it about, in a few words?").FillAsync("Fitness to practise");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await Assertions.Expect(tablet.Locator("[data-ticket]")).ToHaveTextAsync("A01");
        await Assertions.Expect(tablet.GetByRole(AriaRole.Img, new() { Name = "QR code to follow your place on your phone" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(tablet);
        await Pages.AssertNoHorizontalScrollAsync(tablet);
        await tablet.SetViewportSizeAsync(320, 640);
        await Pages.AssertNoHorizontalScrollAsync(tablet);

        // From here the tablet's time stands still but for the test's steps, so a slow machine cannot run the warning out
        // before the test reads it (with the clock running, CI saw the screen clear first). The student's last touch
        // starts the idle time.
        var tabletNow = await tablet.EvaluateAsync<double>("Date.now()");
        await tablet.Clock.PauseAtAsync(DateTimeOffset.FromUnixTimeMilliseconds((long)tabletNow).UtcDateTime.AddMinutes(1));
        await tablet.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();

        // Left alone, the ticket and its QR code go: first a warning with a way to keep it, then the empty form.
        await tablet.Clock.RunForAsync("09:50");
        await Assertions.Expect(tablet.GetByRole(AriaRole.Alert)).ToContainTextAsync("This screen clears in");
        await tablet.Clock.RunForAsync("00:15");
        await Assertions.Expect(tablet.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check in for the drop-in");
        await Assertions.Expect(tablet.GetByLabel("First name or initials")).ToHaveValueAsync("");
        await Pages.AssertNoHorizontalScrollAsync(tablet);

        // Half-typed details are cleared too; a touch on "I need more time" keeps them.
        await tablet.GetByLabel("First name or initials").FillAsync("Halfway");
        await tablet.Clock.RunForAsync("09:50");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "I need more time" }).ClickAsync();
        await tablet.Clock.RunForAsync("09:50");
        await Assertions.Expect(tablet.GetByLabel("First name or initials")).ToHaveValueAsync("Halfway");
        await tablet.Clock.RunForAsync("00:15");
        await Assertions.Expect(tablet.GetByLabel("First name or initials")).ToHaveValueAsync("");
        // axe waits on the page's timers, so it runs once the clock goes again.
        await tablet.Clock.ResumeAsync();
        await Pages.AssertAccessibleAsync(tablet);

        await Pages.GotoInteractiveAsync(manager, "/queue");
        await Assertions.Expect(manager.GetByTestId("waiting-table")).ToContainTextAsync("Wilhelmina");
        await Assertions.Expect(manager.GetByTestId("waiting-table")).ToContainTextAsync("Checked in at the kiosk");
        await manager.GetByRole(AriaRole.Group, new() { Name = "Reception view" }).GetByRole(AriaRole.Button, new() { Name = "Today" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("today-list")).ToContainTextAsync("Checked in at the kiosk · ticket A01");

        await Pages.GotoInteractiveAsync(manager, KioskPaths.Kiosks);
        await Assertions.Expect(manager.GetByTestId("kiosk")).ToContainTextAsync("In use");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Revoke Reception tablet" }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("kiosk")).ToContainTextAsync("Revoked");

        await tablet.ReloadAsync();
        await Assertions.Expect(tablet.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up this tablet as a check-in kiosk");
    }
}
