using Quartz;

namespace DropIn.Web.Messaging;

/// <summary>Every 15 seconds: send what the outbox holds that is due. State lives in the outbox, so restarts lose nothing.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new(nameof(OutboxDispatchJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dispatcher.DispatchDueAsync(cancellationToken);
}
