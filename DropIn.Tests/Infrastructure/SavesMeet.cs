using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// Two runs of one job at the same moment (two cluster nodes firing it together), made to interleave the worst way
/// every time rather than by luck: once armed, each of the next <c>parties</c> saves waits until all of them have
/// reached their save, so every run has read what is due before any of them writes. A save that would wait for ever
/// (the other run is itself waiting for this one's transaction) goes on after <see cref="Patience"/>.
/// </summary>
public sealed class SavesMeet : SaveChangesInterceptor
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
    private readonly Lock _gate = new();
    private TaskCompletionSource _allThere = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    /// <summary>How many saves the next meeting waits for; 0 when not armed.</summary>
    private int _parties;

    /// <summary>The next <paramref name="parties"/> saves meet before any of them goes on.</summary>
    public void Arm(int parties = 2)
    {
        lock (_gate)
        {
            (_parties, _waiting) = (parties, 0);
            _allThere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Task meeting;
        lock (_gate)
        {
            if (_parties == 0 || eventData.Context?.ChangeTracker.HasChanges() != true)
            {
                return result;
            }

            meeting = _allThere.Task;
            if (++_waiting == _parties)
            {
                _parties = 0;
                _allThere.SetResult();
            }
        }

        try
        {
            await meeting.WaitAsync(Patience, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The other run could not get here while this one holds the database: it goes on alone.
        }

        return result;
    }
}
