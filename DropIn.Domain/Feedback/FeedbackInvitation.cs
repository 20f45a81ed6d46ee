using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Retention;

namespace DropIn.Domain.Feedback;

/// <summary>
/// One emailed invitation to an anonymous form. It knows whom it went to (so it goes once, and the opt-out link can
/// find the student) but the response it leads to does not know it: submitting marks the invitation used and copies
/// only the coarse attributes below into the response. No time of use is kept, so an invitation cannot be matched
/// to a response by when it was sent in.
/// </summary>
public sealed class FeedbackInvitation
{
    private FeedbackInvitation()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudentId { get; private set; }
    public InvitationKind Kind { get; private set; }

    /// <summary>The closed case an impact invitation is about; null for feedback.</summary>
    public Guid? CaseId { get; private set; }

    /// <summary>
    /// Unique in the database: "Feedback|student" or "Impact|case". Of two job runs racing to invite the same student,
    /// one insert fails, so an invitation goes exactly once. (A unique index over a nullable case id would not do: SQL
    /// treats NULLs as distinct.)
    /// </summary>
    public string OnceKey { get; private set; } = "";

    /// <summary>SHA-256 of the link's random token; the token itself is only in the student's email.</summary>
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset SentAt { get; private set; }

    /// <summary>The form has been sent in (the link is single use). Deliberately a flag, not a time.</summary>
    public bool Used { get; private set; }

    /// <summary>Coarse attributes for the anonymous response: how the student first came to us, their status, level band.</summary>
    public EnquiryChannel? Channel { get; private set; }
    public StudentStatus StudentStatus { get; private set; }
    public LevelOfStudyBand LevelOfStudy { get; private set; }
    public int Version { get; private set; }

    public static string OnceKeyOf(InvitationKind kind, Guid studentId, Guid? caseId) => kind switch
    {
        InvitationKind.Feedback => $"{kind}|{studentId:N}",
        _ => $"{kind}|{caseId ?? throw new ArgumentNullException(nameof(caseId), "An impact invitation is about a case.")}",
    };

    public static FeedbackInvitation Create(
        InvitationKind kind, Guid studentId, Guid? caseId, string tokenHash, EnquiryChannel? channel, StudentStatus status, LevelOfStudyBand level, DateTimeOffset now)
    {
        if (kind == InvitationKind.Feedback && caseId is not null)
        {
            throw new ArgumentException("A feedback invitation is about the student's first experience, not a case.", nameof(caseId));
        }

        return new FeedbackInvitation
        {
            Id = Guid.NewGuid(), StudentId = studentId, Kind = kind, CaseId = caseId, OnceKey = OnceKeyOf(kind, studentId, caseId),
            TokenHash = tokenHash, SentAt = now, Channel = channel, StudentStatus = status, LevelOfStudy = level,
        };
    }

    /// <summary>Spends the link. Saved in the same transaction as the response, with a concurrency check, so two submissions cannot both count.</summary>
    public void MarkUsed()
    {
        if (Used)
        {
            throw new RuleException("This form has already been sent in. Thank you: each link can be used once.");
        }

        Used = true;
        Version++;
    }
}
