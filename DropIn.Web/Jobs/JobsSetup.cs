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
            q.AddJob<QueueHeartbeatJob>(j => j.WithIdentity(QueueHeartbeatJob.Key));
            q.AddTrigger(t => t.ForJob(QueueHeartbeatJob.Key).WithIdentity("queue-heartbeat").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
