using DropIn.Domain.Calendar;

namespace DropIn.Domain.Reviews;

/// <summary>A case file in an assessor's sample: the case id and its reference (kept if the case is later destroyed).</summary>
public sealed record VisitFile(Guid CaseId, string Reference);

/// <summary>
/// An external assessor's visit (Advice Quality Standard: the assessor samples case files on site): read-only access
/// for one assessor to a sample of files whose students agreed to be sampled, from the start of its first London day
/// to the start of the day after its last, after which it ends by itself. A manager may end it sooner.
/// </summary>
public sealed class AssessorVisit
{
    public const int DefaultDays = 3;
    public const int MaxDays = 14;
    public const int DefaultFiles = 10;
    public const int MaxFiles = 30;

    private AssessorVisit()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The assessor's staff account id.</summary>
    public string AssessorId { get; private set; } = "";

    /// <summary>UTC instants: London midnight at the start of the first day and after the last.</summary>
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string GrantedBy { get; private set; } = "";
    public DateTimeOffset GrantedAt { get; private set; }

    /// <summary>Set when a manager ended the visit before <see cref="EndsAt"/>.</summary>
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndedBy { get; private set; }

    /// <summary>Set once the assessor's open sessions were ended after the visit: the job that does it runs once per visit.</summary>
    public DateTimeOffset? SessionsEndedAt { get; private set; }

    /// <summary>The seed the sample was drawn with: the same consented files and seed draw the same sample.</summary>
    public int Seed { get; private set; }
    public List<VisitFile> Files { get; private set; } = [];
    public int Version { get; private set; }

    /// <summary>When access ends or ended: the manager's early end, else <see cref="EndsAt"/>.</summary>
    public DateTimeOffset AccessEnds => EndedAt is { } ended && ended < EndsAt ? ended : EndsAt;

    /// <summary>
    /// Grants a visit of <paramref name="days"/> London days from <paramref name="firstDay"/> to the sample drawn from
    /// <paramref name="consented"/>: at random, <paramref name="files"/> of them at most, reproducible from <paramref name="seed"/>.
    /// </summary>
    /// <param name="consented">Files whose students agreed to be sampled; the caller has checked the agreement.</param>
    /// <exception cref="RuleException">Days or files out of range, a first day already past, or no consented file to draw from.</exception>
    public static AssessorVisit Grant(string assessorId, DateOnly firstDay, int days, IReadOnlyCollection<VisitFile> consented, int files, int seed, string by, DateTimeOffset now)
    {
        if (days is < 1 or > MaxDays)
        {
            throw new RuleException($"A visit lasts from 1 to {MaxDays} days.");
        }

        if (files is < 1 or > MaxFiles)
        {
            throw new RuleException($"Choose from 1 to {MaxFiles} files for the sample.");
        }

        if (firstDay < LondonTime.Today(now))
        {
            throw new RuleException("The first day of the visit has passed; choose today or a later day.");
        }

        if (consented.Count == 0)
        {
            throw new RuleException("No student has agreed to their file being sampled, so there is nothing to show an assessor. Ask students, and record their answer on their record.");
        }

        return new AssessorVisit
        {
            Id = Guid.NewGuid(),
            AssessorId = assessorId,
            StartsAt = LondonTime.ToInstant(firstDay, TimeOnly.MinValue),
            EndsAt = LondonTime.ToInstant(firstDay.AddDays(days), TimeOnly.MinValue),
            GrantedBy = by,
            GrantedAt = now,
            Seed = seed,
            Files = [.. Draw(consented, files, seed)],
        };
    }

    /// <summary>Up to <paramref name="count"/> of <paramref name="files"/> at random; the same files and seed give the same sample.</summary>
    public static IReadOnlyList<VisitFile> Draw(IReadOnlyCollection<VisitFile> files, int count, int seed)
    {
        // A fixed order before shuffling: the sample depends on the seed and the files, not on the order a query returned.
        var pool = files.DistinctBy(f => f.CaseId).OrderBy(f => f.Reference, StringComparer.Ordinal).ThenBy(f => f.CaseId).ToArray();
        new Random(seed).Shuffle(pool);
        return [.. pool.Take(count).OrderBy(f => f.Reference, StringComparer.Ordinal)];
    }

    /// <summary>Whether the assessor may read the sample at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset now) => now >= StartsAt && now < AccessEnds;

    public bool Includes(Guid caseId) => Files.Any(f => f.CaseId == caseId);

    /// <summary>Ends access now. Returns false when it had ended already (ending twice is the same as once).</summary>
    public bool End(string by, DateTimeOffset now)
    {
        if (now >= AccessEnds)
        {
            return false;
        }

        (EndedAt, EndedBy) = (now, by);
        Version++;
        return true;
    }

    /// <summary>The assessor's sessions were ended after access ended.</summary>
    public void MarkSessionsEnded(DateTimeOffset now)
    {
        SessionsEndedAt = now;
        Version++;
    }
}
