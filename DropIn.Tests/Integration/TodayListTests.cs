using System.Security.Claims;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>Reception's one "Today" list and the "Arrived" of an appointment, over the real app and SQLite file.</summary>
public sealed class TodayListTests : IAsyncLifetime
{
    // Monday 23 November 2026, a day without a drop-in; most tests move on to Tuesday, in the 12:00–14:00 session.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;
    private QueueHarness _queue = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private string _samId = "";

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _h = new AppointmentHarness(_app);
        _queue = new QueueHarness(_app);
        _sam = await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(16, 0), room: "Interview room");
        _samId = _sam.FindFirstValue(ClaimTypes.NameIdentifier)!;
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Tuesday 24 November 2026, five minutes into the drop-in session.</summary>
    private void AtTheDropIn() => _clock.SetUtcNow(London.At(2026, 11, 24, 12, 5));

    private Task<TodayView> TodayAsync(ClaimsPrincipal user) => _app.UseAsync<TodayService, TodayView>(t => t.GetAsync(user));

    private Task<Appointment> BookAsync(DateTimeOffset start, string name = "Ada Lovelace", string email = "al123@cam.ac.uk") =>
        _h.DiaryAsync(d => d.BookAsync(_reception, new Slot(_samId, start, start.AddMinutes(45)), AppointmentHarness.Booking(name, email)));

    [Fact]
    public async Task Today_HoldsWalkInsAndTodaysAppointments_InTimeOrder()
    {
        AtTheDropIn();
        var first = await _queue.CheckInAsync(_reception, "Wes Walkin");
        var appointment = await BookAsync(London.At(2026, 11, 24, 13, 0));
        await BookAsync(London.At(2026, 11, 25, 13, 0), "Tomorrow Person", "tp1@cam.ac.uk");
        _clock.SetUtcNow(London.At(2026, 11, 24, 13, 20));
        var second = await _queue.CheckInAsync(_reception, "Lara Late");

        var today = await TodayAsync(_reception);

        Assert.Equal([first.Id, appointment.Id, second.Id], today.Entries.Select(e => e.Ticket?.Id ?? e.Appointment!.Appointment.Id));
        var row = today.Entries[1].Appointment!;
        Assert.Equal(("Ada Lovelace", "Sam Okafor"), (row.Appointment.StudentName, row.CaseworkerName));
    }

    [Fact]
    public async Task Today_OnADayWithoutADropInSession_StillShowsTodaysAppointments()
    {
        var appointment = await BookAsync(London.At(2026, 11, 23, 11, 0));

        var today = await TodayAsync(_reception);

        Assert.Equal(appointment.Id, Assert.Single(today.Entries).Appointment!.Appointment.Id);
    }

    [Fact]
    public async Task Arrived_ByTwoReceptionistsAtOnce_GivesOneArrivalTime_AndNoError()
    {
        AtTheDropIn();
        var appointment = await BookAsync(London.At(2026, 11, 24, 13, 0));
        var colleague = await _app.StaffAsync("Ravi Reception", Roles.Reception);
        _clock.SetUtcNow(London.At(2026, 11, 24, 12, 52));

        var outcomes = await AtOnce.RunAsync(
            () => _h.DiaryAsync(d => d.MarkArrivedAsync(_reception, appointment.Id)),
            () => _h.DiaryAsync(d => d.MarkArrivedAsync(colleague, appointment.Id)));
        _clock.Advance(TimeSpan.FromMinutes(2));
        await _h.DiaryAsync(d => d.MarkArrivedAsync(colleague, appointment.Id));

        Assert.All(outcomes, Assert.Null);
        Assert.Equal(London.At(2026, 11, 24, 12, 52), Assert.Single(await _h.AppointmentsAsync()).ArrivedAt);
        var row = (await TodayAsync(_reception)).Entries.Single(e => e.Appointment is not null);
        Assert.Equal("Arrived at 12:52", Web.Features.Appointments.Diary.AppointmentText.OnTheDay(row.Appointment!.Appointment));
        await using var db = await _h.DbAsync();
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == "appointment.arrived" && e.RecordId == appointment.Id.ToString()));
    }

    [Fact]
    public async Task Arrived_BySomeoneWhoMayNotCheckIn_IsRefusedInTheService()
    {
        AtTheDropIn();
        var appointment = await BookAsync(London.At(2026, 11, 24, 13, 0));

        await Assert.ThrowsAsync<ForbiddenException>(() => _h.DiaryAsync(d => d.MarkArrivedAsync(_sam, appointment.Id)));

        Assert.Null(Assert.Single(await _h.AppointmentsAsync()).ArrivedAt);
    }

    [Fact]
    public async Task NotArrived_UndoesAMistakenArrived()
    {
        AtTheDropIn();
        var appointment = await BookAsync(London.At(2026, 11, 24, 13, 0));
        await _h.DiaryAsync(d => d.MarkArrivedAsync(_reception, appointment.Id));

        await _h.DiaryAsync(d => d.MarkNotArrivedAsync(_reception, appointment.Id));

        Assert.Null(Assert.Single(await _h.AppointmentsAsync()).ArrivedAt);
    }

    [Fact]
    public async Task Today_ShowsAStudentBehindTheUsersBarrier_WithoutTheirName()
    {
        AtTheDropIn();
        var manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var priya = await _app.StaffAsync("Priya Shah", Roles.Caseworker);
        var aisha = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
        var ben = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Ben Carter", Email: "bc456@cam.ac.uk")));
        var dispute = await _app.UseAsync<DisputeService, Dispute>(d => d.OpenAsync(manager, "Complaint between two students"));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(manager, dispute.Id, aisha.Id, 1));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(manager, dispute.Id, ben.Id, 2));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AssignAsync(manager, dispute.Id, priya.FindFirstValue(ClaimTypes.NameIdentifier)!, 2));
        var appointment = await BookAsync(London.At(2026, 11, 24, 13, 0), "Aisha Rahman", "ar123@cam.ac.uk");

        var forPriya = (await TodayAsync(priya)).Entries.Single(e => e.Appointment?.Appointment.Id == appointment.Id);
        var forReception = (await TodayAsync(_reception)).Entries.Single(e => e.Appointment?.Appointment.Id == appointment.Id);

        Assert.True(forPriya.Hidden);
        Assert.Equal(InformationBarriers.HiddenText, forPriya.Appointment!.Appointment.StudentName);
        Assert.Equal("Aisha Rahman", forReception.Appointment!.Appointment.StudentName);
    }
}
