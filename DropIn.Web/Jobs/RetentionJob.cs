using DropIn.Web.Features.Retention;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Nightly: destroys records past their retention period that a manager's review listed and nobody holds.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionRunner runner) : IJob
{
    public static readonly JobKey Key = new(nameof(RetentionJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await runner.RunAsync(cancellationToken);
}
