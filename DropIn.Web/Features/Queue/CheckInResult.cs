using DropIn.Domain.Queue;

namespace DropIn.Web.Features.Queue;

/// <summary>What checking a student in came to: one answer from one call, so reception never asks twice.</summary>
public abstract record CheckInResult
{
    /// <summary>In the queue with this ticket.</summary>
    public sealed record CheckedIn(Ticket Ticket) : CheckInResult;

    /// <summary>
    /// Not checked in: the email or ID given matches a student whose service is withdrawn. <see cref="Reason"/> is what
    /// reception may see (<see cref="Conduct.WithdrawalRegister"/>): enough to fetch a manager, nothing about why.
    /// </summary>
    public sealed record Flagged(string Reason) : CheckInResult;
}
