using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Domain.Queue;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Queue.Online;

/// <summary>
/// The students' side of the drop-in queue, without an account: join from a phone, take the place through the emailed
/// private link, follow it, ask for more time, say "I'm here", leave. The queue's own rules (priority, call next, no
/// answer, the conflict check on staff screens, withdrawal of service) are the ones reception's check-in uses.
/// </summary>
public sealed class OnlineQueueService(
    IDbContextFactory<DropInDbContext> dbFactory,
    DataChanges changes,
    SessionLocator sessions,
    QueueService queue,
    QueueNotices notices,
    OnlineQueueEmails emails,
    IOptions<QueueOptions> options,
    IOptions<AppointmentOptions> appointments,
    QueueReadModel current,
    TimeProvider clock)
{
    private static readonly ChangeOptions ThroughTheLink =
        ChangeOptions.Reapply("The queue changed at the same moment. Reload the page to see your place as it is now.") with { Serialised = true };

    private OnlineQueuePolicy Policy => options.Value.OnlinePolicy();

    /// <summary>
    /// A student asks to join. The answer is "check your email" whoever the address belongs to; only the email differs
    /// (the private link, or neutral words for a student from whom service is withdrawn). Both store one request and one
    /// email. When nobody can join now (not open yet, closed, full, past the end), it says so, the same for everyone.
    /// </summary>
    /// <exception cref="RuleException">The details are not valid (name, university email, what it is about).</exception>
    public async Task<JoinAnswer> JoinAsync(string name, string email, string topic, bool deadlineToday, string? accessNeeds, CancellationToken ct = default)
    {
        var address = UniversityEmail.Validated(email, appointments.Value.Domains(), OnlineJoinRequest.MaxEmailLength);
        var details = new StudentDetails(name, address, null, topic, deadlineToday, accessNeeds).Validated();
        if (await RefusalAsync(ct) is { } refused)
        {
            return refused;
        }

        return await changes.RunAsync<JoinAnswer>(ChangeOptions.Report("Your request could not be saved just now; please send it again."), async scope =>
        {
            var session = await sessions.CurrentAsync(scope.Db, scope.Now, ct);
            var withdrawn = await Conduct.WithdrawalRegister.IsWithdrawnAsync(scope.Db, address, ct);
            var (token, hash) = ManageToken.Create();
            scope.Db.OnlineJoinRequests.Add(OnlineJoinRequest.Request(session.Id, details, hash, withdrawn, scope.Now));
            scope.Db.Outbox.Add(withdrawn ? emails.Declined(address, scope.Now) : emails.TakeYourPlace(address, token, scope.Now));
            return new JoinAnswer.CheckEmail();
        }, ct);
    }

    /// <summary>Why nobody can join now, or null when they can; the same for everyone (it depends on the queue, not the student).</summary>
    public async Task<JoinAnswer.Refused?> RefusalAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (session, tickets) = await current.CurrentAsync(ct);
        return await RefusalAsync(session, tickets, now, ct) is { } message ? new JoinAnswer.Refused(message) : null;
    }

    /// <summary>What the private link shows now. An unknown link and one whose session has closed answer the same.</summary>
    public async Task<OnlineStatus> StatusAsync(string token, CancellationToken ct = default)
    {
        var status = await ReadStatusAsync(token, ct);
        return status is OnlineStatus.Expired ? status : status with { NearlyAhead = Policy.NearlyYourTurnAhead };
    }

    private async Task<OnlineStatus> ReadStatusAsync(string token, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var request = await FindAsync(db, token, ct);
        var session = request is null ? null : await db.DropInSessions.AsNoTracking().SingleAsync(s => s.Id == request.SessionId, ct);
        if (request is null || session!.StateAt(now) == SessionState.Closed)
        {
            return new OnlineStatus.Expired();
        }

        if (request.Declined)
        {
            return new OnlineStatus.Declined();
        }

        return await TicketStatusAsync(db, request, session, now, ct) with { SessionId = session.Id, Notice = session.Notice };
    }

    private async Task<OnlineStatus> TicketStatusAsync(DropInDbContext db, OnlineJoinRequest request, DropInSession session, DateTimeOffset now, CancellationToken ct)
    {

        var tickets = await db.Tickets.AsNoTracking().Where(t => t.SessionId == session.Id).ToListAsync(ct);
        if (request.TicketId is not { } ticketId)
        {
            return new OnlineStatus.NotTaken(await RefusalAsync(session, tickets, now, ct));
        }

        var ticket = tickets.Single(t => t.Id == ticketId);
        switch (ticket.Status)
        {
            case TicketStatus.Waiting:
                var ahead = OnlineJoin.Ahead(ticket, tickets)!.Value;
                var estimator = await queue.EstimatorAsync(session, tickets, now, ct);
                return new OnlineStatus.Waiting(ticket.Code, ahead, WaitEstimator.RoundedMinutes(estimator.ForPosition(ahead + 1)),
                    OnlineJoin.IsNearlyTurn(ahead, Policy), ticket.SteppedBackAt is null, ticket.HereAt is not null);
            case TicketStatus.Called:
                return new OnlineStatus.Called(ticket.Code, ticket.Room ?? "");
            case TicketStatus.InProgress:
                return new OnlineStatus.WithCaseworker(ticket.Code);
            case TicketStatus.NoAnswer:
                return new OnlineStatus.NoAnswer(ticket.Code);
            case TicketStatus.Left:
                return new OnlineStatus.Left(ticket.Code);
            default:
                return new OnlineStatus.Seen(ticket.Code);
        }
    }

    /// <summary>
    /// "Take my place": gives the ticket, or follows the one this student already has in the queue (joined twice,
    /// or checked in at the desk too). Pressed again, or twice at once, it follows the same ticket.
    /// </summary>
    /// <exception cref="RuleException">The link has expired, the service cannot add this student online, or nobody can join now (the reason in words).</exception>
    public Task TakeAsync(string token) => ChangeAsync(token, async (scope, request, session, tickets) =>
    {
        if (request.TicketId is not null)
        {
            return;
        }

        if (!request.Declined && await RefusalAsync(session, tickets, scope.Now, CancellationToken.None) is { } refusal)
        {
            throw new RuleException(refusal);
        }

        var active = tickets.Where(t => t.Status is TicketStatus.Waiting or TicketStatus.Called or TicketStatus.InProgress);
        if (request.Take(session, active, scope.Now, Policy) is { } ticket)
        {
            scope.Db.Tickets.Add(ticket);
            notices.QueueMoved(scope, [.. tickets, ticket]);
        }
    });

    /// <summary>"I need 5 more minutes": the ticket steps back <see cref="QueueOptions.StepBackPlaces"/> places, once.</summary>
    /// <exception cref="RuleException">Not waiting, already asked once, or the link has expired.</exception>
    public Task StepBackAsync(string token) => ChangeTicketAsync(token, (scope, ticket, tickets) =>
    {
        ticket.StepBack(QueueOrder.Waiting(tickets), Policy.StepBackPlaces, scope.Now);
        notices.QueueMoved(scope, tickets);
    });

    /// <summary>"Leave the queue": marked as left (reception sees it at once). Pressed again, it stays left.</summary>
    public Task LeaveAsync(string token) => ChangeTicketAsync(token, (scope, ticket, tickets) =>
    {
        if (ticket.Status != TicketStatus.Left)
        {
            ticket.MarkLeft(scope.Now);
            notices.QueueMoved(scope, tickets);
        }
    });

    /// <summary>"I'm here": reception and caseworkers see that the student who joined online has arrived.</summary>
    public Task HereAsync(string token) => ChangeTicketAsync(token, (scope, ticket, _) => ticket.MarkHere(scope.Now));

    private Task ChangeTicketAsync(string token, Action<ChangeScope, Ticket, IReadOnlyList<Ticket>> change) =>
        ChangeAsync(token, (scope, request, _, tickets) =>
        {
            var ticket = tickets.SingleOrDefault(t => t.Id == request.TicketId)
                ?? throw new RuleException("Take your place in the queue first.");
            change(scope, ticket, tickets);
            return Task.CompletedTask;
        });

    private Task ChangeAsync(string token, Func<ChangeScope, OnlineJoinRequest, DropInSession, IReadOnlyList<Ticket>, Task> change) =>
        changes.RunAsync(ThroughTheLink, async scope =>
        {
            var request = await FindAsync(scope.Db, token, CancellationToken.None, tracked: true);
            var session = request is null ? null : await scope.Db.DropInSessions.SingleAsync(s => s.Id == request.SessionId);
            if (request is null || session!.StateAt(scope.Now) == SessionState.Closed)
            {
                throw new RuleException(ExpiredText);
            }

            var tickets = await scope.Db.Tickets.Where(t => t.SessionId == session.Id).ToListAsync();
            await change(scope, request, session, tickets);
            scope.Publish(new QueueChanged(session.Id));
        });

    public const string ExpiredText = "This link has expired: the drop-in session it was for has ended. You can join the next drop-in or book an appointment.";

    private static async Task<OnlineJoinRequest?> FindAsync(DropInDbContext db, string token, CancellationToken ct, bool tracked = false)
    {
        var hash = ManageToken.Hash(token);
        var requests = tracked ? db.OnlineJoinRequests : db.OnlineJoinRequests.AsNoTracking();
        return await requests.SingleOrDefaultAsync(r => r.LinkHash == hash, ct);
    }

    /// <summary>Why nobody can join <paramref name="session"/> now, in words with the next drop-in, or null; the kiosk asks the same.</summary>
    internal async Task<string?> RefusalAsync(DropInSession session, IReadOnlyList<Ticket> tickets, DateTimeOffset now, CancellationToken ct)
    {
        var estimator = await queue.EstimatorAsync(session, tickets, now, ct);
        var waiting = QueueOrder.Waiting(tickets).Count;
        return OnlineJoin.Check(session, now, waiting, estimator.ForPosition(waiting + 1), Policy) is { } refusal
            ? JoinRefusalText.For(refusal, session, refusal == JoinRefusal.NotOpenYet ? null : sessions.NextWindowAfter(session.EndedAt)?.Start, Policy)
            : null;
    }
}
