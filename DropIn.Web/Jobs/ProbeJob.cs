using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>
/// For the scale-out smoke test only, off unless <c>DropIn:Jobs:ProbeSeconds</c> is set: logs the time each firing was
/// scheduled for (UTC, ISO 8601). Every instance schedules it on the same whole-second boundaries, so a scheduler that
/// is not clustered fires each time once per instance, and the test, reading every instance's log, sees it twice.
/// </summary>
public sealed class ProbeJob(ILogger<ProbeJob> logger) : IJob
{
    public static readonly JobKey Key = new(nameof(ProbeJob));

    /// <summary>The cron expression for a firing every <paramref name="seconds"/> seconds, on the same seconds on every instance.</summary>
    /// <param name="seconds">A divisor of 60.</param>
    public static string Every(int seconds) => $"0/{seconds} * * * * ?";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        logger.LogInformation("Probe fired for {ScheduledUtc:O}", context.ScheduledFireTimeUtc);
        return ValueTask.CompletedTask;
    }
}
