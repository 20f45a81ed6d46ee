namespace DropIn.Domain.Cases;

public enum CaseStatus
{
    Open,
    Closed,
}

public enum CaseOutcome
{
    Resolved,
    PartlyResolved,
    NotResolved,
    Referred,
    StudentWithdrew,
    NoFurtherContact,
}

/// <summary>A student's matter the service is helping with: who is on it, what is due, the plan and the outcome.</summary>
public sealed class Case
{
    public const int MaxSummaryLength = 2000;

    private readonly List<CaseworkerOnCase> _caseworkers = [];
    private readonly List<OutcomeAchieved> _achieved = [];

    private Case()
    {
    }

    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public Guid StudentId { get; private set; }
    public int CategoryId { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public CaseStatus Status { get; private set; }
    public string Summary { get; private set; } = "";
    public DateTimeOffset? SummaryChangedAt { get; private set; }
    public string? SummaryChangedBy { get; private set; }
    public CaseOutcome? Outcome { get; private set; }
    public string? OutcomeNote { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }

    /// <summary>What the caseworker confirmed when closing it (None while open, and for cases closed before the checklist).</summary>
    public ClosingCheck ClosingChecks { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<CaseworkerOnCase> Caseworkers => _caseworkers;

    /// <summary>What the case achieved for the student, recorded when it closed (empty while open, and for cases closed before outcomes were counted).</summary>
    public IReadOnlyList<OutcomeAchieved> Achieved => _achieved;

    /// <summary>Advice only or casework, recorded when it closed (null while open, and for cases closed before it was asked).</summary>
    public ServiceLevel? Level { get; private set; }

    /// <summary>The service information the student has been given on this case (none until recorded).</summary>
    public ServiceInformation InformationGiven { get; private set; }

    /// <summary>How the information was last given; with <see cref="InformationGivenAt"/> (UTC) and its giver's staff id.</summary>
    public InformationChannel? InformationGivenHow { get; private set; }
    public DateTimeOffset? InformationGivenAt { get; private set; }
    public string? InformationGivenBy { get; private set; }

    /// <summary>The latest conflict check on this case: when (UTC), by whom (staff id), and what it found.</summary>
    public DateTimeOffset? ConflictCheckedAt { get; private set; }
    public string? ConflictCheckedBy { get; private set; }
    public ConflictFinding? ConflictFinding { get; private set; }

    /// <summary>The references of the open disputes the student is a party to ("D003, D007"), when the check found any.</summary>
    public string? ConflictDisputes { get; private set; }

    /// <summary>The London day a caseworker plans to be next in touch with the student; null when none is set (<see cref="FollowUpRules.Plan"/>).</summary>
    public DateOnly? FollowUpOn { get; private set; }

    /// <summary>
    /// The due day (<see cref="FollowUpPlan.DueOn"/>) the caseworkers were last prompted about. A new contact or a new
    /// follow-up date moves the due day on, so the next one prompts again; the same one never prompts twice.
    /// </summary>
    public DateOnly? FollowUpPromptedFor { get; private set; }

    public string Reference => ReferenceOf(Number);

    public static string ReferenceOf(int number) => $"C{number:D4}";

    /// <summary>The case number in a reference as staff type it: "C0042", "c42" or "42".</summary>
    public static int ParseReference(string reference) =>
        int.TryParse((reference ?? "").Trim().TrimStart('C', 'c'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new RuleException("Enter a case reference like C0042.");

    public static Case Open(Guid studentId, int categoryId, int number, string summary, string by, DateTimeOffset now)
    {
        var opened = new Case
        {
            Id = Guid.NewGuid(), Number = number, StudentId = studentId, CategoryId = categoryId, OpenedAt = now, OpenedBy = by,
            Status = CaseStatus.Open, Summary = ValidSummary(summary),
        };
        opened._caseworkers.Add(new CaseworkerOnCase(opened.Id, by));
        return opened;
    }

    /// <summary>
    /// Replaces the summary only if it still reads <paramref name="basedOn"/>, the text the editor started from;
    /// otherwise the editor gets the other person's text and decides, so nobody's words are silently lost.
    /// </summary>
    public void ChangeSummary(string summary, string basedOn, string by, DateTimeOffset now)
    {
        RequireOpen();
        if (!string.Equals(Summary, basedOn?.Trim() ?? "", StringComparison.Ordinal))
        {
            throw new EditConflictException("Someone else changed the summary while you were editing. Their version is shown below yours; merge the two and save again.", Summary);
        }

        Summary = ValidSummary(summary);
        SummaryChangedAt = now;
        SummaryChangedBy = by;
        Version++;
    }

    /// <summary>After a manager merges duplicate student records, the duplicate's cases belong to the record kept.</summary>
    public void MoveTo(Guid studentId)
    {
        StudentId = studentId;
        Version++;
    }

    public void ChangeCategory(int categoryId)
    {
        RequireOpen();
        CategoryId = categoryId;
        Version++;
    }

    public void AddCaseworker(string staffId)
    {
        if (_caseworkers.All(c => c.StaffId != staffId))
        {
            _caseworkers.Add(new CaseworkerOnCase(Id, staffId));
            Version++;
        }
    }

    public void RemoveCaseworker(string staffId)
    {
        if (_caseworkers.Count == 1 && _caseworkers[0].StaffId == staffId)
        {
            throw new RuleException("A case needs at least one caseworker; add the new one before removing the last.");
        }

        if (_caseworkers.RemoveAll(c => c.StaffId == staffId) > 0)
        {
            Version++;
        }
    }

    public bool HasCaseworker(string staffId) => _caseworkers.Any(c => c.StaffId == staffId);

    /// <summary>Closes the case once its checklist is complete (<see cref="CaseClosing.Validate"/>); the checks are kept for the file review.</summary>
    /// <exception cref="RuleException">The case is already closed, the closing is incomplete, or the note is over 500 characters.</exception>
    public void Close(CaseClosing closing, string by, DateTimeOffset now)
    {
        RequireOpen();
        closing.Validate();
        var note = string.IsNullOrWhiteSpace(closing.Note) ? null : closing.Note.Trim();
        if (note is { Length: > 500 })
        {
            throw new RuleException("The outcome note can be at most 500 characters.");
        }

        (Status, Outcome, OutcomeNote, ClosedAt, ClosedBy) = (CaseStatus.Closed, closing.Outcome, note, now, by);
        Level = closing.Level;
        _achieved.AddRange(OutcomeAchieved.Validated(closing.Achieved));
        ClosingChecks = closing.Checks | (closing.Letter is null ? ClosingCheck.None : ClosingCheck.StudentTold);
        Version++;
    }

    /// <summary>
    /// Records service information given to the student. What was given before stays given: a student told about
    /// confidentiality in person and sent the complaints procedure later has had both.
    /// </summary>
    /// <exception cref="RuleException">Nothing ticked, or an unknown channel (<see cref="ServiceInformationGiven.Validated"/>).</exception>
    public void RecordInformationGiven(ServiceInformationGiven given, string by, DateTimeOffset now)
    {
        var valid = given.Validated();
        (InformationGiven, InformationGivenHow, InformationGivenAt, InformationGivenBy) = (InformationGiven | valid.Items, valid.How, now, by);
        Version++;
    }

    /// <summary>Keeps the result of a conflict check: the latest replaces the one before (the audit trail keeps each).</summary>
    /// <param name="disputes">References of the open disputes the student is a party to; empty when none.</param>
    public void RecordConflictCheck(IReadOnlyCollection<string> disputes, string by, DateTimeOffset now)
    {
        (ConflictCheckedAt, ConflictCheckedBy) = (now, by);
        (ConflictFinding, ConflictDisputes) = disputes.Count == 0
            ? (Cases.ConflictFinding.NoneFound, null)
            : (Cases.ConflictFinding.PartyToDispute, string.Join(", ", disputes.Order(StringComparer.Ordinal)));
        Version++;
    }

    /// <summary>Sets (or, with null, clears) the day a caseworker plans to be next in touch with the student.</summary>
    /// <param name="on">A London day after <paramref name="today"/>, at most <see cref="FollowUpRules.MaxMonthsAhead"/> months ahead (<see cref="FollowUpRules.CheckDay"/>).</param>
    /// <exception cref="RuleException">The case is closed, or the day is not after today or too far ahead.</exception>
    public void SetFollowUp(DateOnly? on, DateOnly today)
    {
        RequireOpen();
        if (on is { } day)
        {
            FollowUpRules.CheckDay(day, today);
        }

        if (FollowUpOn != on)
        {
            FollowUpOn = on;
            Version++;
        }
    }

    /// <summary>Whether the caseworkers should be prompted now about <paramref name="plan"/>: an open case, due, not yet prompted for that day.</summary>
    public bool FollowUpPromptDue(FollowUpPlan plan, DateOnly today) =>
        Status == CaseStatus.Open && plan.IsDue(today) && FollowUpPromptedFor != plan.DueOn;

    public void MarkFollowUpPrompted(FollowUpPlan plan)
    {
        if (FollowUpPromptedFor != plan.DueOn)
        {
            FollowUpPromptedFor = plan.DueOn;
            Version++;
        }
    }

    public void Reopen()
    {
        if (Status == CaseStatus.Open)
        {
            throw new RuleException("This case is already open.");
        }

        (Status, Outcome, OutcomeNote, ClosedAt, ClosedBy, ClosingChecks, Level) = (CaseStatus.Open, null, null, null, null, ClosingCheck.None, null);
        _achieved.Clear();
        Version++;
    }

    public void RequireOpen()
    {
        if (Status != CaseStatus.Open)
        {
            throw new RuleException("This case is closed; reopen it to change it.");
        }
    }

    private static string ValidSummary(string summary)
    {
        summary = summary?.Trim() ?? "";
        return summary.Length <= MaxSummaryLength ? summary : throw new RuleException($"The summary can be at most {MaxSummaryLength} characters.");
    }
}

public sealed record CaseworkerOnCase(Guid CaseId, string StaffId);

/// <summary>A save refused because someone else saved first; <see cref="Theirs"/> is what they saved.</summary>
public sealed class EditConflictException(string message, string theirs) : Exception(message)
{
    public string Theirs { get; } = theirs;
}
