using Microsoft.AspNetCore.Identity;

namespace DropIn.Web.Data;

/// <summary>A member of the service's staff. Students do not have accounts.</summary>
public sealed class StaffUser : IdentityUser
{
    public const int MaxDisplayNameLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>The room a caseworker is seeing students in, remembered between sessions.</summary>
    public string? Room { get; set; }

    /// <summary>Takes part in drop-in sessions, so has no appointment slots during them.</summary>
    public bool StaffsDropIn { get; set; }

    /// <summary>Offers appointments to students (has availability windows).</summary>
    public bool TakesAppointments { get; set; }
}
