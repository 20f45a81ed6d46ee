namespace DropIn.Domain.Appointments;

/// <summary>A weekly window in which a caseworker takes appointments, London time.</summary>
public sealed record WeeklyWindow(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>Days a caseworker is away, inclusive.</summary>
public sealed record Leave(DateOnly From, DateOnly To)
{
    public bool Covers(DateOnly date) => date >= From && date <= To;
}

/// <summary>Everything that decides when one caseworker can see a student.</summary>
public sealed record StaffAvailability(string StaffId, IReadOnlyList<WeeklyWindow> Weekly, IReadOnlyList<Leave> Leave, bool StaffsDropIn);

/// <summary>A time a caseworker is already taken: an appointment, or a hold awaiting confirmation.</summary>
public sealed record BusyPeriod(string StaffId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A bookable time with one caseworker. Students are shown the time only.</summary>
public sealed record Slot(string StaffId, DateTimeOffset Start, DateTimeOffset End);
