using DropIn.Domain.Queue;
using DropIn.Web.Data;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Queue.Online;

/// <summary>
/// The emails a student who joined online gets as the queue moves: "nearly your turn" once (unless they are here), and "please come now"
/// when called. Written in the same change as the queue move that causes it (the outbox), and marked on the ticket
/// there, so a race between two moves sends it once: the ticket's concurrency token makes the second move re-read it.
/// </summary>
public sealed class QueueNotices(OnlineQueueEmails emails, IOptions<QueueOptions> options)
{
    /// <summary>Call after any change that can bring a ticket nearer the front, with all the session's tickets, tracked.</summary>
    public void QueueMoved(ChangeScope scope, IReadOnlyList<Ticket> sessionTickets)
    {
        var policy = options.Value.OnlinePolicy();
        var waiting = QueueOrder.Waiting(sessionTickets);
        for (var ahead = 0; ahead < waiting.Count && ahead <= policy.NearlyYourTurnAhead; ahead++)
        {
            var ticket = waiting[ahead];
            // Not to a student who is here (said "I'm here", or checked in on the kiosk): they are already waiting.
            if (ticket.JoinedOnline && ticket.HereAt is null && ticket.EmailOrId is not null && ticket.MarkNearlyTurnSent(scope.Now))
            {
                scope.Db.Outbox.Add(emails.NearlyYourTurn(ticket, scope.Now));
            }
        }
    }

    /// <summary>Call when <paramref name="ticket"/> has just been called to a room.</summary>
    public void Called(ChangeScope scope, Ticket ticket)
    {
        if (ticket.JoinedOnline && ticket.EmailOrId is not null)
        {
            scope.Db.Outbox.Add(emails.Called(ticket, scope.Now));
        }
    }
}
