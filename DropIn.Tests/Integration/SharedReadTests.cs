using DropIn.Tests.Infrastructure;
using DropIn.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// The read every open screen shares (<see cref="SharedRead{T}"/>), over the app's own change bus: read once for any
/// number of screens, read again after a change it is told of, never handing a read from before a change to a screen
/// that asks after it, and kept no longer than its age limit on the service clock.
/// </summary>
public sealed class SharedReadTests : IDisposable
{
    private readonly InProcessLiveUpdates _live = new(NullLogger<InProcessLiveUpdates>.Instance);
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 0);
    private readonly SharedRead<int> _shared;
    private TaskCompletionSource<int> _database = Answered(1);
    private int _reads;

    public SharedReadTests() =>
        _shared = new SharedRead<int>(_live, change => change is QueueChanged, _ =>
        {
            Interlocked.Increment(ref _reads);
            return _database.Task;
        }, TimeSpan.FromMinutes(1), _clock);

    public void Dispose() => _shared.Dispose();

    [Fact]
    public async Task ManyScreensAsking_BetweenChanges_ShareOneRead()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _shared.GetAsync())));

        Assert.All(answers, a => Assert.Equal(1, a));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task AChangeItIsToldOf_IsReadAfter_AndOneItIsNot_Is_NotAgain()
    {
        await _shared.GetAsync();
        _database = Answered(2);

        await _live.PublishAsync(new DiaryChanged(new DateOnly(2026, 11, 24)));
        Assert.Equal(1, await _shared.GetAsync());

        await _live.PublishAsync(new QueueChanged(Guid.NewGuid()));
        Assert.Equal(2, await _shared.GetAsync());
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task AReadUnderWayWhenAChangeComes_IsNotHandedToAScreenThatAsksAfterIt()
    {
        _database = new TaskCompletionSource<int>();
        var before = _shared.GetAsync();
        await WaitForAsync(() => _reads == 1);

        await _live.PublishAsync(new QueueChanged(Guid.NewGuid()));
        var afterChange = _database;
        _database = Answered(2);
        var after = _shared.GetAsync();
        afterChange.SetResult(1);

        Assert.Equal(1, await before);
        Assert.Equal(2, await after);
    }

    [Fact]
    public async Task AfterSomethingMayHaveBeenMissed_EveryReadIsMadeAgain()
    {
        await _shared.GetAsync();
        _database = Answered(2);

        await _live.PublishAsync(new ChangesMayHaveBeenMissed());

        Assert.Equal(2, await _shared.GetAsync());
    }

    [Fact]
    public async Task AReadOlderThanItsLimit_OnTheServiceClock_IsMadeAgain()
    {
        await _shared.GetAsync();
        _database = Answered(2);

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, await _shared.GetAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await _shared.GetAsync());
    }

    [Fact]
    public async Task AFailedRead_IsNotKept()
    {
        _database = new TaskCompletionSource<int>();
        _database.SetException(new TimeoutException("The database did not answer."));
        await Assert.ThrowsAsync<TimeoutException>(() => _shared.GetAsync());

        _database = Answered(2);
        Assert.Equal(2, await _shared.GetAsync());
    }

    private static TaskCompletionSource<int> Answered(int value)
    {
        var answer = new TaskCompletionSource<int>();
        answer.SetResult(value);
        return answer;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, patience.Token);
        }
    }
}
