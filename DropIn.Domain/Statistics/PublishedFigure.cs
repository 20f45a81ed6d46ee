using System.Globalization;

namespace DropIn.Domain.Statistics;

public enum FigureKind
{
    Count,
    Percentage,
    Average,

    /// <summary>An amount in whole pounds sterling.</summary>
    Money,
}

/// <summary>Why a figure is shown as "..".</summary>
public enum SuppressionReason
{
    None,

    /// <summary>Primary suppression: a non-zero count small enough to point at individuals.</summary>
    Primary,

    /// <summary>Secondary suppression: shown, it would let a hidden figure be worked out from a total.</summary>
    Secondary,

    /// <summary>A percentage or average based on too few people.</summary>
    BaseTooSmall,

    /// <summary>A money total from too few cases: one student's gain could be worked out from it.</summary>
    TooFewCases,
}

/// <summary>
/// One figure as it may be published: already rounded, or hidden. The unrounded number never leaves the domain,
/// so a page cannot show it by mistake.
/// </summary>
public sealed record PublishedFigure
{
    public const string Hidden = "..";

    private PublishedFigure(FigureKind kind, decimal? value, SuppressionReason reason) => (Kind, Value, Reason) = (kind, value, reason);

    public FigureKind Kind { get; }

    /// <summary>The published value (a rounded count, a whole percentage, an average to 1 dp); null when suppressed.</summary>
    public decimal? Value { get; }

    public SuppressionReason Reason { get; }

    public bool IsSuppressed => Reason != SuppressionReason.None;

    public string Display => Value is not { } value
        ? Hidden
        : Kind switch
        {
            FigureKind.Count => value.ToString("N0", CultureInfo.InvariantCulture),
            FigureKind.Percentage => value.ToString("0", CultureInfo.InvariantCulture) + "%",
            FigureKind.Money => value.ToString("'£'#,0", CultureInfo.InvariantCulture),
            _ => value.ToString("0.0", CultureInfo.InvariantCulture),
        };

    /// <summary>A count rounded to the nearest 5 (0, 1 and 2 publish as 0).</summary>
    public static PublishedFigure Count(int unrounded) => new(FigureKind.Count, DisclosureRules.RoundCount(unrounded), SuppressionReason.None);

    /// <summary>
    /// <paramref name="part"/> as a whole-number percentage of <paramref name="whole"/>, both unrounded counts of
    /// people; hidden when the base is fewer than 22.5 people.
    /// </summary>
    public static PublishedFigure Percentage(int part, int whole)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfNegative(whole);
        return whole < DisclosureRules.MinimumPercentageBase
            ? Suppressed(FigureKind.Percentage, SuppressionReason.BaseTooSmall)
            : new(FigureKind.Percentage, Math.Round(100m * part / whole, 0, MidpointRounding.AwayFromZero), SuppressionReason.None);
    }

    /// <summary>The mean of one value per person, to 1 dp; hidden when based on 7 or fewer people.</summary>
    public static PublishedFigure Average(IReadOnlyCollection<decimal> valuePerPerson)
    {
        ArgumentNullException.ThrowIfNull(valuePerPerson);
        return valuePerPerson.Count <= DisclosureRules.MaximumHiddenAverageBase
            ? Suppressed(FigureKind.Average, SuppressionReason.BaseTooSmall)
            : new(FigureKind.Average, Math.Round(valuePerPerson.Average(), 1, MidpointRounding.AwayFromZero), SuppressionReason.None);
    }

    /// <summary>A total in whole pounds, as counted (<see cref="GainTable"/> decides whether it may be shown).</summary>
    public static PublishedFigure Money(long pounds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pounds);
        return new(FigureKind.Money, pounds, SuppressionReason.None);
    }

    /// <summary>
    /// Why a figure is shown as "..", in words for the key printed beside it (null when it is shown). A symbol is never
    /// left unexplained where it appears: the full rules are in <see cref="DisclosureRules.Statement"/>.
    /// </summary>
    public static string? Explain(SuppressionReason reason) => reason switch
    {
        SuppressionReason.Primary => "it counts too few people (1 to 4) to publish without identifying them",
        SuppressionReason.Secondary => "it would let a hidden figure be worked out from a total",
        SuppressionReason.BaseTooSmall => "it is a percentage or average based on too few people",
        SuppressionReason.TooFewCases => "it is a money total from too few cases to publish without revealing a student's gain",
        _ => null,
    };

    public static PublishedFigure Suppressed(FigureKind kind, SuppressionReason reason) =>
        reason == SuppressionReason.None
            ? throw new ArgumentOutOfRangeException(nameof(reason), "A suppressed figure needs a reason.")
            : new(kind, null, reason);
}
