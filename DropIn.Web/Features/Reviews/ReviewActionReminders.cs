using DropIn.Domain.Calendar;
using DropIn.Domain.Reviews;
using DropIn.Web.Components.Shared;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Reviews;

/// <summary>
/// Reminds a caseworker of a file review's action coming due (<see cref="ReviewAction.ReminderDue"/>), and a reviewer
/// of a review still to do <see cref="FileReview.ReviewWithinWorkingDays"/> working days after the draw
/// (<see cref="FileReview.ReviewerReminderDue"/>), in the app and by email, from 09:00 London time on working days. Each reminder is marked in the transaction that queues it, so it
/// goes exactly once, also when two runs meet (the review's version refuses the second save, which is then re-applied
/// and finds it reminded). The mail names the case reference and the day only.
/// </summary>
public sealed class ReviewActionReminders(DataChanges changes, TimeProvider clock, IOptions<MailOptions> mail)
{
    /// <returns>How many actions were reminded about in this run.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (WorkingCalendar.BeforeOpening(clock.GetUtcNow()))
        {
            return 0;
        }

        return await changes.RunAsync(ChangeOptions.JobRun(), c => RemindAsync(c, ct), ct);
    }

    private async Task<int> RemindAsync(ChangeScope c, CancellationToken ct)
    {
        var (db, now) = (c.Db, c.Now);
        var today = LondonTime.Today(now);
        var horizon = today.AddDays(7);
        // Ten working days are at least two weeks: a review drawn later cannot be due yet.
        var drawnBefore = now.AddDays(-13);
        var reviews = await db.FileReviews
            .Where(r => r.Actions.Any(a => a.DoneAt == null && a.DueOn <= horizon && (a.RemindedFor == null || a.RemindedFor != a.DueOn))
                || (r.Status == ReviewStatus.Drawn && r.ReviewerRemindedAt == null && r.DrawnAt < drawnBefore))
            .ToListAsync(ct);
        if (reviews.Count == 0)
        {
            return 0;
        }

        var earliestDraw = LondonTime.Today(reviews.Min(r => r.DrawnAt));
        var calendar = await db.WorkingCalendarAsync(earliestDraw < today.AddDays(-1) ? earliestDraw : today.AddDays(-1), horizon, ct);
        var alerts = await StaffAlerts.ForAsync(db, mail.Value, now, ct);
        var reminded = 0;
        foreach (var review in reviews)
        {
            if (review.ReviewerReminderDue(today, calendar))
            {
                alerts.Send([review.ReviewerId], $"File review of {review.CaseReference}: still to do",
                    $"The file {review.CaseReference} was drawn for you to review on {Clock.Day(review.DrawnAt)}, and the review is not done yet.",
                    ReviewText.Path(review.Id), "Open the review");
                review.RemindReviewer(now);
                reminded++;
            }

            foreach (var action in review.Actions.Where(a => a.ReminderDue(today, calendar)))
            {
                var when = action.DueOn == today ? "today" : action.DueOn < today ? $"on {Clock.Day(action.DueOn)} and is not marked done" : $"on {Clock.Day(action.DueOn)}";
                alerts.Send([review.CaseworkerId], $"File review of {review.CaseReference}: action due", $"An action from the review of your file {review.CaseReference} is due {when}.",
                    ReviewText.Path(review.Id), "Open the review");
                review.RemindOf(action);
                reminded++;
            }
        }

        foreach (var staffId in alerts.Notified)
        {
            c.Publish(new StaffNotified(staffId));
        }

        return reminded;
    }
}
