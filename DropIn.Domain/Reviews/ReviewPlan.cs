namespace DropIn.Domain.Reviews;

/// <summary>How many of a caseworker's files are reviewed each month, as a manager sets it (<see cref="DefaultFilesPerMonth"/> without one).</summary>
public sealed class ReviewPlan
{
    public const int DefaultFilesPerMonth = 2;
    public const int MaxFilesPerMonth = 10;

    private ReviewPlan()
    {
    }

    public string StaffId { get; private set; } = "";
    public int FilesPerMonth { get; private set; }

    /// <exception cref="RuleException">Outside 0 to <see cref="MaxFilesPerMonth"/>.</exception>
    public static ReviewPlan For(string staffId, int filesPerMonth)
    {
        var plan = new ReviewPlan { StaffId = staffId };
        plan.Set(filesPerMonth);
        return plan;
    }

    /// <summary>Files a quarter's plan asks for: three months' worth.</summary>
    public int PerQuarter => FilesPerMonth * 3;

    /// <exception cref="RuleException">Outside 0 to <see cref="MaxFilesPerMonth"/>.</exception>
    public void Set(int filesPerMonth) => FilesPerMonth = filesPerMonth is >= 0 and <= MaxFilesPerMonth
        ? filesPerMonth
        : throw new RuleException($"Review 0 to {MaxFilesPerMonth} files a month.");
}
