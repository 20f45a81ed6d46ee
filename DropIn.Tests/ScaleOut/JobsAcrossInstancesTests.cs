using System.Diagnostics;
using DropIn.Web.Data;
using DropIn.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.ScaleOut;

/// <summary>Check 3: scheduled work runs once across the cluster, however many instances run the scheduler.</summary>
[Collection<ScaleOutCollection>]
public sealed class JobsAcrossInstancesTests(ScaleOutCluster cluster, ITestOutputHelper output) : ClusterCheck(cluster, output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>The outbox job runs every 15 s: this long after the last delivery, a second sending of anything would have shown.</summary>
    private static readonly TimeSpan SecondLook = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ProbeEvery2sFor60s_FiresEachTimeOnce_And40QueuedEmails_ArriveOnceEach()
    {
        Say("Check 3: the probe job fires every 2 s on both instances' schedulers; over 60 s no scheduled time may fire twice. " +
            "40 emails queued at once (the SMTP listener takes 200 ms each) must each reach it exactly once.");
        var from = DateTimeOffset.UtcNow;
        var queued = await QueueEmailsAsync(Cluster, 40, "Check 3");
        var clock = Stopwatch.StartNew();

        // The mail is sent meanwhile; its second look ends well after the window, so the window's last firings are in the log by then.
        await Task.Delay(Window);
        var (delivered, allIn) = await DeliveredAsync(Cluster, queued, clock);
        Say($"Mail: {queued.Count} queued; {delivered.Values.Sum()} deliveries of {delivered.Count} of them, all in {allIn.TotalSeconds:0.0} s after queueing; " +
            $"delivered more than once: {delivered.Count(d => d.Value > 1)}.");

        var firings = Cluster.ProbeFirings().Where(f => f.Scheduled >= from && f.Scheduled < from + Window).ToList();
        var twice = firings.GroupBy(f => f.Scheduled).Where(g => g.Count() > 1).ToList();
        Say($"Probe: {firings.Count} firings for {firings.Select(f => f.Scheduled).Distinct().Count()} scheduled times in {Window.TotalSeconds:0} s " +
            $"({string.Join(", ", firings.GroupBy(f => f.Instance).OrderBy(g => g.Key).Select(g => $"{g.Count()} on {g.Key}"))}); fired twice: {twice.Count}.");
        foreach (var time in twice.Take(5))
        {
            Say($"  {time.Key:HH:mm:ss.fff} fired on {string.Join(" and ", time.Select(f => f.Instance))}");
        }

        Assert.True(firings.Count >= 25, $"Only {firings.Count} probe firings in 60 s (expected about 30): the scheduler is not running the probe.");
        Assert.Empty(twice);
        Assert.All(queued, id => Assert.True(delivered.GetValueOrDefault(id) == 1, $"Message {id} was delivered {delivered.GetValueOrDefault(id)} times."));
    }

    /// <summary>Queues <paramref name="count"/> emails in one transaction, as a burst of bookings would; returns their Message-IDs.</summary>
    internal static async Task<List<string>> QueueEmailsAsync(ScaleOutCluster cluster, int count, string what)
    {
        var factory = cluster.Seeder.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var messages = Enumerable.Range(1, count)
            .Select(i => new OutboxMessage($"student{i}@example.ac.uk", $"{what}: message {i} of {count}", $"Message {i}.", $"<p>Message {i}.</p>", null, DateTimeOffset.UtcNow))
            .ToList();
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync();
        return [.. messages.Select(m => $"{m.Id:N}@dropin")];
    }

    /// <summary>
    /// How many times each of <paramref name="ids"/> reached the SMTP listener, and when the last of them first did (as
    /// <paramref name="clock"/> read): waits until every one has (at most 2 minutes), then <see cref="SecondLook"/> more for
    /// any sent twice.
    /// </summary>
    internal static async Task<(Dictionary<string, int> Deliveries, TimeSpan AllIn)> DeliveredAsync(ScaleOutCluster cluster, IReadOnlyCollection<string> ids, Stopwatch clock)
    {
        var wanted = ids.ToHashSet();
        while (clock.Elapsed < TimeSpan.FromMinutes(2) && !wanted.IsSubsetOf(cluster.DeliveredMessageIds()))
        {
            await Task.Delay(250);
        }

        var allIn = clock.Elapsed;
        await Task.Delay(SecondLook);
        return (cluster.DeliveredMessageIds().Where(wanted.Contains).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count()), allIn);
    }
}
