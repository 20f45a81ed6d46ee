using System.ComponentModel.DataAnnotations;

namespace DropIn.Web.Security;

/// <summary>Staff-session settings under <c>DropIn:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "DropIn:Security";

    /// <summary>A shared tablet locks after this long without a touch, key or scroll (WCAG 2.2.1 warning first).</summary>
    [Range(1, 24 * 60)]
    public int IdleMinutes { get; set; } = 10;

    /// <summary>For browser tests only: an idle time in seconds that overrides <see cref="IdleMinutes"/>.</summary>
    [Range(1, 24 * 60 * 60)]
    public int? IdleSeconds { get; set; }

    /// <summary>How long before the lock the warning appears; WCAG 2.2.1 asks for at least 20 seconds.</summary>
    [Range(1, 600)]
    public int IdleWarningSeconds { get; set; } = 60;

    /// <summary>
    /// How often an open screen re-checks, on its own, that its sign-in still counts (<see cref="SignInSessions"/>); a
    /// cookie is checked at every request, and screens at once when a sign-in ends. Identity's own stamp check uses it too.
    /// </summary>
    [Range(1, 3600)]
    public int RevalidationSeconds { get; set; } = 10;

    /// <summary>Sign-in attempts one address may post per minute, on top of the per-account lockout.</summary>
    [Range(1, 10_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>An export asks for the password and second factor again unless they were entered this recently.</summary>
    [Range(1, 60)]
    public int ReauthenticateMinutes { get; set; } = 5;

    /// <summary>Staff must sign in with an authenticator app as well as a password (enrolled at their first sign-in).</summary>
    public bool RequireTwoFactor { get; set; } = true;

    public TimeSpan Idle => IdleSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(IdleMinutes);

    public TimeSpan IdleWarning => TimeSpan.FromSeconds(Math.Min(IdleWarningSeconds, Idle.TotalSeconds / 2));

    public TimeSpan Revalidation => TimeSpan.FromSeconds(RevalidationSeconds);
}
