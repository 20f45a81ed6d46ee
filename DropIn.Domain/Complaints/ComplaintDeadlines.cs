using DropIn.Domain.Calendar;

namespace DropIn.Domain.Complaints;

/// <summary>
/// How many working days the complaints procedure gives to acknowledge a complaint and to respond to it, at each
/// stage. The defaults are the advice-quality audit's usual ones (acknowledge in 5, respond in 20); a service sets its
/// own in DropIn:Complaints.
/// </summary>
/// <exception cref="RuleException">From <see cref="Checked"/>: a timescale outside 1–60 working days, or a response due before the acknowledgement.</exception>
public sealed record ComplaintTimescales(int AcknowledgeWorkingDays = 5, int RespondWorkingDays = 20)
{
    public const int MaxWorkingDays = 60;

    public static readonly ComplaintTimescales Default = new();

    public ComplaintTimescales Checked()
    {
        if (AcknowledgeWorkingDays is < 1 or > MaxWorkingDays || RespondWorkingDays is < 1 or > MaxWorkingDays)
        {
            throw new RuleException($"Complaint timescales are between 1 and {MaxWorkingDays} working days.");
        }

        return RespondWorkingDays < AcknowledgeWorkingDays
            ? throw new RuleException("A complaint cannot be due a response before it is due an acknowledgement.")
            : this;
    }
}

/// <summary>
/// When a stage of a complaint must be acknowledged and answered: 17:00 London time on the
/// <see cref="ComplaintTimescales.AcknowledgeWorkingDays"/>th and <see cref="ComplaintTimescales.RespondWorkingDays"/>th
/// working day after the stage began. As with enquiries, something received outside service hours (evenings, weekends,
/// bank holidays, closure days) counts from the next working day (<see cref="WorkingCalendar.CountsFrom"/>).
/// </summary>
public sealed record ComplaintDeadlines(DateTimeOffset AcknowledgeBy, DateTimeOffset RespondBy)
{
    public static ComplaintDeadlines For(DateTimeOffset stageBegan, WorkingCalendar calendar, ComplaintTimescales timescales)
    {
        var countsFrom = calendar.CountsFrom(stageBegan);
        return new ComplaintDeadlines(
            WorkingCalendar.EndOf(calendar.WorkingDaysAfter(countsFrom, timescales.AcknowledgeWorkingDays)),
            WorkingCalendar.EndOf(calendar.WorkingDaysAfter(countsFrom, timescales.RespondWorkingDays)));
    }
}
