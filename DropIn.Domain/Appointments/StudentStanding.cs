namespace DropIn.Domain.Appointments;

/// <summary>
/// Missed appointments, counted per university email (appointments may be booked before a student record exists). At
/// the configured count the student is flagged for a warning; the warning itself, and any withdrawal of service, are
/// recorded on the student's conduct record (<c>DropIn.Domain.Conduct</c>).
/// </summary>
public sealed class StudentStanding
{
    private StudentStanding()
    {
    }

    public StudentStanding(string email)
    {
        Email = Cases.UniversityEmail.Key(email) ?? throw new ArgumentException("A standing needs an email.", nameof(email));
    }

    /// <summary>The student's email key (<see cref="Cases.UniversityEmail"/>), so every spelling of one address counts together.</summary>
    public string Email { get; private set; } = "";
    public int NoShows { get; private set; }
    public DateTimeOffset? WarningDueSince { get; private set; }
    public int Version { get; private set; }

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
}
