namespace DropIn.Domain.Statistics;

/// <summary>How revealing a breakdown is, which decides what it may be crossed with.</summary>
public enum DimensionKind
{
    /// <summary>Month, year: every student falls in some period, so periods are never small groups on their own.</summary>
    Period,

    /// <summary>What the service did: case category, channel, outcome, student status.</summary>
    Service,

    /// <summary>Equality-monitoring answers (MonitoringRecord): sensitive personal data, published only in aggregate.</summary>
    Monitoring,

    /// <summary>Attributes with few students per value, such as college or department.</summary>
    SmallPopulation,
}

/// <summary>A breakdown a statistics table may use for its rows or columns.</summary>
public sealed record Dimension(string Name, DimensionKind Kind)
{
    public static readonly Dimension Month = new("Month", DimensionKind.Period);
    public static readonly Dimension Year = new("Year", DimensionKind.Period);

    public static readonly Dimension Category = new("Category", DimensionKind.Service);
    public static readonly Dimension Channel = new("Channel", DimensionKind.Service);
    public static readonly Dimension Outcome = new("Outcome", DimensionKind.Service);
    public static readonly Dimension StudentStatus = new("Student status", DimensionKind.Service);

    public static readonly Dimension Gender = new("Gender", DimensionKind.Monitoring);
    public static readonly Dimension Ethnicity = new("Ethnic group", DimensionKind.Monitoring);
    public static readonly Dimension Disability = new("Disability", DimensionKind.Monitoring);
    public static readonly Dimension LevelOfStudy = new("Level of study", DimensionKind.Monitoring);
    public static readonly Dimension FeeStatus = new("Fee status", DimensionKind.Monitoring);
    public static readonly Dimension AgeBand = new("Age band", DimensionKind.Monitoring);

    public static readonly Dimension College = new("College", DimensionKind.SmallPopulation);
    public static readonly Dimension Department = new("Faculty or department", DimensionKind.SmallPopulation);
    public static readonly Dimension Course = new("Course", DimensionKind.SmallPopulation);

    public bool IsMonitoring => Kind == DimensionKind.Monitoring;
    public bool IsSmallPopulation => Kind == DimensionKind.SmallPopulation;

    /// <summary>Tables on these get small counts suppressed on top of rounding.</summary>
    public bool IsSensitive => IsMonitoring || IsSmallPopulation;
}
