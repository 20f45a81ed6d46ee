namespace DropIn.Domain.Cases;

/// <summary>
/// Optional equality-monitoring answers, kept apart from the case file: used only in aggregate statistics and
/// never shown in a case view. Every question may be left unanswered or answered "Prefer not to say".
/// </summary>
public sealed class MonitoringRecord
{
    public const string PreferNotToSay = "Prefer not to say";

    public static readonly IReadOnlyList<string> Genders = ["Woman", "Man", "Non-binary", "In another way", PreferNotToSay];
    public static readonly IReadOnlyList<string> Ethnicities =
    [
        "Asian or Asian British", "Black, Black British, Caribbean or African", "Mixed or multiple ethnic groups", "White",
        "Other ethnic group", PreferNotToSay,
    ];
    public static readonly IReadOnlyList<string> Disabilities = ["No known disability", "Disabled", PreferNotToSay];
    public static readonly IReadOnlyList<string> Levels = ["Undergraduate", "Postgraduate taught", "Postgraduate research", "Other", PreferNotToSay];
    public static readonly IReadOnlyList<string> FeeStatuses = ["Home", "International", PreferNotToSay];

    private MonitoringRecord()
    {
    }

    public Guid StudentId { get; private set; }
    public DateOnly? DateOfBirth { get; private set; }
    public string? Gender { get; private set; }
    public string? Ethnicity { get; private set; }
    public string? Disability { get; private set; }
    public string? LevelOfStudy { get; private set; }
    public string? FeeStatus { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public static MonitoringRecord For(Guid studentId) => new() { StudentId = studentId };

    public void Answer(DateOnly? dateOfBirth, string? gender, string? ethnicity, string? disability, string? level, string? feeStatus, DateTimeOffset now)
    {
        var today = Calendar.LondonTime.Today(now);
        if (dateOfBirth is { } dob && (dob > today.AddYears(-15) || dob < today.AddYears(-100)))
        {
            throw new RuleException("That date of birth gives an age outside 15 to 100; check the year.");
        }

        DateOfBirth = dateOfBirth;
        Gender = OneOf(gender, Genders, "gender");
        Ethnicity = OneOf(ethnicity, Ethnicities, "ethnic group");
        Disability = OneOf(disability, Disabilities, "disability");
        LevelOfStudy = OneOf(level, Levels, "level of study");
        FeeStatus = OneOf(feeStatus, FeeStatuses, "fee status");
        RecordedAt = now;
    }

    private static string? OneOf(string? value, IReadOnlyList<string> allowed, string what) =>
        string.IsNullOrEmpty(value) ? null : allowed.Contains(value) ? value : throw new RuleException($"Choose the {what} from the list.");
}
