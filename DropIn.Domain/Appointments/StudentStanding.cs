namespace DropIn.Domain.Appointments;

/// <summary>
/// What the service knows about a student's bookings across appointments: missed appointments and, under the code of
/// practice, a warning and withdrawal of service. Keyed by university email until student records exist.
/// </summary>
public sealed class StudentStanding
{
    private StudentStanding()
    {
    }

    public StudentStanding(string email)
    {
        Email = email;
    }

    public string Email { get; private set; } = "";
    public int NoShows { get; private set; }
    public DateTimeOffset? WarningDueSince { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public int Version { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>Counts a missed appointment; at <paramref name="warnAfter"/> the student is flagged for a warning.</summary>
    public void RecordNoShow(int warnAfter, DateTimeOffset now)
    {
        NoShows++;
        if (NoShows >= warnAfter && WarningDueSince is null)
        {
            WarningDueSince = now;
        }

        Version++;
    }

    /// <summary>A no-show recorded by mistake and corrected to attended.</summary>
    public void UndoNoShow()
    {
        NoShows = Math.Max(0, NoShows - 1);
        Version++;
    }

    public void Withdraw(DateTimeOffset now)
    {
        WithdrawnAt = now;
        Version++;
    }
}
