using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Appointments;

/// <summary>
/// Students booking for themselves, without an account. Everything a public page gets from here is about times,
/// never about who has booked; what concerns a particular student goes to their university email.
/// </summary>
public sealed class StudentBookingService(
    IDbContextFactory<DropInDbContext> dbFactory,
    SlotFinder availability,
    AppointmentEmails emails,
    ILiveUpdates live,
    TimeProvider clock,
    IOptions<AppointmentOptions> options)
{
    private const string Student = "student";

    public DateOnly Today => LondonTime.Today(clock.GetUtcNow());

    /// <summary>Distinct free start times (no names): what a student chooses from.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> FreeTimesAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slots = await availability.FreeSlotsAsync(db, availability.StudentRules, clock.GetUtcNow(), from, to, ct: ct);
        return [.. slots.Select(s => s.Start).Distinct().Order()];
    }

    /// <param name="feedbackPermission">The student ticked "you may email me an anonymous feedback form" (unticked by default).</param>
    public async Task<BookingResult> RequestAsync(DateTimeOffset start, StudentBooking request, bool feedbackPermission = false, CancellationToken ct = default)
    {
        var booking = request.Validated(options.Value.Domains());
        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await RefusalAsync(db, booking.Email, now, ct) is { } refusal)
            {
                db.Outbox.Add(refusal);
                await db.SaveChangesAsync(ct);
                return new BookingResult.CheckEmail();
            }
        }

        var date = LondonTime.Today(start);
        IReadOnlyList<Slot> free;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            free = await availability.FreeSlotsAsync(db, availability.StudentRules, now, date, date, ct: ct);
        }

        var booked = await SlotBooker.BookFirstFreeAsync(dbFactory, free.Where(s => s.Start == start), now, (db, slot) =>
        {
            var (token, hash) = ManageToken.Create();
            var appointment = Appointment.Hold(slot, booking, SlotFinder.RoomOf(db, slot.StaffId), options.Value.NewVideoLink(), hash, now, availability.StudentRules.ConfirmationHold);
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

        await live.PublishAsync(new DiaryChanged(date));
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

    public Task<Appointment> ConfirmAsync(string token) => ChangeAsync(token, (db, a, now) =>
    {
        var wasPending = a.Status == AppointmentStatus.PendingConfirmation;
        a.Confirm(now);
        if (wasPending)
        {
            db.Outbox.Add(emails.Confirmed(a, token));
        }

        return Task.CompletedTask;
    });

    public Task<Appointment> CancelAsync(string token, string? reason) => ChangeAsync(token, (db, a, now) =>
    {
        a.Cancel(reason, Student, now);
        db.Outbox.Add(emails.Cancelled(a));
        return Task.CompletedTask;
    });

    /// <summary>Moves the student's appointment to another free time of the same kind.</summary>
    public async Task<Appointment> RescheduleAsync(string token, DateTimeOffset newStart)
    {
        var date = LondonTime.Today(newStart);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return await ChangeAsync(token, async (db, a, now) =>
                {
                    var free = await availability.FreeSlotsAsync(db, availability.StudentRules, now, date, date, ignoring: a.Id);
                    var slot = free.FirstOrDefault(s => s.Start == newStart && s.StaffId == a.StaffId) ?? free.FirstOrDefault(s => s.Start == newStart)
                        ?? throw new RuleException("That time has just been taken. Please choose another.");
                    a.MoveTo(slot, SlotFinder.RoomOf(db, slot.StaffId), options.Value.NewVideoLink(), now);
                    db.Outbox.Add(emails.Moved(a, token));
                });
            }
            catch (DbUpdateException)
            {
                // The new time went to someone else between reading and writing: read again.
            }
        }

        throw new RuleException("That time has just been taken. Please choose another.");
    }

    private async Task<Appointment> ChangeAsync(string token, Func<DropInDbContext, Appointment, DateTimeOffset, Task> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var hash = ManageToken.Hash(token);
        var now = clock.GetUtcNow();
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.ManageTokenHash == hash);
        if (appointment is null || !appointment.ManageLinkValidAt(now))
        {
            throw new RuleException($"This link is not valid any more. If you need help, contact us: {options.Value.ServiceContact}");
        }

        var before = LondonTime.Today(appointment.Start);
        await change(db, appointment, now);
        await db.SaveChangesAsync();
        await live.PublishAsync(new DiaryChanged(before));
        await live.PublishAsync(new DiaryChanged(LondonTime.Today(appointment.Start)));
        return appointment;
    }

    /// <summary>
    /// A student who may not book online gets an email, not a message on the page: withdrawal of service, or the
    /// limit on future bookings. Neutral wording, with the service's contact details.
    /// </summary>
    private async Task<OutboxMessage?> RefusalAsync(DropInDbContext db, string email, DateTimeOffset now, CancellationToken ct)
    {
        var withdrawn = await Conduct.WithdrawalRegister.IsWithdrawnAsync(db, email, ct);
        var upcoming = await db.Appointments.CountAsync(a => a.StudentEmail == email && a.SlotKey != null && a.Start > now, ct);
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
