using System.Security.Claims;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Feedback;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Features.Feedback;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using DropIn.Web.Security.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Check-then-act races on the real SQLite file (and, in <see cref="BookingRaceOnPostgresTests"/>, PostgreSQL): rules
/// that span rows (the booking limit, no overlap in a caseworker's diary) hold however many requests arrive at once,
/// and a safe action repeated at the same moment gives the same answer, never an error.
/// </summary>
public class BookingRaceTests : IAsyncLifetime
{
    private readonly bool _postgres;
    // Monday 23 November 2026, 08:00 London: every time from Wednesday on is bookable.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 8, 0);
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _reception = default!;

    public BookingRaceTests()
        : this(postgres: false)
    {
    }

    protected BookingRaceTests(bool postgres) => _postgres = postgres;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, postgres: _postgres);
        _h = new AppointmentHarness(_app);
        _sam = await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(9, 0), new TimeOnly(12, 0));
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static DateTimeOffset Day(int day, int hour, int minute = 0) => London.At(2026, 11, day, hour, minute);

    [Fact]
    public async Task Request_ThreeTimesAtOnceForOneEmail_NoMoreHeldThanTheLimit()
    {
        // Several rounds, each a fresh student: one lucky interleaving must not hide the race.
        for (var round = 0; round < 4; round++)
        {
            var email = $"race{round}@cam.ac.uk";
            var day = 25 + round % 3;
            var times = new[] { Day(day, 9), Day(day, 10), Day(day, 11) };
            var answers = await Task.WhenAll(times.Select(t => Task.Run(() =>
                _h.StudentAsync(s => s.RequestAsync(t, AppointmentHarness.Booking($"Racer {round}", email))))));

            Assert.All(answers, a => Assert.IsType<BookingResult.CheckEmail>(a));
            var holds = (await _h.AppointmentsAsync()).Count(a => a.StudentEmail == email && a.Status == AppointmentStatus.PendingConfirmation);
            Assert.Equal(2, holds);
            await ReleaseAllAsync();
        }
    }

    [Fact]
    public async Task Requests_ForOverlappingTimesOfOneCaseworker_AtOnce_OnlyOneHoldsTheTime()
    {
        // Two windows that overlap (as two managers might add at the same moment): 09:00–12:00 and 10:30–13:00.
        await using (var db = await _h.DbAsync())
        {
            var samId = _sam.FindFirstValue(ClaimTypes.NameIdentifier)!;
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                db.CaseworkerWindows.Add(new CaseworkerWindow(samId, day, new TimeOnly(10, 30), new TimeOnly(13, 0)));
            }

            await db.SaveChangesAsync();
        }

        for (var round = 0; round < 4; round++)
        {
            var day = 25 + round % 3;
            var tasks = new[]
            {
                Task.Run(() => _h.StudentAsync(s => s.RequestAsync(Day(day, 10), AppointmentHarness.Booking("First", $"first{round}@cam.ac.uk")))),
                Task.Run(() => _h.StudentAsync(s => s.RequestAsync(Day(day, 10, 30), AppointmentHarness.Booking("Second", $"second{round}@cam.ac.uk")))),
            };
            var staff = Task.Run(async () =>
            {
                try
                {
                    await _h.DiaryAsync(d => d.BookAsync(_reception, new Slot(_sam.FindFirstValue(ClaimTypes.NameIdentifier)!, Day(day, 10, 30), Day(day, 11, 15)), AppointmentHarness.Booking("Third", $"third{round}@cam.ac.uk")));
                }
                catch (DropIn.Domain.RuleException)
                {
                    // "Just taken" is a fair answer; an overlap stored is not.
                }
            });
            await Task.WhenAll(tasks);
            await staff;

            var holding = (await _h.AppointmentsAsync()).Where(a => a.HoldsTime && a.Start.Date == Day(day, 10).Date).OrderBy(a => a.Start).ToList();
            Assert.NotEmpty(holding);
            for (var i = 1; i < holding.Count; i++)
            {
                Assert.True(holding[i].Start >= holding[i - 1].End, $"{holding[i - 1].Start:HH:mm}–{holding[i - 1].End:HH:mm} overlaps {holding[i].Start:HH:mm}");
            }

            await ReleaseAllAsync();
        }
    }

    [Fact]
    public async Task Confirm_PressedFiveTimesAtOnce_EveryPressSaysConfirmed_OneInvitationSent()
    {
        await _h.StudentAsync(s => s.RequestAsync(Day(25, 10), AppointmentHarness.Booking()));
        var token = await _h.TokenFromEmailAsync("al123@cam.ac.uk");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => _h.StudentAsync(s => s.ConfirmAsync(token)))));

        Assert.All(answers, a => Assert.Equal(AppointmentStatus.Confirmed, a.Status));
        Assert.Single(await _h.OutboxAsync(), m => m.Subject.StartsWith("Appointment confirmed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_PressedTwiceAtOnce_BothToldCancelled_OneEmail()
    {
        var token = await ConfirmedAsync(Day(25, 10));

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => _h.StudentAsync(s => s.CancelAsync(token, null)))));

        Assert.All(answers, a => Assert.Equal(AppointmentStatus.Cancelled, a.Status));
        Assert.Single(await _h.OutboxAsync(), m => m.Subject.StartsWith("Appointment cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Move_PressedTwiceAtOnceToOneTime_BothToldMoved_OneEmail()
    {
        var token = await ConfirmedAsync(Day(25, 10));

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => _h.StudentAsync(s => s.RescheduleAsync(token, Day(26, 11))))));

        Assert.All(answers, a => Assert.Equal(Day(26, 11), a.Start));
        Assert.Single(await _h.OutboxAsync(), m => m.Subject.StartsWith("Appointment moved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FeedbackOptOut_PressedTwiceAtOnce_NeitherFails()
    {
        var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk")));
        var (token, hash) = ManageToken.Create();
        await using (var db = await _h.DbAsync())
        {
            db.FeedbackInvitations.Add(FeedbackInvitation.Create(InvitationKind.Feedback, student.Id, null, hash, null, StudentStatus.Current, default, _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _app.UseAsync<FeedbackFormService>(f => f.OptOutAsync(token)))));

        await using var check = await _h.DbAsync();
        Assert.False((await check.Students.SingleAsync(s => s.Id == student.Id)).FeedbackPermissionGiven);
    }

    [Fact]
    public async Task PasswordResetLink_UsedTwiceAtOnce_OneChangesIt_TheOtherIsToldPlainly()
    {
        await _app.StaffAsync("Cara Caseworker", Roles.Caseworker);
        string id, token;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var cara = await users.FindByEmailAsync(AppFactory.EmailOf("Cara Caseworker"));
            (id, token) = (cara!.Id, await users.GeneratePasswordResetTokenAsync(cara));
        }

        for (var round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
                _app.UseAsync<PasswordReset, string?>(r => r.ResetAsync(id, token, "a new long passphrase for cara")))));

            Assert.All(answers.Where(a => a is not null), a => Assert.Contains("used already", a!, StringComparison.Ordinal));
        }
    }

    private async Task<string> ConfirmedAsync(DateTimeOffset start)
    {
        await _h.StudentAsync(s => s.RequestAsync(start, AppointmentHarness.Booking()));
        var token = await _h.TokenFromEmailAsync("al123@cam.ac.uk");
        await _h.StudentAsync(s => s.ConfirmAsync(token));
        return token;
    }

    private async Task ReleaseAllAsync()
    {
        await using var db = await _h.DbAsync();
        await db.Appointments.ExecuteDeleteAsync();
    }
}

/// <summary>The same races on PostgreSQL, where nothing lets only one writer in at a time by itself (issue: scale-out).</summary>
public sealed class BookingRaceOnPostgresTests() : BookingRaceTests(postgres: true);
