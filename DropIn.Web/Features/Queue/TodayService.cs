using System.Security.Claims;
using DropIn.Domain.Calendar;
using DropIn.Domain.Queue;
using DropIn.Web.Features.Appointments.Diary;

namespace DropIn.Web.Features.Queue;

/// <summary>
/// Reception's "Today": everyone expected or here today in one list, walk-ins (today's drop-in tickets) and today's
/// booked appointments, in time order. Read through the queue's and the diary's own service methods, so each checks
/// its permission and its information barriers exactly as on its own screen.
/// </summary>
public sealed class TodayService(QueueService queue, DiaryService diary, TimeProvider clock)
{
    /// <exception cref="Security.ForbiddenException">The user may not view the queue or the diary.</exception>
    public async Task<TodayView> GetAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var today = LondonTime.Today(clock);
        var view = await queue.GetQueueAsync(user, ct);
        var appointments = await diary.GetAsync(user, today, today, ct);
        // The queue screens follow the next session when there is none today; its tickets are not today's walk-ins.
        IEnumerable<Ticket> walkIns = view.Session.Date == today ? [.. view.Waiting.Select(w => w.Ticket), .. view.WithCaseworkers, .. view.Done] : [];
        return new TodayView(view, [.. walkIns.Select(t => new TodayEntry(t.CheckedInAt, t, null, view.Hidden.Contains(t.Id)))
            .Concat(appointments.Entries.Select(a => new TodayEntry(a.Appointment.Start, null, a, a.Hidden)))
            .OrderBy(e => e.Time)]);
    }
}

/// <summary>Today's walk-ins and appointments, earliest first, with the queue they came from. Staff only: it carries names.</summary>
public sealed record TodayView(QueueView Queue, IReadOnlyList<TodayEntry> Entries);

/// <summary>One row of <see cref="TodayView"/>: a walk-in (<paramref name="Ticket"/>) or an appointment.</summary>
/// <param name="Time">When a walk-in checked in, or when an appointment starts (UTC).</param>
/// <param name="Hidden">An information barrier keeps this user from the student: shown without a name, and no action is offered.</param>
public sealed record TodayEntry(DateTimeOffset Time, Ticket? Ticket, DiaryEntry? Appointment, bool Hidden);
