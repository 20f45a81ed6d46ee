using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Appointments.Diary;

/// <summary>The staff side of appointments: the diary, booking on a student's behalf, moving, cancelling, attendance.</summary>
public sealed class DiaryService(
    IDbContextFactory<DropInDbContext> dbFactory,
    DataChanges changes,
    SlotFinder availability,
    AppointmentEmails emails,
    StaffAuthorizer authorizer,
    TimeProvider clock,
    IOptions<AppointmentOptions> options, InformationBarriers barriers)
{
    public DateOnly Today => LondonTime.Today(clock.GetUtcNow());

    public async Task<DiaryView> GetAsync(ClaimsPrincipal user, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await authorizer.RequireAsync(user, Permissions.ViewDiary);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var start = LondonTime.ToInstant(from, TimeOnly.MinValue);
        var end = LondonTime.ToInstant(to.AddDays(1), TimeOnly.MinValue);
        var appointments = await db.Appointments.AsNoTracking()
            // A declined online request holds its time only so that the public page answers as for anyone; it was never booked.
            .Where(a => a.Start >= start && a.Start < end && a.Status != AppointmentStatus.Expired && a.Status != AppointmentStatus.Declined)
            .OrderBy(a => a.Start)
            .ToListAsync(ct);
        var lens = await barriers.LensAsync(user, ct);
        var hidden = appointments.Where(a => lens.Hides(a.StudentId, a.StudentName, a.StudentEmail)).Select(a => a.Id).ToHashSet();
        appointments = [.. appointments.Select(a => hidden.Contains(a.Id) ? a.Redacted(InformationBarriers.HiddenText) : a)];
        var staff = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName, u.TakesAppointments }).ToListAsync(ct);
        var caseworkers = staff.Where(u => u.TakesAppointments).Select(u => new Caseworker(u.Id, u.DisplayName)).ToList();
        var names = staff.ToDictionary(u => u.Id, u => u.DisplayName);
        var studentsInView = appointments.Select(a => a.StudentEmailKey).Distinct().ToList();
        var standings = await db.StudentStandings.AsNoTracking().Where(s => studentsInView.Contains(s.Email)).ToDictionaryAsync(s => s.Email, ct);
        return new DiaryView(from, to, [.. appointments.Select(a => new DiaryEntry(
            a,
            names.GetValueOrDefault(a.StaffId, "(former staff)"),
            standings.TryGetValue(a.StudentEmailKey, out var s) ? s.NoShows : 0,
            standings.TryGetValue(a.StudentEmailKey, out var w) && w.WarningDueSince is not null,
            hidden.Contains(a.Id)))], caseworkers);
    }

    /// <summary>Free times on a day for staff to offer, with the caseworker's name.</summary>
    public async Task<IReadOnlyList<StaffSlot>> FreeSlotsAsync(ClaimsPrincipal user, DateOnly date, Guid? moving = null, CancellationToken ct = default)
    {
        await authorizer.RequireAsync(user, Permissions.ManageAppointments);
        if (moving is { } appointmentId)
        {
            await barriers.RequireVisibleAsync(user, BarrierTarget.Appointment(appointmentId), ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slots = await availability.FreeSlotsAsync(db, availability.StaffRules, clock.GetUtcNow(), date, date, moving, ct);
        if (moving is { } id && await db.Appointments.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.StaffId, a.Start }).SingleOrDefaultAsync(ct) is { } current)
        {
            // Its own time is free to overlap with itself, but "moving" it there is not a move.
            slots = [.. slots.Where(s => s.StaffId != current.StaffId || s.Start != current.Start)];
        }

        var names = await db.Users.AsNoTracking().Where(u => u.TakesAppointments).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. slots.Select(s => new StaffSlot(s, names.GetValueOrDefault(s.StaffId, "")))];
    }

    /// <summary>Booked with the student on the phone or at the desk: confirmed at once, and the student is emailed.</summary>
    public async Task<Appointment> BookAsync(ClaimsPrincipal user, Slot slot, StudentBooking request)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ManageAppointments);
        // Staff may use any address the student gives them; the university-domain rule is for self-booking.
        var booking = request.Validated([]);
        // Booking someone a walled-off member of staff could not then see or serve (and learning whether their
        // service is withdrawn) is for a colleague on no side of the dispute.
        await barriers.RequireVisibleAsync(user, BarrierTarget.Someone(new StudentProfile(booking.Name, Email: booking.Email), "Appointment"));
        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (await Conduct.WithdrawalRegister.IsWithdrawnAsync(db, booking.Email))
            {
                throw new RuleException(Withdrawn);
            }

            var free = await availability.FreeSlotsAsync(db, availability.StaffRules, now, LondonTime.Today(slot.Start), LondonTime.Today(slot.Start));
            if (!free.Contains(slot))
            {
                throw new RuleException(JustTaken);
            }
        }

        var booked = await SlotBooker.BookFirstFreeAsync(changes, [slot], async (scope, s) =>
        {
            var db = scope.Db;
            // Again inside the transaction that writes: a withdrawal decided a moment ago still counts.
            if (await Conduct.WithdrawalRegister.IsWithdrawnAsync(db, booking.Email))
            {
                throw new RuleException(Withdrawn);
            }

            var (token, hash) = ManageToken.Create();
            var appointment = Appointment.BookedByStaff(s, booking, SlotFinder.RoomOf(db, s.StaffId), options.Value.NewVideoLink(), hash, now, staff.Id);
            db.Outbox.Add(emails.Confirmed(appointment, token));
            return appointment;
        }) ?? throw new RuleException(JustTaken);
        return booked;
    }

    /// <summary>Moves to another free time; the caseworker's diary is checked for overlaps in the transaction that writes.</summary>
    /// <exception cref="RuleException">The time has just been taken, or the appointment changed meanwhile.</exception>
    public Task MoveAsync(ClaimsPrincipal user, Guid id, Slot slot) =>
        // A move that loses a race lost it to whoever took the time (the unique slot key), so it says so.
        ChangeAsync(user, id, ChangeOptions.Report(JustTaken), async (db, a, now) =>
        {
            if (a.HoldsTime && a.StaffId == slot.StaffId && a.Start == slot.Start)
            {
                return; // Already there: the same move pressed twice.
            }

            var free = await availability.FreeSlotsAsync(db, availability.StaffRules, now, LondonTime.Today(slot.Start), LondonTime.Today(slot.Start), a.Id);
            if (!free.Contains(slot) || !await SlotBooker.IsFreeAsync(db, slot, now, moving: a.Id))
            {
                throw new RuleException(JustTaken);
            }

            a.MoveTo(slot, SlotFinder.RoomOf(db, slot.StaffId), options.Value.NewVideoLink(), now);
            db.Outbox.Add(emails.Moved(a, token: null));
        });

    public Task CancelAsync(ClaimsPrincipal user, Guid id, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RuleException("Give a reason for cancelling; it is recorded.");
        }

        return ChangeAsync(user, id, ChangedMeanwhile, (db, a, now) =>
        {
            a.Cancel(reason, StaffIdOf(user), now);
            db.Outbox.Add(emails.Cancelled(a));
            return Task.CompletedTask;
        });
    }

    public Task MarkAttendedAsync(ClaimsPrincipal user, Guid id) => ChangeAsync(user, id, ChangedMeanwhile, async (db, a, now) =>
    {
        if (a.Status == AppointmentStatus.NoShow)
        {
            (await db.StudentStandings.SingleAsync(s => s.Email == a.StudentEmailKey)).UndoNoShow();
        }

        a.MarkAttended(now);
    });

    /// <summary>Counts a missed appointment against the student; at the configured number they are flagged for a warning.</summary>
    public Task MarkNoShowAsync(ClaimsPrincipal user, Guid id) => ChangeAsync(user, id, ChangedMeanwhile, async (db, a, now) =>
    {
        if (a.Status == AppointmentStatus.NoShow)
        {
            return;
        }

        a.MarkNoShow(now);
        var standing = await db.StudentStandings.SingleOrDefaultAsync(s => s.Email == a.StudentEmailKey);
        if (standing is null)
        {
            standing = new StudentStanding(a.StudentEmail);
            db.StudentStandings.Add(standing);
        }

        standing.RecordNoShow(options.Value.NoShowsBeforeWarning, now);
    });

    /// <summary>
    /// Reception's "the student is here" for today's appointment, shown live on the diary of the caseworker it is with.
    /// Whoever may check students in may press it; pressed twice, or by two people at once, the first time stands.
    /// </summary>
    /// <exception cref="ForbiddenException">The user may not check students in.</exception>
    /// <exception cref="RuleException">Cancelled, not today, attendance already recorded, or an information barrier applies.</exception>
    public Task MarkArrivedAsync(ClaimsPrincipal user, Guid id) =>
        ChangeAsync(user, Permissions.CheckIn, id, ChangedMeanwhile, "appointment.arrived", (_, a, now) =>
        {
            a.MarkArrived(now);
            return Task.CompletedTask;
        });

    /// <summary>Undoes a mistaken <see cref="MarkArrivedAsync"/>.</summary>
    public Task MarkNotArrivedAsync(ClaimsPrincipal user, Guid id) =>
        ChangeAsync(user, Permissions.CheckIn, id, ChangedMeanwhile, "appointment.not-arrived", (_, a, _) =>
        {
            a.MarkNotArrived();
            return Task.CompletedTask;
        });

    private Task ChangeAsync(ClaimsPrincipal user, Guid id, ChangeOptions onConflict, Func<DropInDbContext, Appointment, DateTimeOffset, Task> change) =>
        ChangeAsync(user, Permissions.ManageAppointments, id, onConflict, audited: null, change);

    private async Task ChangeAsync(ClaimsPrincipal user, string permission, Guid id, ChangeOptions onConflict, string? audited, Func<DropInDbContext, Appointment, DateTimeOffset, Task> change)
    {
        await authorizer.RequireAsync(user, permission);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Appointment(id));
        // Read and written in one transaction, as every write of an appointment's time is (see SlotBooker).
        await changes.RunAsync(onConflict with { Serialised = true }, async scope =>
        {
            var appointment = await scope.Db.Appointments.SingleOrDefaultAsync(a => a.Id == id)
                ?? throw new RuleException("That appointment no longer exists; reload the diary.");
            scope.Publish(new DiaryChanged(LondonTime.Today(appointment.Start)));
            await change(scope.Db, appointment, scope.Now);
            scope.Publish(new DiaryChanged(LondonTime.Today(appointment.Start)));
            if (audited is not null)
            {
                scope.Audit(user, audited, "Appointment", id.ToString());
            }
        });
    }

    private static readonly ChangeOptions ChangedMeanwhile =
        ChangeOptions.Report("Someone else changed this appointment a moment ago. The diary now shows their change; try again if still needed.");

    private const string JustTaken = "That time has just been taken. Choose another.";
    private const string Withdrawn = "The service has been withdrawn from this student; a manager must agree any appointment.";

    private static string StaffIdOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

}
