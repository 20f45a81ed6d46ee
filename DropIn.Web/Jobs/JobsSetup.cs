using DropIn.Web.Messaging;
using Quartz;

namespace DropIn.Web.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// In-memory Quartz store: jobs scan the database for due work, so a restart loses nothing (STACK.md: Quartz
    /// clustering belongs to PostgreSQL in scale-out). DropIn:Jobs:Enabled=false switches them off for tests.
    /// </summary>
    public static WebApplicationBuilder AddDropInJobs(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("DropIn:Jobs:Enabled", true))
        {
            return builder;
        }

        builder.Services.AddQuartz(q =>
        {
            void Every<TJob>(JobKey key, TimeSpan interval)
                where TJob : IJob
            {
                q.AddJob<TJob>(j => j.WithIdentity(key));
                q.AddTrigger(t => t.ForJob(key).WithIdentity(key.Name + "-trigger").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
            }

            Every<QueueHeartbeatJob>(QueueHeartbeatJob.Key, TimeSpan.FromMinutes(1));
            Every<AppointmentJob>(AppointmentJob.Key, TimeSpan.FromMinutes(1));
            Every<OutboxDispatchJob>(OutboxDispatchJob.Key, TimeSpan.FromSeconds(15));
            Every<EnquirySlaJob>(EnquirySlaJob.Key, TimeSpan.FromMinutes(1));
            Every<CaseDeadlineJob>(CaseDeadlineJob.Key, TimeSpan.FromMinutes(5));

            // 02:30 London time exists every night, either side of the clock change (01:00-02:00 is the hour skipped).
            q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key));
            q.AddTrigger(t => t.ForJob(RetentionJob.Key).WithIdentity("RetentionJob-trigger")
                .WithCronSchedule("0 30 2 * * ?", cron => cron.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))));
            Every<FeedbackInvitationJob>(FeedbackInvitationJob.Key, TimeSpan.FromMinutes(15));

            // The smoke test's probe (off unless set): a missed firing is skipped, never run late, so each firing stays on its boundary.
            if (builder.Configuration.GetValue<int?>("DropIn:Jobs:ProbeSeconds") is { } probe)
            {
                q.AddJob<ProbeJob>(j => j.WithIdentity(ProbeJob.Key));
                q.AddTrigger(t => t.ForJob(ProbeJob.Key).WithIdentity("ProbeJob-trigger")
                    .WithCronSchedule(ProbeJob.Every(probe), cron => cron.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
            }
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
