using DropIn.Domain.Feedback;

namespace DropIn.Web.Features.Feedback;

/// <summary>The public addresses of the forms. The token in them is random and says nothing about the student.</summary>
public static class FeedbackLinks
{
    public const string Thanks = "/feedback/thanks";

    public static string Form(InvitationKind kind, string token) => kind == InvitationKind.Feedback ? $"/feedback/{token}" : $"/impact/{token}";

    public static string OptOut(string token) => $"/feedback/opt-out/{token}";
}
