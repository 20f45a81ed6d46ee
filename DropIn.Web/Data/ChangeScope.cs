using System.Security.Claims;
using DropIn.Web.Live;
using DropIn.Web.Security.Audit;

namespace DropIn.Web.Data;

/// <summary>
/// One attempt at a change, as <see cref="DataChanges.RunAsync{T}"/> gives it to the feature's rule: the context to
/// read and track changes in, the time, and what to announce once it is committed.
/// </summary>
public sealed class ChangeScope
{
    private readonly List<LiveChange> _published = [];
    private readonly List<(ClaimsPrincipal? User, string Action, string? RecordType, string? RecordId, string? Detail)> _audited = [];

    internal ChangeScope(DropInDbContext db, DateTimeOffset now)
    {
        Db = db;
        Now = now;
    }

    /// <summary>This attempt's context: what the rule tracks in it is saved when the rule returns.</summary>
    public DropInDbContext Db { get; }

    /// <summary>The current instant (UTC offset) from the injected TimeProvider, read once per attempt, so a re-applied rule sees a fresh one.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Tells open screens what changed, once this attempt is committed; never for an attempt that was not.</summary>
    public void Publish(LiveChange change) => _published.Add(change);

    /// <summary>Appends to the audit trail once this attempt is committed: the trail says what was done, not what was tried.</summary>
    /// <param name="user">Who acted; null for a student acting through a private link, who has no account.</param>
    public void Audit(ClaimsPrincipal? user, string action, string? recordType, string? recordId, string? detail = null) =>
        _audited.Add((user, action, recordType, recordId, detail));

    internal async Task AfterCommitAsync(AuditLog audit, ILiveUpdates live)
    {
        foreach (var (user, action, recordType, recordId, detail) in _audited)
        {
            await audit.RecordAsync(user, action, recordType, recordId, detail: detail);
        }

        // Two changes of one date (an appointment moved within its day) are one reload for each open screen.
        foreach (var change in _published.Distinct())
        {
            await live.PublishAsync(change);
        }
    }
}
