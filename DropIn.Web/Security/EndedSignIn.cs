namespace DropIn.Web.Security;

/// <summary>
/// A sign-in session that was ended (signed out, or locked after inactivity). Its cookie, and any copy of it, is
/// refused from then on; kept until every cookie of that session would have expired anyway.
/// </summary>
public sealed class EndedSignIn
{
    private EndedSignIn()
    {
    }

    public EndedSignIn(string sessionId, DateTimeOffset endedAt)
    {
        SessionId = sessionId;
        EndedAt = endedAt;
    }

    /// <summary>The <see cref="StaffClaims.Session"/> stamped into the cookie at sign-in.</summary>
    public string SessionId { get; private set; } = "";

    public DateTimeOffset EndedAt { get; private set; }
}
