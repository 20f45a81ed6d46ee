using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Availability;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Tests.Integration;

/// <summary>
/// Two managers changing availability at the same moment, against the real SQLite file (and, in
/// <see cref="AvailabilityRaceOnPostgresTests"/>, PostgreSQL): a rule that spans rows (no overlapping windows or leave
/// for one caseworker, one closure per day, deadlines that count every closure) holds, and the one who loses is told
/// why in words, never with an error page.
/// </summary>
public class AvailabilityRaceTests : IAsyncLifetime
{
    private readonly AppFactory _app;
    private ClaimsPrincipal _morgan = default!;
    private ClaimsPrincipal _jo = default!;
    private string _priya = "";

    public AvailabilityRaceTests()
        : this(postgres: false)
    {
    }

    protected AvailabilityRaceTests(bool postgres) => _app = new(clock: London.Clock(2026, 11, 23, 9, 0), postgres: postgres);

    public async ValueTask InitializeAsync()
    {
        _morgan = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _jo = await _app.StaffAsync("Jo Manager", Roles.Manager);
        _priya = (await _app.StaffAsync("Priya Shah", Roles.Caseworker)).FindFirstValue(ClaimTypes.NameIdentifier)!;
        await AdminAsync(a => a.SetFlagsAsync(_morgan, _priya, takesAppointments: true, staffsDropIn: false));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private Task AdminAsync(Func<AvailabilityAdminService, Task> use) => _app.UseAsync(use);

    private static void OneDoneOneToldWhy(Exception?[] outcomes, string why)
    {
        Assert.Single(outcomes, o => o is null);
        var refused = Assert.IsType<RuleException>(Assert.Single(outcomes, o => o is not null));
        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddWindow_TwoManagersAtOnce_OverlappingWindows_OneSaved_AndNoTwoFreeTimesOverlap()
    {
        var days = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        for (var round = 0; round < 10; round++)
        {
            var day = days[round % days.Length];
            // A clear day for each race (the second week's rounds remove the first week's window).
            var view = await _app.UseAsync<AvailabilityAdminService, AvailabilityView>(a => a.GetAsync(_morgan));
            foreach (var window in view.Caseworkers.Single(c => c.Id == _priya).Windows.Where(w => w.Day == day))
            {
                await AdminAsync(a => a.RemoveWindowAsync(_morgan, window.Id));
            }

            var outcomes = await AtOnce.RunAsync(
                () => AdminAsync(a => a.AddWindowAsync(_morgan, _priya, day, new TimeOnly(9, 0), new TimeOnly(12, 0))),
                () => AdminAsync(a => a.AddWindowAsync(_jo, _priya, day, new TimeOnly(10, 30), new TimeOnly(13, 0))));

            OneDoneOneToldWhy(outcomes, "overlaps");
        }

        var slots = new List<Web.Features.Appointments.Diary.StaffSlot>();
        for (var date = new DateOnly(2026, 11, 23); date <= new DateOnly(2026, 11, 27); date = date.AddDays(1))
        {
            slots.AddRange(await _app.UseAsync<DiaryService, IReadOnlyList<StaffSlot>>(d => d.FreeSlotsAsync(_morgan, date)));
        }

        Assert.NotEmpty(slots);
        Assert.All(slots, a => Assert.DoesNotContain(slots, b => b != a && a.Slot.Start < b.Slot.End && b.Slot.Start < a.Slot.End));
    }

    [Fact]
    public async Task AddLeave_OverlappingLeave_IsRefused_AlsoWhenTwoManagersAddItAtOnce()
    {
        await AdminAsync(a => a.AddLeaveAsync(_morgan, _priya, new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 24)));
        var again = await Assert.ThrowsAsync<RuleException>(() => AdminAsync(a => a.AddLeaveAsync(_jo, _priya, new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 31))));

        var outcomes = await AtOnce.RunAsync(
            () => AdminAsync(a => a.AddLeaveAsync(_morgan, _priya, new DateOnly(2027, 2, 15), new DateOnly(2027, 2, 19))),
            () => AdminAsync(a => a.AddLeaveAsync(_jo, _priya, new DateOnly(2027, 2, 19), new DateOnly(2027, 2, 26))));

        Assert.Equal("That overlaps leave already set from 21 Dec 2026 to 24 Dec 2026.", again.Message);
        OneDoneOneToldWhy(outcomes, "overlaps leave");
        var view = await _app.UseAsync<AvailabilityAdminService, AvailabilityView>(a => a.GetAsync(_morgan));
        Assert.Equal(2, view.Caseworkers.Single(c => c.Id == _priya).Leave.Count);
    }

    [Fact]
    public async Task AddClosure_SameDayByTwoManagersAtOnce_OneSaved_TheOtherToldItIsAlreadyClosed()
    {
        for (var round = 0; round < 5; round++)
        {
            var date = new DateOnly(2026, 12, 21).AddDays(round);
            var outcomes = await AtOnce.RunAsync(
                () => AdminAsync(a => a.AddClosureAsync(_morgan, date, "Christmas closure")),
                () => AdminAsync(a => a.AddClosureAsync(_jo, date, "Christmas closure")));

            OneDoneOneToldWhy(outcomes, "already a closure");
        }
    }

    [Fact]
    public async Task AddClosure_TwoDaysAtOnce_AnOpenEnquiryCountsBoth()
    {
        // Received Monday 23 November at 09:00: the target is normally 17:00 on Wednesday, two working days on.
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        var enquiries = new List<Enquiry>();
        for (var i = 0; i < 5; i++)
        {
            enquiries.Add(await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(reception, EnquiryChannel.Email, London.At(2026, 11, 23, 9, 0), $"Student {i}", null, "About a deadline", null)));
        }

        var outcomes = await AtOnce.RunAsync(
            () => AdminAsync(a => a.AddClosureAsync(_morgan, new DateOnly(2026, 11, 24), "Staff training")),
            () => AdminAsync(a => a.AddClosureAsync(_jo, new DateOnly(2026, 11, 25), "Staff training")));

        Assert.All(outcomes, Assert.Null);
        await using var db = await new AppointmentHarness(_app).DbAsync();
        var targets = await db.Enquiries.AsNoTracking().Select(e => e.TargetAt).ToListAsync();
        Assert.All(targets, t => Assert.Equal(London.At(2026, 11, 27, 17, 0), t));
    }
}

/// <summary>The same races on PostgreSQL, where nothing lets only one writer in at a time by itself (issue: scale-out).</summary>
public sealed class AvailabilityRaceOnPostgresTests() : AvailabilityRaceTests(postgres: true);
