namespace DropIn.Domain.Appointments;

/// <summary>A stored weekly availability window of one caseworker.</summary>
public sealed class CaseworkerWindow
{
    private CaseworkerWindow()
    {
    }

    public CaseworkerWindow(string staffId, DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw new RuleException("A window must end after it starts.");
        }

        Id = Guid.NewGuid();
        StaffId = staffId;
        Day = day;
        Start = start;
        End = end;
    }

    public Guid Id { get; private set; }
    public string StaffId { get; private set; } = "";
    public DayOfWeek Day { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }

    public WeeklyWindow ToWindow() => new(Day, Start, End);
}

/// <summary>A stored period of leave of one caseworker.</summary>
public sealed class CaseworkerLeave
{
    private CaseworkerLeave()
    {
    }

    public CaseworkerLeave(string staffId, DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new RuleException("Leave must end on or after the day it starts.");
        }

        Id = Guid.NewGuid();
        StaffId = staffId;
        From = from;
        To = to;
    }

    public Guid Id { get; private set; }
    public string StaffId { get; private set; } = "";
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }

    public Leave ToLeave() => new(From, To);
}
