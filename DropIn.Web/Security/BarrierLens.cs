using DropIn.Domain.Cases;

namespace DropIn.Web.Security;

/// <summary>
/// One member of staff's view through the information barriers, for screens that list many people at once (the
/// queue, the diary, the enquiries board). A row linked to a student record is hidden when that student is walled
/// off; a row not yet linked is checked against the parties of recorded disputes (same email or ID, same or
/// sound-alike name), so a possible party is hidden from the wrong side and flagged to everyone else before anyone
/// on the wrong side sees them.
/// </summary>
public sealed class BarrierLens(IReadOnlySet<Guid> blocked, IReadOnlyList<Student> parties)
{
    public static readonly BarrierLens None = new(new HashSet<Guid>(), []);

    public bool Hides(Guid? studentId, string name, string? contact) =>
        studentId is { } linked ? blocked.Contains(linked) : HidesSomeone(Probe(name, contact));

    /// <summary>Someone not linked to a record (an unlinked row, or a person being registered) who resembles a student the user is walled off from.</summary>
    public bool HidesSomeone(StudentProfile someone) => Resembled(someone).Any(blocked.Contains);

    /// <summary>An unlinked row that may be a party to a dispute: staff should check before anyone serves them.</summary>
    public bool PossibleConflict(Guid? studentId, string name, string? contact) => studentId is null && Resembled(Probe(name, contact)).Any();

    /// <summary>What a row says about who it is from: a name and one email address or student number / CRSid.</summary>
    public static StudentProfile Probe(string name, string? contact)
    {
        var isEmail = contact?.Contains('@', StringComparison.Ordinal) == true;
        return new StudentProfile(name, Email: isEmail ? contact : null, StudentNumber: isEmail ? null : contact?.Trim().ToUpperInvariant());
    }

    /// <summary>The parties (or their merged records) the person may be; a merged record stands for the record it was merged into.</summary>
    private IEnumerable<Guid> Resembled(StudentProfile someone) =>
        parties.Where(p => DuplicateCheck.Reasons(someone, p).Count > 0).Select(p => p.MergedIntoId ?? p.Id);
}
