using DropIn.Web.Features.Enquiries;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every minute through the day: acknowledgement reminders and escalations that have fallen due.</summary>
[DisallowConcurrentExecution]
public sealed class EnquirySlaJob(EnquiryReminders reminders) : IJob
{
    public static readonly JobKey Key = new(nameof(EnquirySlaJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reminders.RunAsync(cancellationToken);
}
