namespace DropIn.Domain.Feedback;

/// <summary>
/// The two anonymous forms of the code of practice: feedback shortly after a student's first experience of the
/// service, and impact a few months after their case closed.
/// </summary>
public enum InvitationKind
{
    Feedback,
    Impact,
}
