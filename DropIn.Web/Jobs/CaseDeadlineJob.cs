using DropIn.Web.Features.Cases;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every few minutes: case deadline reminders that have fallen due (two working days before, and on the day).</summary>
[DisallowConcurrentExecution]
public sealed class CaseDeadlineJob(CaseDeadlineReminders reminders) : IJob
{
    public static readonly JobKey Key = new(nameof(CaseDeadlineJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reminders.RunAsync(cancellationToken);
}
