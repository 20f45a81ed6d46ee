using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DropIn.Web.Components.Shared;

/// <summary>
/// A staff screen or dialog: the signed-in member of staff, and acting with messages (<see cref="ActingComponentBase"/>).
/// A screen that stays live derives from <see cref="LivePage"/>.
/// </summary>
public abstract class StaffComponentBase : ActingComponentBase
{
    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    /// <summary>Who is signed in; read once when the component starts (a sign-out ends the circuit).</summary>
    protected ClaimsPrincipal User { get; private set; } = new();

    protected override async Task OnInitializedAsync() => User = (await AuthenticationState).User;
}
