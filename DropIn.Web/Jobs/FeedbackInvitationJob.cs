using DropIn.Web.Features.Feedback;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every 15 minutes: feedback and impact invitations that have fallen due (sent only 10:00–17:00 on working days).</summary>
[DisallowConcurrentExecution]
public sealed class FeedbackInvitationJob(FeedbackInvitations invitations) : IJob
{
    public static readonly JobKey Key = new(nameof(FeedbackInvitationJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await invitations.RunAsync(cancellationToken);
}
