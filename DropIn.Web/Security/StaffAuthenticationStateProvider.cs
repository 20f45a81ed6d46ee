using System.Security.Claims;
using DropIn.Web.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security;

/// <summary>
/// Re-checks a circuit's user every few seconds, and at once when one of their sign-ins ends, so that signing out in
/// one tab, locking, a new password, a lost-phone reset or a disabled account takes every open screen of that sign-in
/// to the sign-in page without waiting for the cookie to expire (the check is <see cref="SignInSessions"/>).
/// </summary>
internal sealed class StaffAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<SecurityOptions> _security;
    private readonly IDisposable _subscription;

    public StaffAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<SecurityOptions> security, ILiveUpdates live)
        : base(loggerFactory)
    {
        _scopes = scopes;
        _security = security;
        _subscription = live.Subscribe(OnChangeAsync);
    }

    // Short on purpose: a disabled account on a lost tablet must go dark within seconds. The cost is a read of the user
    // row and of the ended sign-ins by key per open circuit per interval: a dozen tablets at 10 s is about two reads a second.
    protected override TimeSpan RevalidationInterval => _security.Value.Revalidation;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignInSessions>().IsCurrentAsync(authenticationState.User);
    }

    private async Task OnChangeAsync(LiveChange change)
    {
        if (change is not SignInsEnded ended)
        {
            return;
        }

        var state = await GetAuthenticationStateAsync();
        if (state.User.FindFirstValue(ClaimTypes.NameIdentifier) == ended.StaffId && !await ValidateAuthenticationStateAsync(state, CancellationToken.None))
        {
            // What the periodic check would do at its next turn: the screen shows the signed-out state (the sign-in page).
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _subscription.Dispose();
        }

        base.Dispose(disposing);
    }
}
