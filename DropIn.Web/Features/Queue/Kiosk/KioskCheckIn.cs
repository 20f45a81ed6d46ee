using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Domain.Queue;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Queue.Online;
using DropIn.Web.Live;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Queue.Kiosk;

/// <summary>
/// A student checks in on the reception kiosk. The student is at the desk, so the place is taken at once and marked
/// "here"; otherwise the phone's rules hold: the same join window, cap and end-of-session check
/// (<see cref="OnlineQueueService.RefusalAsync(DropInSession, IReadOnlyList{Ticket}, DateTimeOffset, CancellationToken)"/>),
/// the conflict check on staff screens, and the same private link (as a QR code on the screen and by email).
/// </summary>
public sealed class KioskCheckIn(
    DataChanges changes,
    SessionLocator sessions,
    QueueService queue,
    OnlineQueueService online,
    QueueNotices notices,
    OnlineQueueEmails emails,
    IOptions<QueueOptions> options,
    IOptions<AppointmentOptions> appointments)
{
    private static readonly ChangeOptions AtTheKiosk =
        ChangeOptions.Reapply("The queue changed at the same moment and your check-in could not be saved. Please press Check in again.") with { Serialised = true };

    /// <summary>
    /// Checks the student in from the kiosk holding <paramref name="kioskToken"/>. The tablet is checked first; a
    /// revoked or unknown one stores nothing. A student already in today's queue, or from whom the service is withdrawn,
    /// is sent to reception with the same words, so the kiosk never shows someone else's ticket or tells whether a
    /// classmate uses the service.
    /// </summary>
    /// <exception cref="RuleException">The details are not valid (name, university email, what it is about).</exception>
    public async Task<KioskAnswer> CheckInAsync(string? kioskToken, string name, string email, string topic, bool deadlineToday, string? accessNeeds)
    {
        if (string.IsNullOrEmpty(kioskToken))
        {
            return new KioskAnswer.NotEnrolled();
        }

        return await changes.RunAsync<KioskAnswer>(AtTheKiosk, async scope =>
        {
            if (await KioskDevices.FindAsync(scope.Db, kioskToken) is not { } kiosk)
            {
                return new KioskAnswer.NotEnrolled();
            }

            var address = UniversityEmail.Validated(email, appointments.Value.Domains(), OnlineJoinRequest.MaxEmailLength);
            var details = new StudentDetails(name, address, null, topic, deadlineToday, accessNeeds).Validated();
            var session = await sessions.CurrentAsync(scope.Db, scope.Now);
            var tickets = await scope.Db.Tickets.Where(t => t.SessionId == session.Id).ToListAsync();
            if (await online.RefusalAsync(session, tickets, scope.Now, CancellationToken.None) is { } refusal)
            {
                return new KioskAnswer.Refused(refusal);
            }

            var active = tickets.Where(t => t.Status is TicketStatus.Waiting or TicketStatus.Called or TicketStatus.InProgress).ToList();
            if (active.Any(t => UniversityEmail.Same(t.EmailOrId, address)) || await Conduct.WithdrawalRegister.IsWithdrawnAsync(scope.Db, address))
            {
                return new KioskAnswer.SeeReception();
            }

            var (token, linkHash) = ManageToken.Create();
            var request = OnlineJoinRequest.Request(session.Id, details, linkHash, declined: false, scope.Now);
            var ticket = request.Take(session, active, scope.Now, options.Value.OnlinePolicy(), CheckInChannel.Kiosk)!;
            ticket.MarkHere(scope.Now);
            kiosk.RecordCheckIn(scope.Now);
            scope.Db.OnlineJoinRequests.Add(request);
            scope.Db.Tickets.Add(ticket);
            scope.Db.Outbox.Add(emails.CheckedInAtKiosk(address, ticket.Code, token, scope.Now));
            List<Ticket> all = [.. tickets, ticket];
            notices.QueueMoved(scope, all);
            scope.Publish(new QueueChanged(session.Id));

            var ahead = OnlineJoin.Ahead(ticket, all) ?? 0;
            var estimator = await queue.EstimatorAsync(session, all, scope.Now, CancellationToken.None);
            return new KioskAnswer.CheckedIn(ticket.Code, token, ahead, WaitEstimator.RoundedMinutes(estimator.ForPosition(ahead + 1)));
        });
    }
}
