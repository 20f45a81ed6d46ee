using DropIn.Web.Features.Cases;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every fifteen minutes: prompts to renew consent to share that is about to expire (or has).</summary>
[DisallowConcurrentExecution]
public sealed class ConsentRenewalJob(ConsentRenewalPrompts prompts) : IJob
{
    public static readonly JobKey Key = new(nameof(ConsentRenewalJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await prompts.RunAsync(cancellationToken);
}
