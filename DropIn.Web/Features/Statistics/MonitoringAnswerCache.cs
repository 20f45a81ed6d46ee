using System.Collections.Concurrent;

namespace DropIn.Web.Features.Statistics;

/// <summary>One student's monitoring answers as statistics count them, and the version (RecordedAt) they were read at.</summary>
internal sealed record MonitoringAnswers(DateTimeOffset RecordedAt, string? Gender, string? Ethnicity, string? Disability, string? LevelOfStudy);

/// <summary>
/// Monitoring answers decrypted once and kept per record version, so that a report over seven years (some 30,000
/// records, four encrypted answers each: about two seconds of decryption) costs a read of ids and versions after the
/// first. Chosen over totals kept in the database: a student counts in every academic year they used the service,
/// through four kinds of record and several write paths, so stored totals would have to follow all of them and would
/// be wrong the day one was missed; a cache keyed by <see cref="MonitoringAnswers.RecordedAt"/> (which every change of
/// answers sets) cannot serve a stale answer.
/// </summary>
/// <remarks>
/// Encryption at rest protects the database file and its backups, not the running process, which holds the keys; this
/// memory is no weaker. An entry not used for <see cref="KeptFor"/> is dropped, so the answers of a student destroyed
/// by retention leave memory within that time of their last use. Each app instance has its own cache.
/// </remarks>
public sealed class MonitoringAnswerCache
{
    /// <summary>How long an entry stays after its last use (wall-clock time, checked at most once per period).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    // A plain concurrent dictionary, not MemoryCache: a seven-year report looks up some 30,000 entries at once, and
    // MemoryCache's bookkeeping per lookup cost a fifth of a second of it.
    private readonly ConcurrentDictionary<Guid, Entry> _answers = new();
    private long _sweptAt = Environment.TickCount64;

    internal bool TryGet(Guid studentId, DateTimeOffset recordedAt, out MonitoringAnswers? answers)
    {
        if (_answers.TryGetValue(studentId, out var entry) && entry.Answers.RecordedAt == recordedAt)
        {
            entry.UsedAt = Environment.TickCount64;
            answers = entry.Answers;
            return true;
        }

        answers = null;
        return false;
    }

    internal void Keep(Guid studentId, MonitoringAnswers answers) => _answers[studentId] = new Entry(answers);

    /// <summary>Drops entries not used for <see cref="KeptFor"/>; does nothing if it did so less than that ago.</summary>
    internal void Sweep()
    {
        var now = Environment.TickCount64;
        var sweptAt = Interlocked.Read(ref _sweptAt);
        if (now - sweptAt < KeptFor.TotalMilliseconds || Interlocked.CompareExchange(ref _sweptAt, now, sweptAt) != sweptAt)
        {
            return;
        }

        foreach (var (studentId, entry) in _answers)
        {
            if (now - entry.UsedAt >= KeptFor.TotalMilliseconds)
            {
                _answers.TryRemove(studentId, out _);
            }
        }
    }

    private sealed class Entry(MonitoringAnswers answers)
    {
        public MonitoringAnswers Answers { get; } = answers;

        public long UsedAt { get; set; } = Environment.TickCount64;
    }
}
