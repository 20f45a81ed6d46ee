using DropIn.Web.Features.Complaints;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every five minutes: complaint acknowledgement and response reminders, and escalations, that have fallen due.</summary>
[DisallowConcurrentExecution]
public sealed class ComplaintDeadlineJob(ComplaintReminders reminders) : IJob
{
    public static readonly JobKey Key = new(nameof(ComplaintDeadlineJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reminders.RunAsync(cancellationToken);
}
