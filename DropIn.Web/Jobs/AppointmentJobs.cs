using DropIn.Web.Features.Appointments;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>Every minute: queue due reminders, release unconfirmed holds past their time.</summary>
[DisallowConcurrentExecution]
public sealed class AppointmentJob(AppointmentReminders reminders) : IJob
{
    public static readonly JobKey Key = new(nameof(AppointmentJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await reminders.ExpireHoldsAsync(cancellationToken);
        await reminders.QueueDueRemindersAsync(cancellationToken);
    }
}
