using System.Diagnostics;
using DropIn.Domain.Queue;
using DropIn.Tests.Browser;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.ScaleOut;

/// <summary>Check 2: Call next pressed at the same moment on different instances.</summary>
[Collection<ScaleOutCollection>]
public sealed class CallNextAcrossInstancesTests(BrowserFixture browser, ScaleOutCluster cluster, ITestOutputHelper output) : ClusterCheck(cluster, output)
{
    private const int Rounds = 25;

    [Fact]
    public async Task TwoCaseworkersOnDifferentInstances_PressCallNextAtOnce_25Rounds_AlwaysDifferentStudents_NeverTwoForOne()
    {
        Say($"Check 2: {Rounds} rounds. Sam and Priya each have a tablet on A and another on B; all four press Call next at the same moment. " +
            "Each round the two must get different students, and neither may have two (the tablet that loses shows the student the other won).");
        var reception = Cluster.Principal("Rita Reception");
        await Cluster.Seeder.UseAsync<QueueService>(async queue =>
        {
            for (var i = 0; i < Rounds * 2; i++)
            {
                (await queue.CheckInAsync(reception, new StudentDetails($"Waiting Student {(char)('A' + i / 26)}{(char)('a' + i % 26)}", null, "Girton", "Accommodation", false, null))).Ticket();
            }
        });

        var sam = await Cluster.SignInAsync(browser.Browser, Cluster.A.Address, "Sam Okafor", Pages.Tablet);
        var priya = await Cluster.SignInAsync(browser.Browser, Cluster.B.Address, "Priya Shah", Pages.Tablet);
        var tablets = new (string Caseworker, string On, IPage Page)[]
        {
            ("Sam Okafor", "A", await TabAtAsync(sam, Cluster.A, "/queue/call")),
            ("Sam Okafor", "B", await TabAtAsync(sam, Cluster.B, "/queue/call")),
            ("Priya Shah", "A", await TabAtAsync(priya, Cluster.A, "/queue/call")),
            ("Priya Shah", "B", await TabAtAsync(priya, Cluster.B, "/queue/call")),
        };

        var called = new HashSet<int>();
        var clock = Stopwatch.StartNew();
        for (var round = 1; round <= Rounds; round++)
        {
            // Every tablet is ready again: the two on the instance that did not finish hear of it across Redis (how fast is
            // check 1's promise; this waits the suite's 30 s). If one is not, it says what that tablet shows.
            var ready = Stopwatch.StartNew();
            foreach (var (caseworker, on, page) in tablets)
            {
                try
                {
                    await Assertions.Expect(page.Locator("button.call-next")).ToBeEnabledAsync();
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                {
                    Say($"Round {round}: {caseworker}'s tablet on {on} had no Call next to press {ready.Elapsed.TotalSeconds:0.0} s after both finishes were in the database; it shows: {await ShowsAsync(page)}; with caseworkers: {Describe(await WithCaseworkersAsync())}.");
                    throw;
                }
            }

            var pressed = await PressAtOnceAsync(round, tablets);
            foreach (var tablet in tablets)
            {
                await tablet.Page.GetByTestId("current-ticket").Locator(".ticket-code").WaitForAsync();
            }

            // What the database holds once every tablet has its answer: each caseworker with exactly one student, two different students.
            var withCaseworkers = await WithCaseworkersAsync();
            Assert.True(withCaseworkers.Count == 2 && withCaseworkers.Select(t => t.CaseworkerName).Distinct().Count() == 2,
                $"Round {round}: with caseworkers now: {Describe(withCaseworkers)} (expected one student each for Sam and Priya).");
            foreach (var ticket in withCaseworkers)
            {
                Assert.True(called.Add(ticket.Number), $"Round {round}: {ticket.Code} was called before.");
            }

            // What each tablet shows: its caseworker's one student, on both instances.
            foreach (var (caseworker, _, page) in tablets)
            {
                var mine = withCaseworkers.Single(t => t.CaseworkerName == caseworker).Code;
                await Assertions.Expect(page.GetByTestId("current-ticket").Locator(".ticket-code")).ToHaveTextAsync(mine);
            }

            Say($"Round {round} at {clock.Elapsed.TotalSeconds:0.0} s, pressed within {pressed.TotalMilliseconds:0} ms of each other: {Describe(withCaseworkers)}.");

            // Each finishes on the tablet on one instance, alternately; then nobody is with a caseworker (an extra call would still be).
            var finishOn = round % 2 == 0 ? "A" : "B";
            foreach (var (_, _, page) in tablets.Where(t => t.On == finishOn))
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Advice given" }).ClickAsync();
            }

            var left = await WithCaseworkersAsync(until: tickets => tickets.Count == 0);
            Assert.True(left.Count == 0, $"Round {round}: still with caseworkers after both finished: {Describe(left)}.");
        }

        Say($"{Rounds} rounds in {clock.Elapsed.TotalSeconds:0.0} s: {called.Count} different students called, never one to both, nobody with two.");
        Assert.Equal(Rounds * 2, called.Count);
    }

    /// <summary>
    /// Presses Call next on every page at the same moment: each page's own timer fires at one instant of the machine's
    /// clock, 1.5 s ahead, so every page has been told before it comes. (One page after another, a live update from the
    /// first press could take the button away from the last before it was pressed.) On a loaded machine a page's timer
    /// can still fire late, after the live update from its caseworker's other tablet has rightly taken the button away:
    /// that page is said and not counted. A page whose timer fired on time and found no button fails the check.
    /// </summary>
    /// <returns>How far apart the presses were.</returns>
    private async Task<TimeSpan> PressAtOnceAsync(int round, (string Caseworker, string On, IPage Page)[] tablets)
    {
        var at = DateTimeOffset.UtcNow.AddMilliseconds(1500).ToUnixTimeMilliseconds();
        // Each answers [when it pressed, or -1 for not pressed; how many ms late its timer fired].
        var answers = await Task.WhenAll(tablets.Select(t => t.Page.EvaluateAsync<double[]>("""
            at => new Promise(resolve => setTimeout(() => {
                const late = Date.now() - at;
                const button = document.querySelector('button.call-next');
                if (button === null || button.disabled) { resolve([-1, late]); return; }
                button.click();
                resolve([Date.now(), late]);
            }, at - Date.now()))
            """, at)));
        var presses = answers.Select(a => new Press(a[0] < 0 ? null : a[0], a[1])).ToArray();
        for (var i = 0; i < tablets.Length; i++)
        {
            if (presses[i].At is not null)
            {
                continue;
            }

            var (caseworker, on, page) = tablets[i];
            var message = $"Round {round}: {caseworker}'s tablet on {on} had no Call next to press when its timer fired, {presses[i].Late} ms after the moment; it shows: {await ShowsAsync(page)}.";
            Say(message);
            var otherPressed = tablets.Select((t, k) => (t, k)).Any(x => x.k != i && x.t.Caseworker == caseworker && presses[x.k].At is not null);
            Assert.True(presses[i].Late > 100 && otherPressed, message + " (The button showed enabled before the moment.)");
        }

        var pressedAt = presses.Where(p => p.At is not null).Select(p => p.At!.Value).ToList();
        return TimeSpan.FromMilliseconds(pressedAt.Max() - pressedAt.Min());
    }

    private sealed record Press(double? At, double Late);

    /// <summary>The tickets with a caseworker now; with <paramref name="until"/>, read again until it holds (at most 30 s).</summary>
    private async Task<List<Ticket>> WithCaseworkersAsync(Func<List<Ticket>, bool>? until = null)
    {
        var factory = Cluster.Seeder.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync();
            var tickets = await db.Tickets.AsNoTracking().Where(t => t.Status == TicketStatus.Called || t.Status == TicketStatus.InProgress).ToListAsync();
            if (until is null || until(tickets) || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return tickets;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What a tablet's queue card says, in one line, for a failure's message.</summary>
    private static async Task<string> ShowsAsync(IPage page)
    {
        var text = await page.Locator("#main").InnerTextAsync(new() { Timeout = 2_000 });
        var line = string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private static string Describe(IEnumerable<Ticket> tickets) =>
        string.Join(", ", tickets.OrderBy(t => t.CaseworkerName).Select(t => $"{t.Code} with {t.CaseworkerName}"));
}
