using Microsoft.AspNetCore.Authorization;
using DropIn.Domain;
using System.Security.Claims;
using DropIn.Domain.Calendar;
using DropIn.Domain.Queue;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Queue;

/// <summary>
/// Every read and change of the drop-in queue: checks the permission, applies the domain rule, saves, then
/// tells open screens which session changed.
/// </summary>
public sealed class QueueService(
    IDbContextFactory<DropInDbContext> dbFactory,
    DataChanges changes,
    SessionLocator sessions,
    VisitHistory history,
    StaffAuthorizer authorizer,
    TimeProvider clock,
    IOptions<QueueOptions> options, InformationBarriers barriers,
    IAuthorizationService authorization, Security.Audit.AuditLog audit, Online.QueueNotices notices, QueueReadModel current)
{
    /// <summary>
    /// The queue re-applies its rule after a conflict: two presses at once each get what is true after the other
    /// (Call next: the next student still waiting). Said only if it still conflicts after every attempt.
    /// </summary>
    private static readonly ChangeOptions Reapplied =
        ChangeOptions.Reapply("Several people changed the queue at the same moment and this could not be saved. The screen now shows the queue as it is; try again if still needed.");

    public IReadOnlyList<string> Rooms => options.Value.RoomNames();

    public async Task<QueueView> GetQueueAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await authorizer.RequireAsync(user, Permissions.ViewQueue);
        var now = clock.GetUtcNow();
        var (session, stored) = await current.CurrentAsync(ct);
        var lens = await barriers.LensAsync(user, ct);
        var conflicts = stored.Where(t => lens.PossibleConflict(t.StudentId, t.Name, t.EmailOrId)).Select(t => t.Id).ToHashSet();
        var hidden = stored.Where(t => lens.Hides(t.StudentId, t.Name, t.EmailOrId)).Select(t => t.Id).ToHashSet();
        var tickets = stored.Select(t => hidden.Contains(t.Id) ? t.Redacted(InformationBarriers.HiddenText) : t).ToList();
        var estimator = await EstimatorAsync(session, tickets, now, ct);
        var waiting = QueueOrder.Waiting(tickets).Select((t, i) => new WaitingTicket(t, i + 1, estimator.ForPosition(i + 1), conflicts.Contains(t.Id), hidden.Contains(t.Id))).ToList();
        return new QueueView(
            session,
            session.StateAt(now),
            waiting,
            [.. tickets.Where(t => t.IsWithCaseworker).OrderBy(t => t.CalledAt)],
            [.. tickets.Where(t => t.Status is not (TicketStatus.Waiting or TicketStatus.Called or TicketStatus.InProgress)).OrderByDescending(t => t.FinishedAt ?? t.LeftAt ?? t.CheckedInAt)],
            estimator.ForPosition(waiting.Count + 1),
            estimator,
            SessionSummary.Of(session, tickets),
            sessions.NextWindowAfter(session.EndedAt),
            hidden);
    }

    /// <summary>The public board: anonymous, so it is built from ticket numbers and rooms only.</summary>
    public async Task<BoardView> GetBoardAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (session, tickets) = await current.CurrentAsync(ct);
        var estimator = await EstimatorAsync(session, tickets, now, ct);
        var state = session.StateAt(now);
        var queued = QueueOrder.Waiting(tickets);
        var waiting = state == SessionState.Open ? queued : [];
        return new BoardView(
            state,
            session.ScheduledStart,
            session.EndedAt,
            [.. tickets.Where(t => t.Status == TicketStatus.Called).OrderByDescending(t => t.CalledAt).Select(t => new BoardCall(t.Code, t.Room ?? ""))],
            [.. waiting.Select((t, i) => new BoardWaiting(t.Code, WaitEstimator.RoundedMinutes(estimator.ForPosition(i + 1))))],
            WaitEstimator.RoundedMinutes(estimator.ForPosition(waiting.Count + 1)),
            state == SessionState.Closed ? sessions.NextWindowAfter(session.EndedAt)?.Start : null,
            // Every ticket already waiting counts, even before the desk opens (students may join from a phone earlier).
            state != SessionState.Closed && OnlineJoin.RunsPastClose(session, now, estimator.ForPosition(queued.Count + 1)),
            Notice: session.Notice);
    }

    /// <summary>Where each ticket of <paramref name="sessionId"/> stands (anonymous: ticket numbers, waits and rooms only); null for no such session.</summary>
    public async Task<QueuePositions?> GetPositionsAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.DropInSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return null;
        }

        var tickets = await db.Tickets.AsNoTracking().Where(t => t.SessionId == sessionId).ToListAsync(ct);
        var estimator = await EstimatorAsync(session, tickets, clock.GetUtcNow(), ct);
        return new QueuePositions(
            sessionId,
            session.Notice,
            [.. QueueOrder.Waiting(tickets).Select((t, i) => new BoardWaiting(t.Code, WaitEstimator.RoundedMinutes(estimator.ForPosition(i + 1))))],
            [.. tickets.Where(t => t.Status == TicketStatus.Called).Select(t => new BoardCall(t.Code, t.Room ?? ""))]);
    }

    /// <summary>Opens a scheduled session's queue now, up to an hour early, unless another session is open (one session at a time).</summary>
    public Task OpenEarlyAsync(ClaimsPrincipal user, Guid sessionId) =>
        ChangeSessionAsync(user, sessionId, async (db, session, staff, now) =>
        {
            await RequireNoOtherSessionAsync(db, session.Id, session.Date, now, session.ScheduledEnd, now,
                "Another drop-in session is open now: close it before opening this one.");
            session.OpenEarly(now, staff.Id);
        });

    public Task CloseAsync(ClaimsPrincipal user, Guid sessionId) =>
        ChangeSessionAsync(user, sessionId, (_, session, staff, now) =>
        {
            session.Close(now, staff.Id);
            return Task.CompletedTask;
        });

    /// <summary>
    /// The message to everyone waiting ("we're running 20 minutes late"), on the board and every student's page at once;
    /// blank clears it. Two people setting it at once: the later one stands.
    /// </summary>
    /// <exception cref="RuleException">Too long, or the session no longer exists.</exception>
    public async Task SetNoticeAsync(ClaimsPrincipal user, Guid sessionId, string? text)
    {
        await authorizer.RequireAsync(user, Permissions.ServeQueue);
        await changes.RunAsync(Reapplied, async scope =>
        {
            var session = await scope.Db.DropInSessions.SingleOrDefaultAsync(s => s.Id == sessionId)
                ?? throw new RuleException("That session no longer exists; reload the page.");
            session.SetNotice(text);
            scope.Publish(new QueueChanged(session.Id));
        });
    }

    /// <summary>Starts an unscheduled session now, ending at <paramref name="endLocal"/> London time today. Extra sessions never overlap another session.</summary>
    public async Task<DropInSession> StartExtraSessionAsync(ClaimsPrincipal user, TimeOnly endLocal)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.RunSession);
        return await changes.RunAsync(Reapplied with { Lock = RuleLocks.DropInSessions }, async scope =>
        {
            var today = LondonTime.Today(scope.Now);
            var end = LondonTime.ToInstant(today, endLocal);
            var session = DropInSession.Extra(scope.Now, end, staff.Id);
            await RequireNoOtherSessionAsync(scope.Db, null, today, scope.Now, end, scope.Now,
                "That would overlap a drop-in session already open or scheduled today; open that one early instead.");
            scope.Db.DropInSessions.Add(session);
            PublishSessionChanged(scope, session);
            return session;
        });
    }

    /// <summary>
    /// Checks a student in, or says why not. Someone whose service has been withdrawn (matched by the email or ID given)
    /// is not put in the queue: the result is <see cref="CheckInResult.Flagged"/> and reception fetches a manager, who may
    /// check them in anyway (<paramref name="managerOverride"/>, audited), e.g. for an emergency; an override by anyone
    /// else is flagged the same. The queue and the board never show the flag.
    /// </summary>
    /// <exception cref="ForbiddenException">The user may not check students in.</exception>
    /// <exception cref="RuleException">The details are not valid, or the queue is not open.</exception>
    public async Task<CheckInResult> CheckInAsync(ClaimsPrincipal user, StudentDetails student, bool managerOverride = false)
    {
        await authorizer.RequireAsync(user, Permissions.CheckIn);
        student = student.Validated();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (await Conduct.WithdrawalRegister.FindAsync(db, student.EmailOrId) is { } withdrawn)
            {
                if (!managerOverride || !(await authorization.AuthorizeAsync(user, Permissions.DecideWithdrawal)).Succeeded)
                {
                    return new CheckInResult.Flagged((await barriers.BlockedAsync(user)).Contains(withdrawn.StudentId)
                        ? Conduct.WithdrawalRegister.FlagBehindBarrier
                        : Conduct.WithdrawalRegister.Flag(withdrawn));
                }

                await audit.RecordAsync(user, "conduct.check-in-override", "Conduct", withdrawn.StudentId.ToString());
            }
        }

        return new CheckInResult.CheckedIn(await changes.RunAsync(Reapplied with { Serialised = true }, async scope =>
        {
            var session = await sessions.CurrentAsync(scope.Db, scope.Now);
            var ticket = session.CheckIn(student, scope.Now);
            scope.Db.Tickets.Add(ticket);
            scope.Publish(new QueueChanged(session.Id));
            return ticket;
        }));
    }

    public Task EditAsync(ClaimsPrincipal user, Guid ticketId, StudentDetails student) =>
        ChangeTicketAsync(user, Permissions.CheckIn, ticketId, (ticket, _, _, _) => ticket.Edit(student));

    public Task MoveUpAsync(ClaimsPrincipal user, Guid ticketId, string reason) =>
        ChangeTicketAsync(user, Permissions.CheckIn, ticketId, (ticket, _, staff, now) => ticket.MoveUp(reason, staff.DisplayName, now));

    public Task MarkLeftAsync(ClaimsPrincipal user, Guid ticketId) =>
        ChangeTicketAsync(user, Permissions.CheckIn, ticketId, (ticket, _, _, now) => ticket.MarkLeft(now));

    public Task ReturnToQueueAsync(ClaimsPrincipal user, Guid ticketId) =>
        ChangeTicketAsync(user, Permissions.CheckIn, ticketId, (ticket, session, _, now) =>
        {
            if (session.StateAt(now) != SessionState.Open)
            {
                throw new RuleException("The queue is closed, so nobody can be put back in it.");
            }

            ticket.ReturnToQueue();
        });

    public Task RecordFollowUpAsync(ClaimsPrincipal user, Guid ticketId, FollowUp followUp, string? note) =>
        ChangeTicketAsync(user, Permissions.CheckIn, ticketId, (ticket, session, _, now) => ticket.RecordFollowUp(followUp, note, session.StateAt(now)));

    /// <summary>
    /// Gives the caseworker the next student by priority then arrival. The transaction, the ticket's concurrency
    /// token and a retry make two simultaneous presses take two different students.
    /// </summary>
    /// <returns>The ticket called, or null when nobody is waiting.</returns>
    public async Task<Ticket?> CallNextAsync(ClaimsPrincipal user, string room)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ServeQueue);
        if (!Rooms.Contains(room))
        {
            throw new RuleException("Choose the room you are seeing students in.");
        }

        return await changes.RunAsync<Ticket?>(Reapplied with { Serialised = true }, async scope =>
        {
            var (db, now) = (scope.Db, scope.Now);
            var session = await sessions.CurrentAsync(db, now);
            if (session.StateAt(now) != SessionState.Open)
            {
                throw new RuleException("The drop-in queue is not open.");
            }

            var tickets = await db.Tickets.Where(t => t.SessionId == session.Id).ToListAsync();
            if (tickets.FirstOrDefault(t => t.CaseworkerId == staff.Id && t.IsWithCaseworker) is { } current)
            {
                throw new RuleException($"Finish ticket {current.Code} before calling the next student.");
            }

            // A caseworker walled off from a student by a dispute is never called to them; the next colleague is.
            var lens = await barriers.LensNowAsync(staff.Id);
            var next = QueueOrder.Next(tickets.Where(t => !lens.Hides(t.StudentId, t.Name, t.EmailOrId)));
            if (next is null)
            {
                return null;
            }

            next.Call(staff.Id, staff.DisplayName, room, now);
            notices.Called(scope, next);
            notices.QueueMoved(scope, tickets);
            scope.Publish(new QueueChanged(session.Id));
            return next;
        });
    }

    /// <summary>The ticket this caseworker has called or is seeing, if any.</summary>
    public async Task<Ticket?> GetMyTicketAsync(ClaimsPrincipal user)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ServeQueue);
        await using var db = await dbFactory.CreateDbContextAsync();
        var session = await sessions.CurrentAsync(db, clock.GetUtcNow());
        var mine = (await db.Tickets.AsNoTracking()
            .Where(t => t.SessionId == session.Id && t.CaseworkerId == staff.Id)
            .ToListAsync()).FirstOrDefault(t => t.IsWithCaseworker);
        // A dispute recorded while the student is with this caseworker walls them off at once, as everywhere else.
        return mine is not null && (await barriers.LensAsync(user)).Hides(mine.StudentId, mine.Name, mine.EmailOrId) ? mine.Redacted(InformationBarriers.HiddenText) : mine;
    }

    public Task StartAsync(ClaimsPrincipal user, Guid ticketId) =>
        ChangeTicketAsync(user, Permissions.ServeQueue, ticketId, (ticket, _, staff, now) => ticket.Start(staff.Id, now));

    public Task FinishAsync(ClaimsPrincipal user, Guid ticketId, VisitOutcome outcome) =>
        ChangeTicketAsync(user, Permissions.ServeQueue, ticketId, (ticket, _, staff, now) => ticket.Finish(staff.Id, outcome, now));

    public Task NoAnswerAsync(ClaimsPrincipal user, Guid ticketId) =>
        ChangeTicketAsync(user, Permissions.ServeQueue, ticketId, (ticket, _, staff, now) => ticket.NoAnswer(staff.Id, now));

    public async Task<string?> GetRoomAsync(ClaimsPrincipal user)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ServeQueue);
        await using var db = await dbFactory.CreateDbContextAsync();
        var room = await db.Users.Where(u => u.Id == staff.Id).Select(u => u.Room).SingleOrDefaultAsync();
        return room is not null && Rooms.Contains(room) ? room : null;
    }

    public async Task SetRoomAsync(ClaimsPrincipal user, string room)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ServeQueue);
        if (!Rooms.Contains(room))
        {
            throw new RuleException("Choose one of the advice rooms.");
        }

        await changes.RunAsync(ChangeOptions.Report("Your room could not be saved just now; choose it again."), scope =>
            scope.Db.Users.Where(u => u.Id == staff.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Room, room)));
    }

    /// <summary>A change to a session's times, under the drop-in sessions lock so that the one-at-a-time rule holds.</summary>
    private async Task ChangeSessionAsync(ClaimsPrincipal user, Guid sessionId, Func<DropInDbContext, DropInSession, StaffMember, DateTimeOffset, Task> change)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.RunSession);
        await changes.RunAsync(Reapplied with { Lock = RuleLocks.DropInSessions }, async scope =>
        {
            var session = await scope.Db.DropInSessions.SingleOrDefaultAsync(s => s.Id == sessionId)
                ?? throw new RuleException("That session no longer exists; reload the page.");
            await change(scope.Db, session, staff, scope.Now);
            PublishSessionChanged(scope, session);
        });
    }

    /// <summary>
    /// One session at a time: no other session of the day that has not closed (counting early openings), nor a scheduled
    /// window with no session stored yet, may run between <paramref name="start"/> and <paramref name="end"/>. Called
    /// under <see cref="RuleLocks.DropInSessions"/>, so two members of staff at once cannot both get past it.
    /// </summary>
    private async Task RequireNoOtherSessionAsync(DropInDbContext db, Guid? self, DateOnly date, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, string refusal)
    {
        var stored = await db.DropInSessions.AsNoTracking().Where(s => s.Date == date).ToListAsync();
        if (stored.Any(s => s.Id != self && s.StateAt(now) != SessionState.Closed && s.Overlaps(start, end))
            || sessions.WindowsOn(date).Any(w => w.Start < end && start < w.End && !stored.Any(s => s.ScheduledStart == w.Start)))
        {
            throw new RuleException(refusal);
        }
    }

    /// <summary>A session's times decide the free appointment times of those who staff it, so the diary hears of it too.</summary>
    private static void PublishSessionChanged(ChangeScope scope, DropInSession session)
    {
        scope.Publish(new QueueChanged(session.Id));
        scope.Publish(new DiaryChanged(session.Date));
    }

    private async Task ChangeTicketAsync(ClaimsPrincipal user, string permission, Guid ticketId, Action<Ticket, DropInSession, StaffMember, DateTimeOffset> change)
    {
        var staff = await authorizer.RequireAsync(user, permission);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Ticket(ticketId));
        await changes.RunAsync(Reapplied, async scope =>
        {
            var ticket = await scope.Db.Tickets.SingleOrDefaultAsync(t => t.Id == ticketId)
                ?? throw new RuleException("That ticket no longer exists; reload the page.");
            var session = await scope.Db.DropInSessions.AsNoTracking().SingleAsync(s => s.Id == ticket.SessionId);
            change(ticket, session, staff, scope.Now);
            // Leaving, moving up or coming back moves others nearer the front; the ticket itself is among these (tracked once).
            notices.QueueMoved(scope, await scope.Db.Tickets.Where(t => t.SessionId == session.Id).ToListAsync());
            scope.Publish(new QueueChanged(session.Id));
        });
    }

    /// <summary>The wait estimates of a session's queue as it is now (<paramref name="tickets"/>: all the session's tickets).</summary>
    internal async Task<WaitEstimator> EstimatorAsync(DropInSession session, IReadOnlyList<Ticket> tickets, DateTimeOffset now, CancellationToken ct)
    {
        var recentCaseworkers = tickets
            .Where(t => t.IsWithCaseworker || (t.CalledAt is { } called && now - called < TimeSpan.FromHours(1)))
            .Select(t => t.CaseworkerId)
            .Distinct()
            .Count();
        return new WaitEstimator(
            tickets.Where(t => t.Status == TicketStatus.Finished).Select(t => t.ServiceTime!.Value),
            await history.BeforeAsync(session.Id, ct),
            TimeSpan.FromMinutes(options.Value.DefaultVisitMinutes),
            recentCaseworkers,
            tickets.Count(t => t.IsWithCaseworker));
    }
}
