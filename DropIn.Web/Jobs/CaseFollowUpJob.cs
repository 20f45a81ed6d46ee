using DropIn.Web.Features.Cases;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every fifteen minutes: prompts to follow up or close open cases whose follow-up is due (<see cref="CaseFollowUps"/>).</summary>
[DisallowConcurrentExecution]
public sealed class CaseFollowUpJob(CaseFollowUps followUps) : IJob
{
    public static readonly JobKey Key = new(nameof(CaseFollowUpJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await followUps.RunAsync(cancellationToken);
}
