namespace DropIn.Domain.Confidentiality;

/// <summary>A student on one side of a dispute (with the case that is in dispute, when there is one).</summary>
public sealed record DisputeParty(Guid DisputeId, Guid StudentId, int Side, Guid? CaseId);

/// <summary>A member of staff working for one side, from a time until (if ended) a later time: the barrier's history.</summary>
public sealed class DisputeAssignment
{
    private DisputeAssignment()
    {
    }

    public DisputeAssignment(Guid disputeId, string staffId, int side, DateTimeOffset from)
    {
        Id = Guid.NewGuid();
        (DisputeId, StaffId, Side, From) = (disputeId, staffId, side, from);
    }

    public Guid Id { get; private set; }
    public Guid DisputeId { get; private set; }
    public string StaffId { get; private set; } = "";
    public int Side { get; private set; }
    public DateTimeOffset From { get; private set; }
    public DateTimeOffset? Until { get; private set; }

    public bool ActiveAt(DateTimeOffset at) => From <= at && (Until is null || at < Until);

    public void End(DateTimeOffset now) => Until ??= now;
}

/// <summary>
/// Two or more students on opposing sides (e.g. a harassment complaint and the response to it). Staff assigned to a
/// side are walled off from every other side's students: their records, cases, documents, bookings and queue details.
/// Staff on no side are neutral and handle shared matters. A barrier overrides every other grant.
/// </summary>
public sealed class Dispute
{
    public const int MaxSides = 4;

    private readonly List<DisputeParty> _parties = [];
    private readonly List<DisputeAssignment> _assignments = [];

    private Dispute()
    {
    }

    public Guid Id { get; private set; }
    public int Number { get; private set; }

    /// <summary>A neutral label managers recognise; never shown to walled staff.</summary>
    public string Title { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset? EndedAt { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<DisputeParty> Parties => _parties;
    public IReadOnlyList<DisputeAssignment> Assignments => _assignments;

    public string Reference => $"D{Number:D3}";

    public static Dispute Open(int number, string title, string by, DateTimeOffset now)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 100)
        {
            throw new RuleException("Give the dispute a short neutral title (1 to 100 characters), e.g. \"Complaint between two students, Girton\".");
        }

        return new Dispute { Id = Guid.NewGuid(), Number = number, Title = title, OpenedAt = now, OpenedBy = by };
    }

    public bool ActiveAt(DateTimeOffset at) => OpenedAt <= at && (EndedAt is null || at < EndedAt);

    public void AddParty(Guid studentId, int side, Guid? caseId)
    {
        RequireActive();
        RequireSide(side);
        if (_parties.Any(p => p.StudentId == studentId))
        {
            throw new RuleException("That student is already a party to this dispute.");
        }

        _parties.Add(new DisputeParty(Id, studentId, side, caseId));
        Version++;
    }

    /// <summary>
    /// A party's records reached the end of their retention period and were destroyed: the dispute keeps its sides
    /// and staff, loses the party, and its title (which a manager may have written with names in it) becomes neutral.
    /// </summary>
    public void Forget(Guid studentId)
    {
        if (_parties.RemoveAll(p => p.StudentId == studentId) > 0)
        {
            Title = $"Dispute {Reference} (records past retention destroyed)";
            Version++;
        }
    }

    /// <summary>Puts a member of staff on a side, at once. Moving sides ends the earlier assignment, so history stays true.</summary>
    public void Assign(string staffId, int side, DateTimeOffset now)
    {
        RequireActive();
        RequireSide(side);
        var current = _assignments.SingleOrDefault(a => a.StaffId == staffId && a.Until is null);
        if (current?.Side == side)
        {
            return;
        }

        current?.End(now);
        _assignments.Add(new DisputeAssignment(Id, staffId, side, now));
        Version++;
    }

    /// <summary>Takes a member of staff off their side: from now on they are neutral in this dispute.</summary>
    public void Unassign(string staffId, DateTimeOffset now)
    {
        foreach (var assignment in _assignments.Where(a => a.StaffId == staffId && a.Until is null))
        {
            assignment.End(now);
            Version++;
        }
    }

    public void End(DateTimeOffset now)
    {
        RequireActive();
        EndedAt = now;
        Version++;
    }

    public int? SideOf(string staffId, DateTimeOffset at) => ActiveAt(at) ? _assignments.FirstOrDefault(a => a.StaffId == staffId && a.ActiveAt(at))?.Side : null;

    /// <summary>Whether this dispute keeps <paramref name="staffId"/> from <paramref name="studentId"/> at <paramref name="at"/>.</summary>
    public bool Blocks(string staffId, Guid studentId, DateTimeOffset at) =>
        SideOf(staffId, at) is { } side && _parties.Any(p => p.StudentId == studentId && p.Side != side);

    private void RequireActive()
    {
        if (EndedAt is not null)
        {
            throw new RuleException("This dispute has ended; record a new one if the students are in dispute again.");
        }
    }

    private static void RequireSide(int side)
    {
        if (side < 1 || side > MaxSides)
        {
            throw new RuleException($"Choose side 1 to {MaxSides}.");
        }
    }
}

/// <summary>The information barriers of all disputes, asked from one member of staff's point of view.</summary>
public static class InformationBarrier
{
    public static bool Blocks(IEnumerable<Dispute> disputes, string staffId, Guid studentId, DateTimeOffset at) =>
        disputes.Any(d => d.Blocks(staffId, studentId, at));

    /// <summary>Every student this member of staff is walled off from at <paramref name="at"/>.</summary>
    public static IReadOnlySet<Guid> BlockedStudents(IEnumerable<Dispute> disputes, string staffId, DateTimeOffset at) =>
        disputes.Where(d => d.SideOf(staffId, at) is not null)
            .SelectMany(d => d.Parties.Where(p => p.Side != d.SideOf(staffId, at)).Select(p => p.StudentId))
            .ToHashSet();
}
