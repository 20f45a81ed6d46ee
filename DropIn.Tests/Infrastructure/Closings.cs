using DropIn.Domain.Cases;

namespace DropIn.Tests.Infrastructure;

/// <summary>Closings as the Close dialog makes them, for tests whose subject is something else.</summary>
public static class Closings
{
    /// <summary>The first seeded outcome ("Appeal upheld", id 1 in a new database), no money, casework.</summary>
    public const int FirstOutcome = 1;

    /// <summary><paramref name="closing"/> with what every closing records: an outcome from the list and the service level.</summary>
    public static CaseClosing Counted(this CaseClosing closing, int kindId = FirstOutcome) =>
        closing with { Level = ServiceLevel.Casework, Achieved = [new OutcomeAchieved(kindId, null)] };
}
