namespace DropIn.Web.Security.TwoFactor;

/// <summary>
/// The last authenticator time step each member of staff has signed in with. Kept apart from the user row because
/// Identity rewrites that row whole on every change, which could put back an older step and let a code work twice.
/// </summary>
public sealed class UsedAuthenticatorStep
{
    public string StaffId { get; set; } = "";
    public long Step { get; set; }
}
