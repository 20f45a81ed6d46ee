using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Appointments.Booking;

/// <summary>
/// Students booking for themselves, without an account. Everything a public page gets from here is about times,
/// never about who has booked; what concerns a particular student goes to their university email.
/// </summary>
public sealed class StudentBookingService(
    IDbContextFactory<DropInDbContext> dbFactory,
    DataChanges changes,
    SlotFinder availability,
    FreeTimesAhead freeTimes,
    AppointmentEmails emails,
    TimeProvider clock,
    IOptions<AppointmentOptions> options)
{
    private const string Student = "student";

    public DateOnly Today => LondonTime.Today(clock.GetUtcNow());

    /// <summary>Distinct free start times (no names) on London dates <paramref name="from"/> to <paramref name="to"/>: what a student chooses from.</summary>
    public Task<IReadOnlyList<DateTimeOffset>> FreeTimesAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        freeTimes.BetweenAsync(from, to, ct);

    /// <summary>
    /// A student asks for a time. The answer depends only on the time: "check your email" while it is free, "just
    /// taken" once it is not. Who the address belongs to decides which email goes, never what the page says, whether
    /// the time is held or how long the answer takes: a request from a student who may not book online (withdrawn, at
    /// the limit) holds the time like any other (<see cref="Appointment.Declined"/>) and is explained by email.
    /// </summary>
    /// <param name="feedbackPermission">The student ticked "you may email me an anonymous feedback form" (unticked by default).</param>
    /// <exception cref="RuleException">The details are not valid (name, university email, topic, phone for a call).</exception>
    public async Task<BookingResult> RequestAsync(DateTimeOffset start, StudentBooking request, bool feedbackPermission = false, CancellationToken ct = default)
    {
        var booking = request.Validated(options.Value.Domains());
        var now = clock.GetUtcNow();
        // The candidates come from the shared read; each is checked again in the transaction that books it.
        var free = await freeTimes.AtAsync(start, ct);
        var rules = availability.StudentRules;
        var booked = await SlotBooker.BookFirstFreeAsync(changes, free, async (scope, slot) =>
        {
            var db = scope.Db;
            // Counted inside the transaction that writes the hold: simultaneous requests cannot all see room under the limit.
            // Both branches do the same reads and writes (one appointment row, one email), so they take the same time.
            var (token, hash) = ManageToken.Create();
            var room = SlotFinder.RoomOf(db, slot.StaffId);
            if (await RefusalAsync(db, booking.Email, now, ct) is { } refusal)
            {
                db.Outbox.Add(refusal);
                return Appointment.Declined(slot, booking, hash, now, rules.ConfirmationHold);
            }

            var appointment = Appointment.Hold(slot, booking, room, options.Value.NewVideoLink(), hash, now, rules.ConfirmationHold);
            if (feedbackPermission)
            {
                appointment.GiveFeedbackPermission(now);
            }

            db.Outbox.Add(emails.ConfirmRequest(appointment, token));
            return appointment;
        }, ct);

        if (booked is null)
        {
            return new BookingResult.JustTaken(await NearestAsync(start, ct));
        }

        return new BookingResult.CheckEmail();
    }

    /// <summary>The appointment behind a private link, while the link is valid; otherwise null.</summary>
    public async Task<Appointment?> FindAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = ManageToken.Hash(token);
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.ManageTokenHash == hash, ct);
        return appointment is not null && appointment.ManageLinkValidAt(clock.GetUtcNow()) ? appointment : null;
    }

    /// <summary>Confirms the held time. Pressed again, or twice at once, it answers "confirmed" again and sends nothing more.</summary>
    /// <exception cref="RuleException">The link is not valid any more, or the hold ran out.</exception>
    public Task<Appointment> ConfirmAsync(string token) => ChangeAsync(token, done: a => a.Status == AppointmentStatus.Confirmed, (db, a, now) =>
    {
        a.Confirm(now);
        db.Outbox.Add(emails.Confirmed(a, token));
        return Task.CompletedTask;
    });

    /// <summary>Cancels. Pressed again, or twice at once, it answers "cancelled" again and sends nothing more.</summary>
    public Task<Appointment> CancelAsync(string token, string? reason) =>
        ChangeAsync(token, done: a => a.Status == AppointmentStatus.Cancelled && a.CancelledBy == Student, (db, a, now) =>
        {
            a.Cancel(reason, Student, now);
            db.Outbox.Add(emails.Cancelled(a));
            return Task.CompletedTask;
        });

    /// <summary>
    /// Moves the student's appointment to another free time of the same kind, with the same caseworker when they are
    /// free then. Pressed twice at once for one time, both answers are that time, and one email goes.
    /// </summary>
    /// <exception cref="RuleException">The time has just been taken, or the link is not valid any more.</exception>
    public Task<Appointment> RescheduleAsync(string token, DateTimeOffset newStart) =>
        ChangeAsync(token, done: a => a.HoldsTime && a.Start == newStart, async (db, a, now) =>
        {
            var date = LondonTime.Today(newStart);
            var free = await availability.FreeSlotsAsync(db, availability.StudentRules, now, date, date, ignoring: a.Id);
            foreach (var slot in free.Where(s => s.Start == newStart).OrderBy(s => s.StaffId == a.StaffId ? 0 : 1))
            {
                if (await SlotBooker.IsFreeAsync(db, slot, now, moving: a.Id))
                {
                    a.MoveTo(slot, SlotFinder.RoomOf(db, slot.StaffId), options.Value.NewVideoLink(), now);
                    db.Outbox.Add(emails.Moved(a, token));
                    return;
                }
            }

            throw new RuleException("That time has just been taken. Please choose another.");
        });

    /// <summary>
    /// One change through the private link, read and written in one transaction (<see cref="SlotBooker.BeginAsync"/>),
    /// so a second press waits for the first and then finds it <paramref name="done"/>: the same answer, no second email.
    /// </summary>
    private Task<Appointment> ChangeAsync(string token, Func<Appointment, bool> done, Func<DropInDbContext, Appointment, DateTimeOffset, Task> change)
    {
        var hash = ManageToken.Hash(token);
        return changes.RunAsync<Appointment>(ThroughTheLink, async scope =>
        {
            var appointment = await scope.Db.Appointments.SingleOrDefaultAsync(a => a.ManageTokenHash == hash);
            if (appointment is not null && done(appointment))
            {
                return appointment;
            }

            if (appointment is null || !appointment.ManageLinkValidAt(scope.Now))
            {
                throw new RuleException($"This link is not valid any more. If you need help, contact us: {options.Value.ServiceContact}");
            }

            scope.Publish(new DiaryChanged(LondonTime.Today(appointment.Start)));
            await change(scope.Db, appointment, scope.Now);
            scope.Publish(new DiaryChanged(LondonTime.Today(appointment.Start)));
            return appointment;
        });
    }

    /// <summary>
    /// Changed by someone else (staff, the same button elsewhere) between reading and writing, where the transaction
    /// does not serialise writers: read again and apply the rule to what is there now, which is usually "already done".
    /// </summary>
    private static readonly ChangeOptions ThroughTheLink =
        ChangeOptions.Reapply("This appointment changed a moment ago. Reload the page to see it as it is now.") with { Serialised = true, MaxAttempts = 3 };

    /// <summary>
    /// The email for a student who may not book online: withdrawal of service, or the limit on future bookings, both
    /// by who the student is (<see cref="UniversityEmail"/>), not how the address was typed. Neutral wording, with the
    /// service's contact details. Null when the student may book.
    /// </summary>
    private async Task<OutboxMessage?> RefusalAsync(DropInDbContext db, string email, DateTimeOffset now, CancellationToken ct)
    {
        var key = UniversityEmail.Key(email) ?? "";
        var withdrawn = await Conduct.WithdrawalRegister.IsWithdrawnAsync(db, email, ct);
        var upcoming = await db.Appointments.CountAsync(a => a.StudentEmailKey == key && a.SlotKey != null && a.Start > now
            && a.Status != AppointmentStatus.Declined && (a.Status != AppointmentStatus.PendingConfirmation || a.HoldExpiresAt > now), ct);
        var limit = options.Value.MaxFutureBookingsPerStudent;
        if (!withdrawn && upcoming < limit)
        {
            return null;
        }

        var body = withdrawn
            ? "We can't take this booking online. Please contact the Student Advice Service by email or at reception, and we will help you."
            : $"You already have {upcoming} upcoming appointments, the most that can be booked online. To change one, use the link in its email; or contact us and we will help.";
        var text = $"{body}\n\n{options.Value.ServiceContact}";
        return new OutboxMessage(email, "About your appointment request", text, $"<p>{System.Net.WebUtility.HtmlEncode(body)}</p><p>{System.Net.WebUtility.HtmlEncode(options.Value.ServiceContact)}</p>", null, now);
    }

    private async Task<IReadOnlyList<DateTimeOffset>> NearestAsync(DateTimeOffset wanted, CancellationToken ct)
    {
        var free = await FreeTimesAsync(Today, Today.AddDays(options.Value.FurthestAheadDays), ct);
        return [.. free.OrderBy(t => (t - wanted).Duration()).Take(3).Order()];
    }

}
