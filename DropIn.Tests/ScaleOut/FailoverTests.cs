using System.Diagnostics;
using DropIn.Tests.Browser;
using Microsoft.Playwright;

namespace DropIn.Tests.ScaleOut;

/// <summary>Check 5: an instance dies (kill -9) under a client; the client carries on on the other, and the instance comes back.</summary>
[Collection<ScaleOutCollection>]
public sealed class FailoverTests(BrowserFixture browser, ScaleOutCluster cluster, ITestOutputHelper output) : ClusterCheck(cluster, output)
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task KillTheInstanceAClientIsOn_ThePageWorksOnTheOtherWithin15s_JobsCarryOn_TheInstanceRejoins()
    {
        Say("Check 5: reception and a caseworker work through nginx; kill -9 of the instance they are on. Within 15 s each page must work again on the " +
            "other instance by itself, still signed in, showing every acknowledged check-in and call; the jobs carry on there without firing anything twice; " +
            "the killed instance starts again and serves the same state.");
        var desk = await Cluster.SignInAsync(browser.Browser, Cluster.Proxy.Address, "Rita Reception", Pages.Desktop);
        var deskServer = new ServedBy(desk);
        await Pages.GotoInteractiveAsync(desk, "/queue");
        var tablet = await Cluster.SignInAsync(browser.Browser, Cluster.Proxy.Address, "Sam Okafor", Pages.Tablet);
        var tabletServer = new ServedBy(tablet);
        await Pages.GotoInteractiveAsync(tablet, "/queue/call");
        var victim = Cluster.InstanceAt(deskServer.Port ?? throw new InvalidOperationException("nginx did not say which instance answered."));
        var survivor = Cluster.Other(victim);
        Say($"nginx sends this client (127.0.0.1) to {victim.Name}: the desk is on {victim.Name}, the tablet on {Cluster.InstanceAt(tabletServer.Port!.Value).Name}.");
        Assert.Equal(victim.Port, tabletServer.Port);

        // Work the cluster has acknowledged: three check-ins on the desk's screen, one call on the tablet's.
        string[] checkedIn = ["Rosalind Pemberton", "Augustus Fairfax", "Henrietta Lockwood"];
        var previous = "";
        foreach (var name in checkedIn)
        {
            previous = await CheckInAsync(desk, name, previous);
        }

        await tablet.Locator("button.call-next").ClickAsync();
        var call = tablet.GetByTestId("current-ticket");
        await call.Locator(".ticket-code").WaitForAsync();
        var calledCode = (await call.Locator(".ticket-code").InnerTextAsync()).Trim();
        var calledName = (await call.Locator("p.mud-typography-h6").InnerTextAsync()).Trim();
        Say($"Acknowledged before the kill: {string.Join(", ", checkedIn)} checked in (last ticket {previous}); {calledCode} ({calledName}) called to Sam.");

        foreach (var page in new[] { desk, tablet })
        {
            await page.EvaluateAsync("() => window.smokeBeforeKill = true");
        }

        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        Say($"kill -9 of {victim.Name}.");

        // Each page, by itself: a new page from the survivor (not the old one), signed in, interactive, with everything acknowledged.
        var deskBack = await BackAsync(desk, deskServer, survivor, clock, [.. checkedIn, "called to Sam Okafor"]);
        var tabletBack = await BackAsync(tablet, tabletServer, survivor, clock, [calledCode, calledName]);
        Say($"The desk works again on {survivor.Name} after {Describe(deskBack)}; the tablet after {Describe(tabletBack)} (promise: {Promise.TotalSeconds:0} s). Desk at {desk.Url}.");
        Assert.True(deskBack <= Promise, $"The desk did not work again on {survivor.Name} within {Promise.TotalSeconds:0} s ({Describe(deskBack)}); it shows: {await BodyAsync(desk)}");
        Assert.True(tabletBack <= Promise, $"The tablet did not work again on {survivor.Name} within {Promise.TotalSeconds:0} s ({Describe(tabletBack)}); it shows: {await BodyAsync(tablet)}");
        var afterKill = Stopwatch.StartNew();
        await CheckInAsync(desk, "Cornelius Bramble", previous);
        Say($"A check-in after the failover was acknowledged in {afterKill.ElapsedMilliseconds} ms.");

        // The jobs, on the survivor: the probe carries on, mail queued now goes once.
        var mail = await JobsAcrossInstancesTests.QueueEmailsAsync(Cluster, 5, "Check 5");
        var mailClock = Stopwatch.StartNew();
        var survivorFired = Stopwatch.StartNew();
        while (!Cluster.ProbeFirings().Any(f => f.Scheduled > killedAt && f.Instance.StartsWith(survivor.Name, StringComparison.Ordinal)) && survivorFired.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        var firstOnSurvivor = Cluster.ProbeFirings().Where(f => f.Scheduled > killedAt && f.Instance.StartsWith(survivor.Name, StringComparison.Ordinal)).Select(f => (DateTimeOffset?)f.Scheduled).Min();
        var (delivered, allIn) = await JobsAcrossInstancesTests.DeliveredAsync(Cluster, mail, mailClock);
        Say($"Jobs on {survivor.Name}: the first probe firing after the kill was scheduled {(firstOnSurvivor - killedAt)?.TotalSeconds:0.0} s after it; " +
            $"{mail.Count} emails queued after the kill: {delivered.Values.Sum()} deliveries of {delivered.Count}, all in {allIn.TotalSeconds:0.0} s.");
        Assert.NotNull(firstOnSurvivor);
        Assert.All(mail, id => Assert.True(delivered.GetValueOrDefault(id) == 1, $"Message {id} was delivered {delivered.GetValueOrDefault(id)} times."));

        // The killed instance starts again, as systemd would restart it, and serves the same state.
        var restartedAt = DateTimeOffset.UtcNow;
        var rejoin = Stopwatch.StartNew();
        victim.Start();
        await victim.WaitReadyAsync(TimeSpan.FromMinutes(2));
        var ready = rejoin.Elapsed;
        var direct = await TabAtAsync(desk, victim, "/queue");
        await Assertions.Expect(direct.GetByTestId("waiting-table")).ToContainTextAsync("Cornelius Bramble");
        await Assertions.Expect(direct.Locator("body")).ToContainTextAsync($"{calledName} · called to Sam Okafor");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var failures = victim.Problems(restartedAt).Where(l => !l.Text.StartsWith("warn:", StringComparison.Ordinal)).ToList();
        var firings = Cluster.ProbeFirings();
        var twice = firings.GroupBy(f => f.Scheduled).Where(g => g.Count() > 1).Select(g => $"{g.Key:HH:mm:ss} on {string.Join(" and ", g.Select(f => f.Instance))}").ToList();
        Say($"{victim.Name} rejoined: ready {ready.TotalSeconds:0.0} s after starting again, serving the queue as it is, with {failures.Count} errors logged; " +
            $"probe firings since it rejoined: {firings.Count(f => f.Scheduled > restartedAt)}; scheduled times fired twice in the whole run: {(twice.Count == 0 ? "none" : string.Join(", ", twice))}.");
        Assert.Empty(failures);
        Assert.Empty(twice);
        Assert.Contains(firings, f => f.Scheduled > restartedAt + ready);
    }

    /// <summary>Checks a student in on the desk's screen and waits until it shows the new ticket: the check-in is acknowledged.</summary>
    private static async Task<string> CheckInAsync(IPage desk, string name, string previous)
    {
        await desk.GetByLabel("Name").FillAsync(name);
        await desk.GetByLabel("What it is about").FillAsync("Housing deposit dispute");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await desk.WaitForFunctionAsync("previous => (document.querySelector('[data-testid=last-ticket]')?.textContent.trim() ?? previous) !== previous",
            previous, new() { PollingInterval = 50, Timeout = 30_000 });
        return (await desk.GetByTestId("last-ticket").InnerTextAsync()).Trim();
    }

    /// <summary>
    /// How long after the kill <paramref name="page"/> was back: a new page (the old one is marked) that
    /// <paramref name="survivor"/> served, not the sign-in page, interactive, showing every one of <paramref name="texts"/>.
    /// Null when it was not back within 45 s.
    /// </summary>
    private static async Task<TimeSpan?> BackAsync(IPage page, ServedBy server, AppInstance survivor, Stopwatch clock, string[] texts)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(45))
        {
            try
            {
                if (server.Port == survivor.Port && !page.Url.Contains("/account/", StringComparison.Ordinal)
                    && await page.EvaluateAsync<bool>(
                        "texts => window.smokeBeforeKill === undefined && document.querySelector('[data-testid=ready][data-ready=true]') !== null && texts.every(t => document.body.innerText.includes(t))",
                        texts))
                {
                    return clock.Elapsed;
                }
            }
            catch (PlaywrightException)
            {
                // The page is navigating: its script context went with the old document.
            }

            await Task.Delay(100);
        }

        return null;
    }

    private static string Describe(TimeSpan? back) => back is { } t ? $"{t.TotalSeconds:0.0} s" : "more than 45 s";

    private static async Task<string> BodyAsync(IPage page)
    {
        try
        {
            var body = await page.InnerTextAsync("body");
            return $"{page.Url}: {body[..Math.Min(400, body.Length)]}";
        }
        catch (PlaywrightException ex)
        {
            return $"{page.Url}: {ex.Message}";
        }
    }

    /// <summary>Which instance served a page's latest document, from the header nginx adds.</summary>
    private sealed class ServedBy
    {
        public ServedBy(IPage page) => page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame && NginxProxy.UpstreamPort(response.Headers) is { } port)
            {
                Port = port;
            }
        };

        public int? Port { get; private set; }
    }
}
