using DropIn.Web.Features.Visits;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every minute: ends the open screens of assessors whose visit has ended (<see cref="AssessorVisitService.EndSessionsAsync"/>).</summary>
[DisallowConcurrentExecution]
public sealed class AssessorVisitJob(AssessorVisitService visits) : IJob
{
    public static readonly JobKey Key = new(nameof(AssessorVisitJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await visits.EndSessionsAsync(cancellationToken);
}
