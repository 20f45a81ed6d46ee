namespace DropIn.Domain.Appointments;

/// <summary>The configurable booking rules.</summary>
/// <param name="Length">How long an appointment lasts (default 45 minutes).</param>
/// <param name="Buffer">The gap a caseworker keeps after each appointment.</param>
/// <param name="EarliestNotice">Working time that must pass before the earliest bookable start (default 2 hours).</param>
/// <param name="FurthestAhead">How far ahead a student can book (default 28 days).</param>
/// <param name="MaxFutureBookings">Future bookings one student may hold at once.</param>
/// <param name="ConfirmationHold">How long an unconfirmed booking holds its time.</param>
public sealed record BookingRules(TimeSpan Length, TimeSpan Buffer, TimeSpan EarliestNotice, TimeSpan FurthestAhead, int MaxFutureBookings, TimeSpan ConfirmationHold)
{
    public static BookingRules Default { get; } = new(
        TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(15), TimeSpan.FromHours(2), TimeSpan.FromDays(28), 2, TimeSpan.FromMinutes(30));
}
