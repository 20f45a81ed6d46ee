using DropIn.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace DropIn.Web.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// The scheduler's name. In cluster mode every app server's scheduler has this name and its own instance id, and
    /// the schedulers of one name on one database are one cluster.
    /// </summary>
    public const string SchedulerName = "DropIn";

    /// <summary>
    /// How often a clustered scheduler records in the database that it is alive, and how long past a missed record the
    /// others wait before taking its firings over. A server that dies is taken over 6 to 10 s after its last record
    /// (measured: 8 to 11 s after the kill on a busy 2-core machine), so its jobs go on elsewhere within 15 s; a pause
    /// shorter than 6 s (garbage collection, a busy machine) does not get a live server written off.
    /// </summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(2);

    /// <inheritdoc cref="CheckinInterval"/>
    public static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(6);

    /// <summary>
    /// The jobs and their schedules. The embedded default keeps the schedule in memory: the jobs scan the database for
    /// due work, so a restart loses nothing (STACK.md: Quartz refuses clustering on SQLite). In cluster mode
    /// (DropIn:Cluster:Enabled with DropIn:Database:Provider=Postgres) the schedule is kept in PostgreSQL beside the
    /// data, clustered, so that each firing runs on one app server (<see cref="UseClusteredStore"/>); its tables are
    /// made once by the migrate step (<see cref="ProvisionSchemaAsync"/>). DropIn:Jobs:Enabled=false switches the
    /// jobs off for tests.
    /// </summary>
    /// <exception cref="InvalidOperationException">Cluster mode on PostgreSQL with no connection string: said in words.
    /// Cluster mode on SQLite keeps the in-memory store here and is refused by the cluster's start-up check.</exception>
    public static WebApplicationBuilder AddDropInJobs(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("DropIn:Jobs:Enabled", true))
        {
            return builder;
        }

        var clustered = ClusteredStoreConnectionString(builder.Configuration);
        builder.Services.AddQuartz(q =>
        {
            if (clustered is not null)
            {
                UseClusteredStore(q, clustered);
            }

            _ = DeclareJobs(q);

            // The smoke test's probe (off unless set; the migrate step does not declare it, so in cluster mode the first
            // server to start stores it). A missed firing is skipped, never run late, so each firing stays on its boundary.
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

    /// <summary>
    /// The jobs and when they run. In cluster mode this is stored in the database by the first server to start, or by
    /// the migrate step (<see cref="StoreScheduleAsync"/>), and a server that starts later keeps what is stored: a
    /// changed interval here reaches a cluster through the migrate step.
    /// </summary>
    /// <returns>The jobs declared.</returns>
    private static List<JobKey> DeclareJobs(IQuartzBuilder q)
    {
        var declared = new List<JobKey> { RetentionJob.Key };
        void Every<TJob>(JobKey key, TimeSpan interval)
            where TJob : IJob
        {
            declared.Add(key);
            q.AddJob<TJob>(j => j.WithIdentity(key));
            q.AddTrigger(t => t.ForJob(key).WithIdentity(key.Name + "-trigger").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
        }

        Every<QueueHeartbeatJob>(QueueHeartbeatJob.Key, TimeSpan.FromMinutes(1));
        Every<AppointmentJob>(AppointmentJob.Key, TimeSpan.FromMinutes(1));
        Every<OutboxDispatchJob>(OutboxDispatchJob.Key, TimeSpan.FromSeconds(15));
        Every<EnquirySlaJob>(EnquirySlaJob.Key, TimeSpan.FromMinutes(1));
        Every<CaseDeadlineJob>(CaseDeadlineJob.Key, TimeSpan.FromMinutes(5));
        Every<ConsentRenewalJob>(ConsentRenewalJob.Key, TimeSpan.FromMinutes(15));
        Every<CaseFollowUpJob>(CaseFollowUpJob.Key, TimeSpan.FromMinutes(15));
        Every<ComplaintDeadlineJob>(ComplaintDeadlineJob.Key, TimeSpan.FromMinutes(5));
        Every<ReviewActionJob>(ReviewActionJob.Key, TimeSpan.FromMinutes(15));
        Every<ReviewDrawJob>(ReviewDrawJob.Key, TimeSpan.FromHours(1));
        Every<AssessorVisitJob>(AssessorVisitJob.Key, TimeSpan.FromMinutes(1));

        // 02:30 London time exists every night, either side of the clock change (01:00-02:00 is the hour skipped).
        q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key));
        q.AddTrigger(t => t.ForJob(RetentionJob.Key).WithIdentity("RetentionJob-trigger")
            .WithCronSchedule("0 30 2 * * ?", cron => cron.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"))));
        Every<FeedbackInvitationJob>(FeedbackInvitationJob.Key, TimeSpan.FromMinutes(15));
        return declared;
    }

    /// <summary>
    /// Keeps the schedule in PostgreSQL, clustered with every other app server's scheduler on that database: each
    /// firing is taken by one server, a job marked [DisallowConcurrentExecution] runs on one server at a time, and the
    /// firings of a server that stops checking in are taken over by the others (<see cref="CheckinInterval"/>). Job
    /// data is serialised with the System.Text.Json serializer built into Quartz. The store checks its tables at start
    /// and refuses to start without them; it never creates them, so servers starting together do not race to.
    /// A job or trigger already stored is kept as it is, not replaced by the one this server declares: replacing it while
    /// another server holds it made that server go on firing the old schedule beside the new one (seen with Quartz
    /// 4.7.3: every server start added one more run per interval).
    /// </summary>
    /// <param name="instanceId">
    /// This server's id in the cluster; by default the host name, the process id and a random part, so that two
    /// processes on one host, or one restarted, never share an id (Quartz tells its own firings from others' by it).
    /// </param>
    public static void UseClusteredStore(IQuartzBuilder quartz, string connectionString, string? instanceId = null)
    {
        UseClusteredStore(quartz, connectionString, instanceId, provisionSchema: false);
        quartz.ConfigureOptions<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
    }

    private static void UseClusteredStore(IQuartzBuilder quartz, string connectionString, string? instanceId, bool provisionSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        quartz.ConfigureScheduler(s =>
        {
            s.InstanceName = SchedulerName;
            s.InstanceId = instanceId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        });
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c =>
            {
                c.CheckinInterval = CheckinInterval;
                c.CheckinMisfireThreshold = CheckinMisfireThreshold;
            });
            store.ConfigureStore(o => o.SchemaProvisioning = provisionSchema ? SchemaProvisioning.CreateIfMissing : SchemaProvisioning.Validate);
        });
    }

    /// <summary>
    /// The migrate command's step for the jobs: on PostgreSQL, the clustered scheduler's tables and this release's
    /// schedule (<see cref="ProvisionSchemaAsync"/>, <see cref="StoreScheduleAsync"/>); nothing on SQLite, whose single
    /// server keeps its schedule in memory.
    /// </summary>
    public static async Task MigrateStep(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (Data.DatabaseProviders.From(configuration) != Data.DatabaseProvider.Postgres)
        {
            return;
        }

        var connectionString = configuration.GetConnectionString("DropIn")!;
        await ProvisionSchemaAsync(connectionString, ct);
        await StoreScheduleAsync(connectionString, ct);
        await output.WriteLineAsync("Scheduler tables checked and this release's schedule stored.");
    }

    /// <summary>
    /// Creates the clustered scheduler's tables (qrtz_*) in the PostgreSQL database, if any is missing, and checks them:
    /// what the migrate step runs once, before a rollout, so that app servers never make them. Quartz's own schema
    /// script for PostgreSQL (embedded in the package, CREATE ... IF NOT EXISTS throughout), run through Quartz's own
    /// provisioning: it creates and never alters or drops, so it is safe to run again, and it refuses a schema that an
    /// older Quartz made, naming the upgrade script to run. The tables belong to the role that runs it; the app's role
    /// needs SELECT, INSERT, UPDATE and DELETE on them.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string for a role that may create tables (the owner, not the app's role).</param>
    /// <exception cref="SchedulerException">The tables could not be made or checked (no such database, no right to create tables, an older schema): Quartz's message says which.</exception>
    public static Task ProvisionSchemaAsync(string connectionString, CancellationToken ct = default) =>
        // A scheduler built but never started: building it initialises its store, which is when Quartz provisions the
        // schema; one never started acquires and fires nothing, so it cannot disturb servers already running.
        BuildOnceAsync(q => UseClusteredStore(q, connectionString, $"migrate-{Guid.NewGuid():N}", provisionSchema: true), then: null, ct);

    /// <summary>
    /// Stores this release's schedule (<see cref="DeclareJobs"/>) in the cluster's database, replacing what is stored and
    /// removing jobs this release no longer has: the migrate step's second part, after <see cref="ProvisionSchemaAsync"/>,
    /// so that a changed interval reaches a cluster whose servers keep what is stored. Servers still running the
    /// previous release may run a job once more than its schedule says until they are restarted; every job's work is
    /// safe to run twice.
    /// </summary>
    /// <exception cref="SchedulerException">The tables are missing or the database cannot be reached: Quartz's message says which.</exception>
    public static async Task StoreScheduleAsync(string connectionString, CancellationToken ct = default)
    {
        List<JobKey> declared = [];
        await BuildOnceAsync(q =>
        {
            UseClusteredStore(q, connectionString, $"migrate-{Guid.NewGuid():N}", provisionSchema: false);
            declared = DeclareJobs(q);
        }, async scheduler =>
        {
            var stored = await scheduler.QueryJobs(new JobQuery { Take = PagedQuery.All }, ct);
            foreach (var gone in stored.Items.Select(j => j.Key).Except(declared))
            {
                await scheduler.DeleteJob(gone, ct);
            }
        }, ct);
    }

    /// <summary>
    /// Builds a scheduler as <paramref name="configure"/> says, which applies its store's setup and declarations, does
    /// <paramref name="then"/> with it, and shuts it down unstarted.
    /// </summary>
    private static async Task BuildOnceAsync(Action<IQuartzBuilder> configure, Func<IScheduler, Task>? then, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(configure);
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        try
        {
            if (then is not null)
            {
                await then(scheduler);
            }
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: false, ct);
        }
    }

    /// <summary>The connection string for the clustered store in cluster mode; null for the embedded default's in-memory store.</summary>
    private static string? ClusteredStoreConnectionString(IConfiguration configuration)
    {
        if (!configuration.GetValue("DropIn:Cluster:Enabled", false))
        {
            return null;
        }

        if (Data.DatabaseProviders.From(configuration) != Data.DatabaseProvider.Postgres)
        {
            // Not refused here: the cluster's start-up check (Hosting/ClusterReadiness) names this with everything
            // else still local, in one message, rather than the first of them as a crash.
            return null;
        }

        var connectionString = configuration.GetConnectionString("DropIn");
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Cluster mode needs ConnectionStrings:DropIn: the PostgreSQL database every server shares, where the job schedule is kept too.")
            : connectionString;
    }
}
