namespace DropIn.Web.Security;

/// <summary>A signed-in member of staff tried an action their role does not allow, or one an information barrier keeps from them.</summary>
public sealed class ForbiddenException(string permission, string message = "You do not have permission to do that.") : Exception(message)
{
    public const string Barrier = "barrier";

    public string Permission { get; } = permission;

    public bool IsBarrier => Permission == Barrier;
}
