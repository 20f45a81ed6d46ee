using System.Security.Claims;
using DropIn.Domain;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments.Availability;
using DropIn.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

public sealed class AvailabilityAdminTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(clock: London.Clock(2026, 11, 23, 9, 0));
    private AppointmentHarness _h = default!;
    private ClaimsPrincipal _manager = default!;
    private string _samId = "";

    public async ValueTask InitializeAsync()
    {
        _h = new AppointmentHarness(_app);
        _samId = (await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0))).FindFirstValue(ClaimTypes.NameIdentifier)!;
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<T> AdminAsync<T>(Func<AvailabilityAdminService, Task<T>> use) => _app.UseAsync(use);

    private Task AdminAsync(Func<AvailabilityAdminService, Task> use) => _app.UseAsync(use);

    private Task<IReadOnlyList<DateTimeOffset>> FreeOnAsync(DateOnly day) => _h.StudentAsync(s => s.FreeTimesAsync(day, day));

    [Fact]
    public async Task ClosureAndLeave_RemoveThoseDaysFromFreeTimes()
    {
        var wednesday = new DateOnly(2026, 11, 25);
        var thursday = new DateOnly(2026, 11, 26);
        Assert.NotEmpty(await FreeOnAsync(wednesday));

        await AdminAsync(a => a.AddClosureAsync(_manager, wednesday, "Staff training day"));
        await AdminAsync(a => a.AddLeaveAsync(_manager, _samId, thursday, thursday));

        Assert.Empty(await FreeOnAsync(wednesday));
        Assert.Empty(await FreeOnAsync(thursday));
        Assert.NotEmpty(await FreeOnAsync(new DateOnly(2026, 11, 27)));
        var view = await AdminAsync(a => a.GetAsync(_manager));
        Assert.Equal("Staff training day", Assert.Single(view.Closures).Reason);
    }

    [Fact]
    public async Task Window_AddedForAnotherDay_OffersItsTimes_OverlapIsRefused()
    {
        // Students were choosing times already: what they are offered changes as soon as the manager saves.
        Assert.Equal(2, (await FreeOnAsync(new DateOnly(2026, 11, 25))).Count);
        await AdminAsync(a => a.AddWindowAsync(_manager, _samId, DayOfWeek.Wednesday, new TimeOnly(14, 0), new TimeOnly(16, 0)));
        var overlap = await Assert.ThrowsAsync<RuleException>(() => AdminAsync(a => a.AddWindowAsync(_manager, _samId, DayOfWeek.Wednesday, new TimeOnly(11, 0), new TimeOnly(15, 0))));

        var times = (await FreeOnAsync(new DateOnly(2026, 11, 25))).Select(t => DropIn.Domain.Calendar.LondonTime.ToLocal(t).Hour);
        Assert.Equal([10, 11, 14, 15], times);
        Assert.Contains("overlaps", overlap.Message);
    }

    [Fact]
    public async Task TakesAppointmentsOff_RemovesTheCaseworkerFromFreeTimes_ReceptionCannotChangeIt()
    {
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);

        await Assert.ThrowsAsync<ForbiddenException>(() => AdminAsync(a => a.SetFlagsAsync(reception, _samId, false, false)));
        Assert.NotEmpty(await FreeOnAsync(new DateOnly(2026, 11, 25)));
        await AdminAsync(a => a.SetFlagsAsync(_manager, _samId, false, false));

        Assert.Empty(await FreeOnAsync(new DateOnly(2026, 11, 25)));
    }
}
