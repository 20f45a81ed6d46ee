using System.Globalization;

namespace DropIn.Domain.Confidentiality;

/// <summary>How the student's request reached the service: any form counts, a request need not say "subject access".</summary>
public enum SubjectAccessChannel
{
    Email,
    Letter,
    InPerson,
    Phone,
    WebForm,
}

/// <summary>
/// Received → Compiled → Reviewed → Released; or Refused / Withdrawn, with a reason, from any open step. A request is
/// closed once released, refused or withdrawn.
/// </summary>
public enum SubjectAccessStatus
{
    Received,
    Compiled,
    Reviewed,
    Released,
    Refused,
    Withdrawn,
}

/// <summary>
/// A student's request to see their records (a subject access request): when and how it arrived, its statutory deadline
/// and any extension, and who took each step. The compiled record's flagged items (what concerns another person) must
/// each be released or withheld before anything is released.
/// </summary>
public sealed class SubjectAccessRequest
{
    public const int MaxReasonLength = 500;

    /// <summary>The board highlights requests whose deadline is this close.</summary>
    public const int DueSoonDays = 7;

    private readonly List<SubjectAccessFlag> _flags = [];

    private SubjectAccessRequest()
    {
    }

    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public Guid StudentId { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public SubjectAccessChannel ReceivedHow { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateOnly OriginalDeadline { get; private set; }
    public int ExtensionMonths { get; private set; }

    /// <summary>Each extension's reason, one per line, so a second extension does not lose the first one's.</summary>
    public string? ExtensionReason { get; private set; }
    public DateTimeOffset? ExtendedAt { get; private set; }
    public string? ExtendedBy { get; private set; }
    public SubjectAccessStatus Status { get; private set; }
    public DateTimeOffset? CompiledAt { get; private set; }
    public string? CompiledBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    /// <summary>Why the request was refused or withdrawn.</summary>
    public string? ClosedReason { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<SubjectAccessFlag> Flags => _flags;

    public string Reference => ReferenceOf(Number);

    public DateOnly Deadline => SubjectAccessDeadline.Extended(OriginalDeadline, ExtensionMonths);

    public bool IsOpen => Status is SubjectAccessStatus.Received or SubjectAccessStatus.Compiled or SubjectAccessStatus.Reviewed;

    public static string ReferenceOf(int number) => "SAR" + number.ToString("D4", CultureInfo.InvariantCulture);

    public static SubjectAccessRequest Record(int number, Guid studentId, DateOnly receivedOn, SubjectAccessChannel how, string by, DateTimeOffset now)
    {
        if (receivedOn > Calendar.LondonTime.Today(now))
        {
            throw new RuleException("A request cannot be received in the future; check the date.");
        }

        if (!Enum.IsDefined(how))
        {
            throw new RuleException("Say how the request was received.");
        }

        return new SubjectAccessRequest
        {
            Id = Guid.NewGuid(), Number = number, StudentId = studentId, ReceivedOn = receivedOn, ReceivedHow = how, RecordedAt = now, RecordedBy = by,
            OriginalDeadline = SubjectAccessDeadline.For(receivedOn), Status = SubjectAccessStatus.Received,
        };
    }

    /// <summary>Days until the deadline: 0 on the day, negative once overdue.</summary>
    public int DaysLeft(DateOnly today) => Deadline.DayNumber - today.DayNumber;

    public bool IsOverdue(DateOnly today) => IsOpen && today > Deadline;

    public bool IsDueSoon(DateOnly today) => IsOpen && DaysLeft(today) is >= 0 and <= DueSoonDays;

    /// <summary>
    /// Extends the deadline to <paramref name="totalMonths"/> beyond the original (1 or 2 in all, never shortened). The
    /// student must be told within the first month, so an extension is refused once the original deadline has passed.
    /// </summary>
    public void Extend(int totalMonths, string reason, string by, DateTimeOffset now)
    {
        RequireOpen();
        if (totalMonths is < 1 or > SubjectAccessDeadline.MaxExtensionMonths)
        {
            throw new RuleException($"Extend by 1 or {SubjectAccessDeadline.MaxExtensionMonths} months in total beyond the original deadline.");
        }

        if (totalMonths <= ExtensionMonths)
        {
            throw new RuleException($"This request is already extended by {ExtensionMonths} month(s); an extension can only lengthen it.");
        }

        if (Calendar.LondonTime.Today(now) > OriginalDeadline)
        {
            throw new RuleException("The original deadline has passed: an extension must be decided, and the student told, within the first month.");
        }

        reason = Reason(reason, "Record why the request needs more time (e.g. it is complex, or one of several from the student).");
        var line = $"{Calendar.LondonTime.Today(now):yyyy-MM-dd}, to {totalMonths} month(s): {reason}";
        ExtensionReason = ExtensionReason is null ? line : ExtensionReason + "\n" + line;
        (ExtensionMonths, ExtendedAt, ExtendedBy) = (totalMonths, now, by);
        Version++;
    }

    /// <summary>
    /// The record was (re)compiled: these are its flagged items now. A decision already taken on the same item, with the
    /// same text, is kept; anything new or changed must be decided again, so a re-compiled request goes back to review.
    /// </summary>
    public void Compiled(IReadOnlyList<FlagCandidate> found, string by, DateTimeOffset now)
    {
        RequireOpen();
        var kept = _flags.ToDictionary(f => (f.ItemId, f.Field, f.Fingerprint));
        _flags.Clear();
        foreach (var candidate in found.DistinctBy(c => (c.ItemId, c.Field)))
        {
            _flags.Add(kept.TryGetValue((candidate.ItemId, candidate.Field, candidate.Fingerprint), out var previous)
                ? previous
                : new SubjectAccessFlag(Id, candidate));
        }

        (Status, CompiledAt, CompiledBy, ReviewedAt, ReviewedBy) = (SubjectAccessStatus.Compiled, now, by, null, null);
        Version++;
    }

    /// <summary>Release the flagged item as it is, or withhold it with a reason. A changed decision needs a fresh review.</summary>
    public void Decide(Guid flagId, FlagDecision decision, string? reason, string by, DateTimeOffset now)
    {
        RequireOpen();
        if (Status == SubjectAccessStatus.Received)
        {
            throw new RuleException("Compile the record first.");
        }

        var flag = _flags.SingleOrDefault(f => f.Id == flagId) ?? throw new RuleException("That flagged item is no longer part of the record; compile again.");
        flag.Decide(decision, decision == FlagDecision.Redact ? Reason(reason, "Record why this is withheld (e.g. it is another student's personal data).") : null, by, now);
        (Status, ReviewedAt, ReviewedBy) = (SubjectAccessStatus.Compiled, null, null);
        Version++;
    }

    public int Undecided => _flags.Count(f => f.Decision == FlagDecision.Undecided);

    public void MarkReviewed(string by, DateTimeOffset now)
    {
        if (Status != SubjectAccessStatus.Compiled)
        {
            throw new RuleException(Status == SubjectAccessStatus.Received ? "Compile the record first." : "Only a compiled request waiting for review can be marked reviewed.");
        }

        RequireAllDecided();
        (Status, ReviewedAt, ReviewedBy) = (SubjectAccessStatus.Reviewed, now, by);
        Version++;
    }

    /// <summary>The record was handed to the student. Refused while anything flagged is undecided or the review is not done.</summary>
    public void Release(string by, DateTimeOffset now)
    {
        RequireOpen();
        RequireAllDecided();
        if (Status != SubjectAccessStatus.Reviewed)
        {
            throw new RuleException("Review the compiled record (and mark it reviewed) before releasing it.");
        }

        (Status, ClosedAt, ClosedBy) = (SubjectAccessStatus.Released, now, by);
        Version++;
    }

    public void Refuse(string reason, string by, DateTimeOffset now) => End(SubjectAccessStatus.Refused, reason, "Record why the request is refused (e.g. manifestly unfounded or excessive).", by, now);

    public void Withdraw(string reason, string by, DateTimeOffset now) => End(SubjectAccessStatus.Withdrawn, reason, "Record how the student withdrew the request.", by, now);

    private void End(SubjectAccessStatus status, string reason, string missing, string by, DateTimeOffset now)
    {
        RequireOpen();
        (ClosedReason, Status, ClosedAt, ClosedBy) = (Reason(reason, missing), status, now, by);
        Version++;
    }

    private void RequireAllDecided()
    {
        if (Undecided > 0)
        {
            throw new RuleException($"{Undecided} flagged item(s) still need a decision: release or withhold each one first.");
        }
    }

    private void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new RuleException("This request is closed.");
        }
    }

    private static string Reason(string? reason, string missing)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw new RuleException(missing);
        }

        return reason.Length <= MaxReasonLength ? reason : throw new RuleException($"Keep the reason to {MaxReasonLength} characters.");
    }
}
