using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;

namespace DropIn.Domain.Retention;

/// <summary>Level of study coarsened: taught and research postgraduates are few enough to tell apart.</summary>
public enum LevelOfStudyBand
{
    NotKnown,
    Undergraduate,
    Postgraduate,
    Other,
}

/// <summary>
/// What survives the destruction of a case, for statistics: what it was about, the months it opened and closed,
/// how it ended, how the student came to us, and two coarse attributes. No ids, names, days, college or
/// monitoring answers, so it cannot be linked back to a person. A student with no case leaves one with no category.
/// </summary>
public sealed record StatisticsRemnant
{
    private StatisticsRemnant()
    {
    }

    /// <summary>The category's name, or null for involvement without a case (an enquiry or visit only).</summary>
    public string? Category { get; private init; }
    public YearMonth Opened { get; private init; }
    public YearMonth? Closed { get; private init; }
    public CaseOutcome? Outcome { get; private init; }

    /// <summary>How the student first came to us; a drop-in visit counts as in person.</summary>
    public EnquiryChannel? Channel { get; private init; }
    public StudentStatus StudentStatus { get; private init; }
    public LevelOfStudyBand LevelOfStudy { get; private init; }

    /// <param name="levelOfStudy">The monitoring answer (MonitoringRecord.Levels), if any.</param>
    public static StatisticsRemnant From(
        string? category, DateTimeOffset openedAt, DateTimeOffset? closedAt, CaseOutcome? outcome, EnquiryChannel? channel,
        StudentStatus studentStatus, string? levelOfStudy)
    {
        if (closedAt < openedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(closedAt), "A case cannot close before it opens.");
        }

        return new StatisticsRemnant
        {
            Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim(),
            Opened = YearMonth.Of(openedAt),
            Closed = closedAt is { } closed ? YearMonth.Of(closed) : null,
            Outcome = outcome,
            Channel = channel,
            StudentStatus = studentStatus,
            LevelOfStudy = BandOf(levelOfStudy),
        };
    }

    public static LevelOfStudyBand BandOf(string? levelOfStudy) => levelOfStudy switch
    {
        "Undergraduate" => LevelOfStudyBand.Undergraduate,
        "Postgraduate taught" or "Postgraduate research" => LevelOfStudyBand.Postgraduate,
        "Other" => LevelOfStudyBand.Other,
        _ => LevelOfStudyBand.NotKnown,
    };
}
