namespace DropIn.Domain.Calendar;

/// <summary>A day the service is closed beyond bank holidays: the Christmas closure, a one-off national holiday.</summary>
public sealed class ClosureDay(DateOnly date, string reason)
{
    public DateOnly Date { get; private set; } = date;
    public string Reason { get; private set; } = reason;
}
