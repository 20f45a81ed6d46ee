using System.Security.Claims;
using System.Threading.RateLimiting;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security;

public static class SecuritySetup
{
    /// <summary>Identity's tables: version 3 adds the passkey table (AspNetUserPasskeys), which StaffPasskeys uses. Part of the model, so migrations are made with it too.</summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    public const string SignInRateLimitPolicy = "sign-in";

    /// <summary>Marks a cookie re-issued by the idle keep-alive: a renewal, not a sign-in to audit.</summary>
    public const string RenewalMark = "dropin:renewal";

    public static WebApplicationBuilder AddDropInSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddDropInProxyHeaders();
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/access-denied";
                options.Cookie.Name = "DropIn.Staff";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = true;
                options.Events.OnSignedIn = context => context.Properties.Items.ContainsKey(RenewalMark)
                    ? Task.CompletedTask
                    : Audited(context.HttpContext, context.Principal, "signin", context.Properties.Items.TryGetValue(TwoFactor.StaffSignIn.MethodItem, out var method) ? method : null);
                options.Events.OnSigningOut = context => Audited(context.HttpContext, context.HttpContext.User, "signout");
                // Every request, before Identity's periodic stamp check: an ended sign-in or a changed account is refused
                // at once, not at the next interval, and a copied cookie is as dead as the original.
                var stampCheck = options.Events.OnValidatePrincipal;
                options.Events.OnValidatePrincipal = async context =>
                {
                    if (context.Principal is { } principal
                        && !await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().IsCurrentAsync(principal))
                    {
                        context.RejectPrincipal();
                        context.Options.CookieManager.DeleteCookie(context.HttpContext, context.Options.Cookie.Name!, context.Options.Cookie.Build(context.HttpContext));
                        return;
                    }

                    await stampCheck(context);
                };
            }));

        // The cookie lives no longer than the idle lock, so a tab left in the background cannot outlive it; the idle
        // script renews it while the member of staff is working (circuit traffic alone never reaches the cookie).
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SecurityOptions>>((cookie, security) => cookie.ExpireTimeSpan = security.Value.Idle);

        // Identity re-reads the security stamp behind a cookie only this often: a disabled account's cookie stops working
        // within the interval. Few staff requests are plain HTTP (most work goes over the circuit), so this is cheap.
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SecurityOptions>>((stamp, security) => stamp.ValidationInterval = security.Value.Revalidation);

        // The same limiter the public pages use (one UseRateLimiter); only the sign-in POST counts, so reading the form
        // never does. Per address, on top of the per-account lockout: it slows guessing across many accounts.
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<SecurityOptions>>((limiter, security) => limiter.AddPolicy(SignInRateLimitPolicy, http =>
                HttpMethods.IsPost(http.Request.Method)
                    ? ClientRateLimit.PerMinute(http, SignInRateLimitPolicy, security.Value.SignInsPerMinute)
                    : RateLimitPartition.GetNoLimiter("sign-in:read")));
        if (Live.RedisConnection.IsConfigured(builder.Configuration))
        {
            services.AddSingleton<ClientRateLimit.SharedCounts>();
        }

        // One answer for every refused request, public pages and sign-in alike: what happened and when to try again.
        services.Configure<RateLimiterOptions>(limiter => limiter.OnRejected = RateLimitRejection.WriteAsync);

        services.AddIdentityCore<StaffUser>(options =>
            {
                // Length and a list of common passwords, not composition rules (ASVS 5.0 ch. 6, NIST 800-63B): 8 at
                // least, 15 or more recommended on every screen that sets one; a long passphrase is the better password.
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                options.Stores.SchemaVersion = IdentitySchema;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DropInDbContext>()
            .AddUserStore<TwoFactor.StaffUserStore>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();

        var policies = services.AddAuthorizationBuilder();
        foreach (var (permission, roles) in Permissions.Matrix)
        {
            policies.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }

        // Keys in the data folder, apart from the database, so sign-ins and open screens survive a restart, every
        // instance of a cluster reads the same ring, and a copy of the database alone shows only ciphertext.
        var dataFolder = DataFolder.Resolve(builder);
        services.AddDropInKeyRing(builder.Configuration, dataFolder, builder.Environment.ContentRootPath);

        // The cookie is re-issued when the security stamp is re-checked; the sign-in session it belongs to stays the same.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.NewPrincipal?.Identity is not ClaimsIdentity identity || context.CurrentPrincipal is not { } current)
            {
                return Task.CompletedTask;
            }

            // A refresh is not a sign-in: the session, its sign-in time and how it was signed in carry over.
            foreach (var type in new[] { StaffClaims.Session, StaffClaims.SignedInAt, TwoFactor.StaffSignIn.MultiFactorClaim })
            {
                if (identity.FindFirst(type) is { } regenerated)
                {
                    identity.RemoveClaim(regenerated);
                }

                if (current.FindFirst(type) is { } kept)
                {
                    identity.AddClaim(new Claim(type, kept.Value));
                }
            }

            return Task.CompletedTask;
        });
        // Made when first needed, not here: a cluster instance without a provisioned key must fail with ClusterReadiness's
        // message at start, and the migrate step must be able to build the app before the key exists.
        var cluster = Hosting.ClusterMode.IsEnabled(builder.Configuration);
        services.AddSingleton(_ => new Audit.AuditKey(DataFolder.Keys(dataFolder), generateIfMissing: !cluster));
        services.AddSingleton<Audit.AuditLog>();
        services.AddScoped<Audit.AuditReports>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, Audit.AuditingAuthorizationResultHandler>();
        services.AddScoped<StaffAuthorizer>();
        services.AddScoped<InformationBarriers>();
        services.AddSingleton<DisputeParties>();
        services.AddScoped<StaffAccountService>();
        services.AddScoped<SignInSessions>();
        services.AddScoped<TwoFactor.TwoFactorService>();
        services.AddScoped<TwoFactor.StaffSignIn>();
        services.AddScoped<TwoFactor.PasswordReset>();
        services.AddScoped<TwoFactor.StaffPasskeys>();
        services.Configure<IdentityPasskeyOptions>(builder.Configuration.GetSection(SecurityOptions.Section + ":Passkeys"));
        services.PostConfigure<IdentityPasskeyOptions>(passkeys =>
        {
            // The device must check the person (fingerprint, face or PIN) every time: that is what makes one passkey
            // two factors (StaffPasskeys). Discoverable, so the sign-in page need not ask who is signing in.
            passkeys.UserVerificationRequirement = "required";
            passkeys.ResidentKeyRequirement = "required";

            // Identity's default compares the origin the device signed with the request's Origin header, which a
            // browser sends as "null" on a form post under our Referrer-Policy: no-referrer. The signed origin must be
            // this site's own address (scheme, host and port), and not from a frame of another site.
            passkeys.ValidateOrigin = context => ValueTask.FromResult(
                !context.CrossOrigin
                && Uri.TryCreate(context.Origin, UriKind.Absolute, out var origin)
                && origin.Equals(new Uri($"{context.HttpContext.Request.Scheme}://{context.HttpContext.Request.Host}")));
        });
        services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = TimeSpan.FromHours(1));
        services.AddScoped<CreateAdminCommand>();
        return builder;
    }

    private static Task Audited(HttpContext http, ClaimsPrincipal? user, string action, string? detail = null) =>
        http.RequestServices.GetRequiredService<Audit.AuditLog>().RecordAsync(user, action, detail: detail);
    /// <summary>Security headers first, so every response carries them, error pages and static files included.</summary>
    public static WebApplication UseDropInSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        return app;
    }
}
