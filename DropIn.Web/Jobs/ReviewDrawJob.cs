using DropIn.Web.Features.Reviews;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every hour: draws this month's files still due under each caseworker's review plan (<see cref="FileReviewService.DrawDueAsync"/>).</summary>
[DisallowConcurrentExecution]
public sealed class ReviewDrawJob(FileReviewService reviews) : IJob
{
    public static readonly JobKey Key = new(nameof(ReviewDrawJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reviews.DrawDueAsync(cancellationToken);
}
