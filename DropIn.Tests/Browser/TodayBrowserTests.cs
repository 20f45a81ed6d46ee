using System.Text.RegularExpressions;
using DropIn.Domain.Appointments;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Components.Shared;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>Reception's "Today" list and its "Arrived", seen live on the caseworker's diary, in real Chromium. Axe-clean.</summary>
public sealed class TodayBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Stopped at the real time (cookies are dated by it), so the appointment and the walk-in are "today" for the whole test.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private AppFactory _app = default!;
    private DateTimeOffset _start;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(kestrel: true, clock: _clock, settings: AppFactory.AlwaysOpen());
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        var sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var samId = sam.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;
        await new QueueHarness(_app).CheckInAsync(reception, "Wes Walkin");
        // Stored as booked (not through the diary's free times): the appointment is now, whatever time of day the test runs.
        _start = _clock.GetUtcNow().AddSeconds(-_clock.GetUtcNow().Second);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        await db.Users.Where(u => u.Id == samId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TakesAppointments, true));
        db.Appointments.Add(Appointment.BookedByStaff(new Slot(samId, _start, _start.AddMinutes(45)),
            new StudentBooking("Ada Lovelace", "al123@cam.ac.uk", null, "Academic appeal", AppointmentKind.InPerson), "Interview room", null, "hash", _start.AddDays(-2), samId));
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Arrived_AtReception_ShowsOnTheCaseworkersDiaryWithoutReload()
    {
        var server = _app.ServerAddress;
        var reception = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Desktop);
        var tablet = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Sam Okafor"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(reception, "/queue");
        await Pages.GotoInteractiveAsync(tablet, "/diary");
        await reception.GetByRole(AriaRole.Group, new() { Name = "Reception view" }).GetByRole(AriaRole.Button, new() { Name = "Today" }).ClickAsync();

        var list = reception.GetByTestId("today-list");
        await Assertions.Expect(list).ToContainTextAsync("Wes Walkin");
        await Assertions.Expect(list).ToContainTextAsync("Appointment with Sam Okafor");
        await Assertions.Expect(reception.GetByTestId("appointment-state")).ToHaveTextAsync("Expected");
        await Assertions.Expect(tablet.GetByTestId("appointment")).ToContainTextAsync("Ada Lovelace");
        await Assertions.Expect(tablet.GetByTestId("arrived")).ToHaveCountAsync(0);
        await Pages.AssertAccessibleAsync(reception);
        await Pages.AssertAccessibleAsync(tablet);

        await list.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($@"^Arrived\W+Ada Lovelace at {Clock.Local(_start)}") }).ClickAsync();

        var arrived = $"Arrived at {Clock.Local(_clock.GetUtcNow())}";
        await Assertions.Expect(tablet.GetByTestId("arrived")).ToHaveTextAsync(arrived);
        await Assertions.Expect(reception.GetByTestId("appointment-state")).ToHaveTextAsync(arrived);
        await Pages.AssertAccessibleAsync(reception);
        await Pages.AssertAccessibleAsync(tablet);

        await list.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Not arrived\W+Ada Lovelace") }).ClickAsync();

        await Assertions.Expect(tablet.GetByTestId("arrived")).ToHaveCountAsync(0);
        await Assertions.Expect(reception.GetByTestId("appointment-state")).ToHaveTextAsync("Expected");
    }

    [Theory]
    [InlineData(320)]
    [InlineData(768)]
    [InlineData(1366)]
    public async Task TodayList_FitsTheScreen_AndPassesAxe(int width)
    {
        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, new() { Width = width, Height = 900 });
        await Pages.GotoInteractiveAsync(page, "/queue");
        await page.GetByRole(AriaRole.Group, new() { Name = "Reception view" }).GetByRole(AriaRole.Button, new() { Name = "Today" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("today-list")).ToContainTextAsync("Ada Lovelace");
        await Pages.AssertAccessibleAsync(page);
        await Pages.AssertNoHorizontalScrollAsync(page);
    }
}
