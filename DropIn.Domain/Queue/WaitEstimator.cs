namespace DropIn.Domain.Queue;

/// <summary>
/// Estimates waits from measured service times (call to finish). This session's visits count once there are
/// enough of them; until then earlier sessions' visits fill in; with no history at all, a configured default.
/// </summary>
public sealed class WaitEstimator
{
    /// <summary>Below this many visits in the session, earlier sessions' visits are blended in.</summary>
    public const int SessionSampleEnough = 3;

    public WaitEstimator(IEnumerable<TimeSpan> thisSession, IEnumerable<TimeSpan> earlierSessions, TimeSpan fallback, int caseworkers, int busy)
    {
        var current = thisSession.ToList();
        var sample = current.Count >= SessionSampleEnough ? current : [.. current, .. earlierSessions];
        AverageServiceTime = sample.Count == 0 ? fallback : TimeSpan.FromTicks((long)sample.Average(s => s.Ticks));
        BasedOn = sample.Count;
        Caseworkers = Math.Max(1, caseworkers);
        Busy = Math.Clamp(busy, 0, Caseworkers);
    }

    public TimeSpan AverageServiceTime { get; }

    /// <summary>How many measured visits the average comes from (0: the default is used).</summary>
    public int BasedOn { get; }

    public int Caseworkers { get; }
    public int Busy { get; }

    /// <summary>
    /// The expected wait of the student at <paramref name="position"/> (1 = next). Free caseworkers take the first
    /// students at once; after that each round of calls takes one average visit.
    /// </summary>
    public TimeSpan ForPosition(int position)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        var free = Caseworkers - Busy;
        if (position <= free)
        {
            return TimeSpan.Zero;
        }

        var rounds = (int)Math.Ceiling((position - free) / (double)Caseworkers);
        return AverageServiceTime * rounds;
    }

    /// <summary>Rounded up to five minutes for people, so it never promises more than it can.</summary>
    public static int RoundedMinutes(TimeSpan wait) => wait <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(wait.TotalMinutes / 5) * 5;
}
