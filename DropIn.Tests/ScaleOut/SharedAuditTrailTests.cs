using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DropIn.Domain.Confidentiality;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// The audit key and head on a data folder shared by several instances: the key is made once and never by a cluster
/// instance; the head (the newest entry's number and hash) only ever moves forward, however many instances and
/// processes append at once; and verify-audit still notices entries cut off the end.
/// </summary>
public sealed partial class SharedAuditTrailTests
{
    [Fact]
    public void InClusterMode_AnInstanceNeverMakesTheAuditKey_ItIsProvisionedOnce()
    {
        var keys = Path.Combine(TempFolder.Create(), "keys");

        var refused = Assert.Throws<InvalidOperationException>(() => new AuditKey(keys, generateIfMissing: false));
        Assert.Equal(AuditKey.NotProvisioned, refused.Message);
        Assert.False(AuditKey.IsProvisioned(keys));

        Assert.True(AuditKey.Provision(keys));
        Assert.False(AuditKey.Provision(keys));
        Assert.Equal(new AuditKey(keys).Bytes, new AuditKey(keys, generateIfMissing: false).Bytes);
    }

    [Fact]
    public async Task ProvisioningRacedByManyCallers_KeepsOneKey_ThatEveryoneReads()
    {
        var keys = Path.Combine(TempFolder.Create(), "keys");

        var made = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => AuditKey.Provision(keys))));
        var read = Enumerable.Range(0, 4).Select(_ => Convert.ToBase64String(new AuditKey(keys, generateIfMissing: false).Bytes)).Distinct();

        Assert.Single(made, m => m);
        Assert.Single(read);
        Assert.Equal([AuditKey.KeyFileName], Directory.GetFiles(keys).Select(Path.GetFileName));
    }

    [Fact]
    public async Task TheHead_OnlyMovesForward_WithManyInstancesWritingAtOnce()
    {
        var keys = Path.Combine(TempFolder.Create(), "keys");
        AuditKey.Provision(keys);
        const int writers = 8, perWriter = 60;
        // Each writer is an instance of its own (its own AuditKey, as on another server); their sequences interleave, so
        // writes of older entries keep arriving after newer ones.
        var instances = Enumerable.Range(0, writers).Select(_ => new AuditKey(keys)).ToList();
        using var watching = new CancellationTokenSource();
        var seen = WatchHead(new AuditKey(keys), watching.Token);

        var failures = await AtOnce.RunAsync([.. instances.Select((key, w) => (Func<Task>)(async () =>
        {
            foreach (var sequence in Enumerable.Range(0, perWriter).Select(i => (long)(i * writers) + w + 1))
            {
                await key.WriteHeadAsync(sequence, HashOf(sequence));
            }
        }))]);
        await watching.CancelAsync();
        var observed = await seen;

        Assert.All(failures, Assert.Null);
        Assert.Equal((writers * perWriter, HashOf(writers * perWriter)), new AuditKey(keys).ReadHead());
        AssertNeverBackwards(observed);
    }

    [Fact]
    public async Task TwoInstancesAppendingAtOnce_KeepOneChain_TheHeadAtItsEnd_AndTruncationIsStillNoticed()
    {
        var folder = TempFolder.Create();
        await using var a = new AppFactory(folder);
        _ = a.Server;
        await using var b = new AppFactory(folder);
        _ = b.Server;
        using var watching = new CancellationTokenSource();
        var seen = WatchHead(new AuditKey(DataFolder.Keys(folder)), watching.Token);

        var failures = await AtOnce.RunAsync([.. new[] { a, b }.SelectMany(app => Enumerable.Range(0, 4).Select(writer => (Func<Task>)(async () =>
        {
            var audit = app.Services.GetRequiredService<AuditLog>();
            for (var i = 0; i < 15; i++)
            {
                await audit.AppendAsync(null, null, "test.append", "Test", $"{writer}.{i}", AuditOutcome.Allowed, null);
            }
        })))]);
        await watching.CancelAsync();
        AssertNeverBackwards(await seen);

        Assert.All(failures, Assert.Null);
        await using (var db = await a.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync())
        {
            var newest = await db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync();
            Assert.Equal((newest.Sequence, newest.Hash), new AuditKey(DataFolder.Keys(folder)).ReadHead());
            Assert.Equal(120, await db.AuditEntries.CountAsync(e => e.Action == "test.append"));
        }

        Assert.True((await b.Services.GetRequiredService<AuditLog>().VerifyAsync()).Intact);
        await CutOffTheNewestAsync(a);
        var verified = await b.Services.GetRequiredService<AuditLog>().VerifyAsync();
        Assert.False(verified.Intact);
        Assert.Contains("were deleted", verified.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoProcessesAppendingAtOnce_KeepOneChain_AndTheHeadNeverMovesBack()
    {
        var folder = TempFolder.Create();
        using var first = await AppProcess.StartAsync(folder);
        using var second = await AppProcess.StartAsync(folder); // one after the other: the first start migrates the file
        using var watching = new CancellationTokenSource();
        var seen = WatchHead(new AuditKey(DataFolder.Keys(folder)), watching.Token);

        // Failed sign-ins are audited: each process appends to the one trail and moves the one head.
        var failures = await AtOnce.RunAsync([.. new[] { first, second }.SelectMany(app => Enumerable.Range(0, 3).Select(_ => (Func<Task>)(() => FailSignInsAsync(app.Address, 20))))]);
        await watching.CancelAsync();
        var observed = await seen;
        first.Stop();
        second.Stop();

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            Assert.Fail($"{failure}{Environment.NewLine}{ServerErrors(first)}{ServerErrors(second)}");
        }

        AssertNeverBackwards(observed);
        await using var after = new AppFactory(folder);
        await using var db = await after.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var newest = await db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync();
        Assert.Equal(120, await db.AuditEntries.CountAsync(e => e.Action == "signin"));
        Assert.Equal((newest.Sequence, newest.Hash), new AuditKey(DataFolder.Keys(folder)).ReadHead());
        Assert.True((await after.Services.GetRequiredService<AuditLog>().VerifyAsync()).Intact);
    }

    private static string ServerErrors(AppProcess app) =>
        string.Join(Environment.NewLine, app.Output.Split(Environment.NewLine).SkipWhile(l => !l.StartsWith("fail:", StringComparison.Ordinal)).Take(30));

    private static string HashOf(long sequence) => $"hash-of-{sequence}";

    /// <summary>
    /// Reads the head as often as it can until cancelled, as verify-audit might at any moment, and once more after: on a
    /// thread of its own, so a busy thread pool (the suite runs classes side by side on two cores) cannot keep it from
    /// watching while the writers write, nor leave it with nothing seen.
    /// </summary>
    private static Task<List<long>> WatchHead(AuditKey reader, CancellationToken stop) => Task.Factory.StartNew(() =>
    {
        var seen = new List<long>();
        while (true)
        {
            var last = stop.IsCancellationRequested;
            if (reader.ReadHead() is { } head)
            {
                seen.Add(head.Sequence);
            }

            if (last)
            {
                return seen;
            }

            Thread.Yield();
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void AssertNeverBackwards(List<long> observed)
    {
        Assert.NotEmpty(observed);
        var back = observed.Zip(observed.Skip(1)).FirstOrDefault(p => p.Second < p.First);
        Assert.True(back == default, $"The head moved back from {back.First} to {back.Second}.");
    }

    private static async Task CutOffTheNewestAsync(AppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoDelete");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries WHERE Sequence = (SELECT MAX(Sequence) FROM AuditEntries)");
    }

    private static async Task FailSignInsAsync(Uri address, int count)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var token = AntiforgeryToken().Match(await client.GetStringAsync("/account/login")).Groups[1].Value;
        for (var i = 0; i < count; i++)
        {
            var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "login",
                ["Input.Email"] = $"nobody{i}@staff.test",
                ["Input.Password"] = "not-a-password",
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, saying the email or password is not right
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
