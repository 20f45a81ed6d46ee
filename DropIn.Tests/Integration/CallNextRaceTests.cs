using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>Caseworkers pressing Call next at the same moment, against the real SQLite file (and, in
/// <see cref="CallNextRaceOnPostgresTests"/>, PostgreSQL, where nothing lets only one writer in at a time by itself).</summary>
public class CallNextRaceTests : IAsyncLifetime
{
    private readonly AppFactory _app;
    private QueueHarness _queue = default!;

    public CallNextRaceTests()
        : this(postgres: false)
    {
    }

    protected CallNextRaceTests(bool postgres) => _app = new(clock: London.Clock(2026, 11, 24, 12, 30), postgres: postgres);

    public ValueTask InitializeAsync()
    {
        _queue = new QueueHarness(_app);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task CallNext_TwoCaseworkersAtTheSameMoment_NeverGetTheSameStudent()
    {
        var reception = await _queue.ReceptionAsync();
        var sam = await _queue.CaseworkerAsync("Sam Okafor");
        var priya = await _queue.CaseworkerAsync("Priya Shah");
        for (var round = 0; round < 25; round++)
        {
            await _queue.CheckInAsync(reception, $"Student {round}a");
            await _queue.CheckInAsync(reception, $"Student {round}b");
            using var start = new SemaphoreSlim(0, 2);
            var presses = new[] { sam, priya }.Select(cw => Task.Run(async () =>
            {
                await start.WaitAsync();
                return await _queue.CallNextAsync(cw);
            })).ToArray();
            start.Release(2);
            var called = await Task.WhenAll(presses);

            Assert.All(called, Assert.NotNull);
            Assert.NotEqual(called[0]!.Id, called[1]!.Id);
            await _queue.WithQueueAsync(q => q.FinishAsync(sam, called.Single(t => t!.CaseworkerName == "Sam Okafor")!.Id, VisitOutcome.AdviceGiven));
            await _queue.WithQueueAsync(q => q.FinishAsync(priya, called.Single(t => t!.CaseworkerName == "Priya Shah")!.Id, VisitOutcome.AdviceGiven));
        }
    }

    [Fact]
    public async Task CallNext_OneCaseworkerOnTwoTabletsAtTheSameMoment_GetsOneStudent_TheOtherTabletIsToldToFinishFirst()
    {
        var reception = await _queue.ReceptionAsync();
        var sam = await _queue.CaseworkerAsync("Sam Okafor");
        for (var round = 0; round < 10; round++)
        {
            await _queue.CheckInAsync(reception, $"Student {round}a");
            await _queue.CheckInAsync(reception, $"Student {round}b");
            using var start = new SemaphoreSlim(0, 2);
            var presses = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await start.WaitAsync();
                try
                {
                    return (Ticket: await _queue.CallNextAsync(sam), Refusal: (string?)null);
                }
                catch (DropIn.Domain.RuleException refused)
                {
                    return (Ticket: null, Refusal: refused.Message);
                }
            })).ToArray();
            start.Release(2);
            var results = await Task.WhenAll(presses);

            var called = Assert.Single(results, r => r.Ticket is not null).Ticket!;
            Assert.StartsWith($"Finish ticket {called.Code}", Assert.Single(results, r => r.Refusal is not null).Refusal);
            await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync())
            {
                Assert.Single(await db.Tickets.Where(t => t.CaseworkerId != null && t.Status == TicketStatus.Called).ToListAsync());
            }

            await _queue.WithQueueAsync(q => q.FinishAsync(sam, called.Id, VisitOutcome.AdviceGiven));
        }
    }

    [Fact]
    public async Task CallNext_TenCaseworkersForSixStudents_SixCalledOnceEach_FourToldNobodyIsWaiting()
    {
        var reception = await _queue.ReceptionAsync();
        var caseworkers = new List<System.Security.Claims.ClaimsPrincipal>();
        for (var i = 0; i < 10; i++)
        {
            caseworkers.Add(await _queue.CaseworkerAsync($"Caseworker {i}"));
        }

        for (var i = 0; i < 6; i++)
        {
            await _queue.CheckInAsync(reception, $"Student {i}");
        }

        using var start = new SemaphoreSlim(0, caseworkers.Count);
        var presses = caseworkers.Select(cw => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await _queue.CallNextAsync(cw);
        })).ToArray();
        start.Release(caseworkers.Count);
        var called = await Task.WhenAll(presses);

        Assert.Equal(6, called.Count(t => t is not null));
        Assert.Equal(6, called.Where(t => t is not null).Select(t => t!.Id).Distinct().Count());
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var stored = await db.Tickets.ToListAsync();
        Assert.All(stored, t => Assert.Equal(TicketStatus.Called, t.Status));
        Assert.Equal(6, stored.Select(t => t.CaseworkerId).Distinct().Count());
    }

    [Fact]
    public async Task CheckIn_ManyReceptionistsAtOnce_GivesEachStudentAUniqueNumber()
    {
        var desks = new List<System.Security.Claims.ClaimsPrincipal>();
        for (var i = 0; i < 4; i++)
        {
            desks.Add(await _queue.ReceptionAsync($"Desk {i}"));
        }

        var tickets = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => _queue.CheckInAsync(desks[i % desks.Count], $"Student {i}"))));

        Assert.Equal(Enumerable.Range(1, 20), tickets.Select(t => t.Number).Order());
    }
}

/// <summary>The same races on PostgreSQL (issue: scale-out).</summary>
public sealed class CallNextRaceOnPostgresTests() : CallNextRaceTests(postgres: true);
