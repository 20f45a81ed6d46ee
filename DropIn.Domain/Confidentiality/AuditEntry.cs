using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DropIn.Domain.Confidentiality;

public enum AuditOutcome
{
    Allowed,
    Refused,
    Failed,
}

/// <summary>
/// One line of the audit trail: who did what to which record, when, from which sign-in session, and the outcome.
/// Ids only, never the text of a note or a search. Each entry carries an HMAC over its fields and the previous
/// entry's HMAC, so an edited, deleted or reordered entry breaks the chain from that point on.
/// </summary>
public sealed class AuditEntry
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEntry()
    {
    }

    public long Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string? SessionId { get; private set; }
    public string Action { get; private set; } = "";
    public string? RecordType { get; private set; }
    public string? RecordId { get; private set; }
    public AuditOutcome Outcome { get; private set; }

    /// <summary>A short, non-personal detail: the permission refused, the kind of change.</summary>
    public string? Detail { get; private set; }
    public string PreviousHash { get; private set; } = Genesis;
    public string Hash { get; private set; } = "";

    public static AuditEntry Chain(AuditEntry? previous, DateTimeOffset at, string? actorId, string? sessionId, string action, string? recordType, string? recordId,
        AuditOutcome outcome, string? detail, byte[] key)
    {
        // Whole milliseconds: what is signed must survive storage exactly (stored instants keep 100 µs at best).
        var utc = at.ToUniversalTime();
        var entry = new AuditEntry
        {
            Sequence = (previous?.Sequence ?? 0) + 1, At = utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond)), ActorId = actorId, SessionId = sessionId, Action = action,
            RecordType = recordType, RecordId = recordId, Outcome = outcome, Detail = detail, PreviousHash = previous?.Hash ?? Genesis,
        };
        entry.Hash = entry.ComputeHash(key);
        return entry;
    }

    public string ComputeHash(byte[] key)
    {
        // Unambiguous: each field length-prefixed, instants as UTC ticks, so no two different entries share a text.
        var text = new StringBuilder();
        foreach (var field in new[] { Sequence.ToString(CultureInfo.InvariantCulture), At.UtcTicks.ToString(CultureInfo.InvariantCulture), ActorId, SessionId, Action, RecordType, RecordId, Outcome.ToString(), Detail, PreviousHash })
        {
            text.Append(field?.Length.ToString(CultureInfo.InvariantCulture) ?? "-").Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text.ToString())));
    }
}

public sealed record AuditVerification(bool Intact, long Checked, long? BrokenAt, string Message);

public static class AuditChain
{
    /// <summary>Walks the trail in sequence order and reports the first entry that was edited, or where one was removed or moved.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> inSequenceOrder, byte[] key)
    {
        var expectedPrevious = AuditEntry.Genesis;
        long expectedSequence = 1;
        long checkedCount = 0;
        foreach (var entry in inSequenceOrder)
        {
            if (entry.Sequence != expectedSequence)
            {
                return new(false, checkedCount, entry.Sequence, entry.Sequence > expectedSequence
                    ? $"Entries {expectedSequence} to {entry.Sequence - 1} are missing: deleted."
                    : $"Entry {entry.Sequence} is out of place: reordered or duplicated.");
            }

            if (!string.Equals(entry.Hash, entry.ComputeHash(key), StringComparison.Ordinal))
            {
                return new(false, checkedCount, entry.Sequence, $"Entry {entry.Sequence} was edited after it was written.");
            }

            if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return new(false, checkedCount, entry.Sequence, $"Entry {entry.Sequence} does not follow entry {entry.Sequence - 1}: an entry before it was replaced, deleted or reordered.");
            }

            expectedPrevious = entry.Hash;
            expectedSequence++;
            checkedCount++;
        }

        return new(true, checkedCount, null, checkedCount == 0 ? "The audit trail is empty." : $"All {checkedCount} entries are intact and in order.");
    }
}
