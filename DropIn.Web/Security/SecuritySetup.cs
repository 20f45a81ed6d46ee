using System.Security.Claims;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace DropIn.Web.Security;

public static class SecuritySetup
{
    public static WebApplicationBuilder AddDropInSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
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
                options.ExpireTimeSpan = TimeSpan.FromHours(10);
                options.SlidingExpiration = true;
                options.Events.OnSignedIn = context => Audited(context.HttpContext, context.Principal, "signin");
                options.Events.OnSigningOut = context => Audited(context.HttpContext, context.HttpContext.User, "signout");
            }));

        services.AddIdentityCore<StaffUser>(options =>
            {
                // Length, not composition rules (NCSC and NIST 800-63B guidance): a long passphrase is the better password.
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DropInDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddDefaultTokenProviders();

        var policies = services.AddAuthorizationBuilder();
        foreach (var (permission, roles) in Permissions.Matrix)
        {
            policies.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }

        // Keys beside the database, so sign-ins and open screens survive a restart and backups take both together.
        services.AddDataProtection()
            .SetApplicationName("DropIn")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DataFolder.Resolve(builder), "keys")));

        // The cookie is re-issued when the security stamp is re-checked; the sign-in session it belongs to stays the same.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(StaffClaims.Session) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                identity.RemoveClaim(identity.FindFirst(StaffClaims.Session));
                identity.AddClaim(new Claim(StaffClaims.Session, session.Value));
            }

            return Task.CompletedTask;
        });
        services.AddSingleton(new Audit.AuditKey(Path.Combine(DataFolder.Resolve(builder), "keys")));
        services.AddSingleton<Audit.AuditLog>();
        services.AddScoped<Audit.AuditReports>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, Audit.AuditingAuthorizationResultHandler>();
        services.AddScoped<StaffAuthorizer>();
        services.AddScoped<InformationBarriers>();
        services.AddScoped<CreateAdminCommand>();
        return builder;
    }

    private static Task Audited(HttpContext http, ClaimsPrincipal? user, string action) =>
        http.RequestServices.GetRequiredService<Audit.AuditLog>().RecordAsync(user, action);
}
