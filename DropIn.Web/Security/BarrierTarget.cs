using DropIn.Domain.Cases;

namespace DropIn.Web.Security;

/// <summary>
/// What an information-barrier check is about: a record by its id, or someone about to be put on record. The check
/// (<see cref="InformationBarriers.RequireVisibleAsync(System.Security.Claims.ClaimsPrincipal, BarrierTarget, CancellationToken)"/>)
/// finds the student a record concerns; a ticket, appointment or enquiry not yet linked to a student is judged by who it
/// says it is from (see <see cref="BarrierLens"/>), so a row is protected before anyone has linked it.
/// </summary>
public sealed record BarrierTarget
{
    private BarrierTarget(BarrierTargetKind kind, string recordType, Guid? id, StudentProfile? person = null)
    {
        (Kind, RecordType, Id, Person) = (kind, recordType, id, person);
    }

    public BarrierTargetKind Kind { get; }

    /// <summary>How the audit trail names what was refused (e.g. "Case", "Conduct").</summary>
    public string RecordType { get; }

    public Guid? Id { get; }

    /// <summary>For <see cref="BarrierTargetKind.Person"/>: who is being registered or booked.</summary>
    public StudentProfile? Person { get; }

    /// <param name="recordType">What of the student's is being reached (e.g. "Conduct" for the conduct record), for the audit trail.</param>
    public static BarrierTarget Student(Guid id, string recordType = "Student") => new(BarrierTargetKind.Student, recordType, id);

    public static BarrierTarget Case(Guid id) => new(BarrierTargetKind.Case, "Case", id);

    public static BarrierTarget Document(Guid id) => new(BarrierTargetKind.Document, "Document", id);

    public static BarrierTarget Ticket(Guid id) => new(BarrierTargetKind.Ticket, "Ticket", id);

    public static BarrierTarget Appointment(Guid id) => new(BarrierTargetKind.Appointment, "Appointment", id);

    public static BarrierTarget Enquiry(Guid id) => new(BarrierTargetKind.Enquiry, "Enquiry", id);

    public static BarrierTarget SubjectAccessRequest(Guid id) => new(BarrierTargetKind.SubjectAccessRequest, "SubjectAccessRequest", id);

    /// <summary>A written warning or a notice of withdrawal, by the letter's id.</summary>
    public static BarrierTarget ConductLetter(Guid id) => new(BarrierTargetKind.ConductLetter, "Conduct", id);

    public static BarrierTarget Withdrawal(Guid id) => new(BarrierTargetKind.Withdrawal, "Conduct", id);

    public static BarrierTarget RetentionHold(Guid id) => new(BarrierTargetKind.RetentionHold, "RetentionHold", id);

    /// <summary>Someone not on record yet (being registered, or booked by staff): judged by name, email and ID alone.</summary>
    /// <param name="recordType">What was being created for them, for the audit trail (no name is recorded).</param>
    public static BarrierTarget Someone(StudentProfile person, string recordType) =>
        new(BarrierTargetKind.Person, recordType, null, person with { StudentNumber = person.StudentNumber?.Trim().ToUpperInvariant() });
}

public enum BarrierTargetKind
{
    Student,
    Case,
    Document,
    Ticket,
    Appointment,
    Enquiry,
    SubjectAccessRequest,
    ConductLetter,
    Withdrawal,
    RetentionHold,
    Person,
}
