namespace DropIn.Web.Security;

/// <summary>A signed-in member of staff tried an action their role does not allow.</summary>
public sealed class ForbiddenException(string permission) : Exception("You do not have permission to do that.")
{
    public string Permission { get; } = permission;
}
