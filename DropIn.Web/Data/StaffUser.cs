using Microsoft.AspNetCore.Identity;

namespace DropIn.Web.Data;

/// <summary>A member of the service's staff. Students do not have accounts.</summary>
public sealed class StaffUser : IdentityUser
{
    public const int MaxDisplayNameLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>The room a caseworker is seeing students in, remembered between sessions.</summary>
    public string? Room { get; set; }
}
