using DropIn.Web.Features.Reviews;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every fifteen minutes: reminds caseworkers of file review actions coming due (<see cref="ReviewActionReminders"/>).</summary>
[DisallowConcurrentExecution]
public sealed class ReviewActionJob(ReviewActionReminders reminders) : IJob
{
    public static readonly JobKey Key = new(nameof(ReviewActionJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reminders.RunAsync(cancellationToken);
}
