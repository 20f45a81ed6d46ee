using System.Reflection;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>
/// Every page, endpoint and hub either names a permission from the matrix or is on the short public list. A new page
/// without a policy fails here.
/// </summary>
public sealed class PermissionMatrixTests
{
    /// <summary>The only things an anonymous visitor may reach: sign-in, the waiting-room board and its feed, error pages.</summary>
    private static readonly HashSet<string> PublicRoutes =
    [
        "/account/login", "/account/lock", "/account/access-denied", "/board", "/board/live", "/error", "/not-found", "/hubs/display", "/book", "/contact",
        "/feedback", "/impact",

        // Students joining the drop-in queue from a phone, and their private link (the token is the key).
        "/dropin",

        // The reception kiosk: its own device token (a cookie a manager's enrolment code gives), no staff sign-in.
        "/kiosk",
        "/account/two-factor", "/account/forgot-password", "/account/reset-password",

        // A WebAuthn challenge naming no account, for "Use a passkey" on the sign-in page.
        "/account/passkeys/request-options",
    ];

    internal static readonly Dictionary<string, string?> ExpectedPagePolicy = new()
    {
        ["/"] = null, // any signed-in member of staff
        ["/notifications"] = null, // one's own notifications
        ["/account/confirm"] = null, // one's own password and code again, before an export
        ["/account/security"] = null, // one's own recovery codes
        ["/queue"] = Permissions.ViewQueue,
        ["/queue/call"] = Permissions.ServeQueue,
        ["/diary"] = Permissions.ViewDiary,
        ["/availability"] = Permissions.ManageAvailability,
        ["/enquiries"] = Permissions.Enquiries,
        ["/students"] = Permissions.FindStudents,
        ["/students/new"] = Permissions.RegisterStudents,
        ["/students/{Id:guid}"] = Permissions.FindStudents,
        ["/cases"] = Permissions.ViewCases,
        ["/cases/{Id:guid}"] = Permissions.ViewCases,
        ["/audit"] = Permissions.ViewAudit,
        ["/disputes"] = Permissions.ManageDisputes,
        ["/staff"] = Permissions.ManageStaff,
        ["/students/{StudentId:guid}/monitoring"] = Permissions.RecordMonitoring,
        ["/cases/settings"] = Permissions.ManageCaseLists,
        ["/retention"] = Permissions.ReviewRetention,
        ["/students/{Id:guid}/conduct"] = Permissions.RecordConduct,
        ["/conduct/letters/{Id:guid}"] = Permissions.RecordConduct,
        ["/conduct"] = Permissions.DecideWithdrawal,
        ["/subject-access"] = Permissions.ManageSubjectAccess,
        ["/subject-access/{Id:guid}"] = Permissions.ManageSubjectAccess,
        ["/statistics/feedback"] = Permissions.ViewStatistics,
        ["/statistics"] = Permissions.ViewStatistics,
        ["/statistics/annual/{Year}"] = Permissions.ViewStatistics,
        ["/kiosks"] = Permissions.ManageKiosks,
        ["/complaints"] = Permissions.Complaints,
        ["/complaints/{Id:guid}"] = Permissions.Complaints,
        ["/reviews"] = Permissions.ViewCases,
        ["/reviews/{Id:guid}"] = Permissions.ViewCases,
        ["/visits"] = Permissions.ManageVisits,
        ["/assess"] = Permissions.Assess,
        ["/assess/{CaseId:guid}"] = Permissions.Assess,
    };

    /// <summary>Endpoints that serve a file under a name with an extension: not static assets, so checked like any other.</summary>
    internal static readonly HashSet<string> FileEndpoints =
    [
        "/statistics/export.csv", "/statistics/export.xlsx", "/subject-access/{id:guid}/export.json", "/subject-access/{id:guid}/export.html",
    ];

    internal static bool IsPublic(string route) => PublicRoutes.Any(p => route == p || route.StartsWith(p + "/", StringComparison.Ordinal));

    [Fact]
    public void EveryPage_HasAPolicyOrIsPublic()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Route: r.Template, Type: t)))
            .ToList();

        Assert.NotEmpty(pages);
        foreach (var (route, type) in pages)
        {
            var authorize = type.GetCustomAttribute<AuthorizeAttribute>();
            if (IsPublic(route))
            {
                Assert.True(type.GetCustomAttribute<AllowAnonymousAttribute>() is not null, $"{route} is public but does not say [AllowAnonymous]");
                continue;
            }

            Assert.True(authorize is not null, $"{route} has no [Authorize]");
            Assert.True(ExpectedPagePolicy.TryGetValue(route, out var expected), $"{route} is not in the permission matrix test; add it with its policy");
            Assert.Equal(expected, authorize!.Policy);
            Assert.True(expected is null || Permissions.Matrix.ContainsKey(expected), $"{route} names an unknown policy");
        }
    }

    [Fact]
    public async Task EveryEndpoint_RequiresAuthorisationOrIsPublic()
    {
        await using var app = new AppFactory();
        _ = app.Server;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null || e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Where(e => !IsFrameworkPlumbing(e.RoutePattern.RawText ?? ""))
            .ToList();

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorised = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            if (isPublic)
            {
                Assert.True(IsPublic(route), $"{route} allows anonymous access but is not on the public list");
            }
            else
            {
                Assert.True(authorised, $"{route} neither requires authorisation nor is public");
            }
        }
    }

    [Fact]
    public void DisplayHub_HasNoMethodsAClientCanCall()
    {
        var callable = typeof(DisplayHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        Assert.Empty(callable);
    }

    [Theory]
    [InlineData(Roles.Reception, new[] { Permissions.ViewQueue, Permissions.CheckIn, Permissions.RunSession, Permissions.ViewDiary, Permissions.ManageAppointments, Permissions.Enquiries,
        Permissions.FindStudents, Permissions.RegisterStudents, Permissions.RecordMonitoring, Permissions.RecordConduct })]
    [InlineData(Roles.Caseworker, new[] { Permissions.ViewQueue, Permissions.ServeQueue, Permissions.ViewDiary, Permissions.ManageAppointments, Permissions.Enquiries,
        Permissions.FindStudents, Permissions.RegisterStudents, Permissions.RecordMonitoring, Permissions.ViewCases, Permissions.EditCases, Permissions.RecordConduct })]
    [InlineData(Roles.Manager, new[] { Permissions.ViewQueue, Permissions.CheckIn, Permissions.RunSession, Permissions.ServeQueue, Permissions.ViewDiary, Permissions.ManageAppointments, Permissions.ManageAvailability, Permissions.Enquiries,
        Permissions.FindStudents, Permissions.RegisterStudents, Permissions.MergeStudents, Permissions.RecordMonitoring, Permissions.ViewCases, Permissions.EditCases, Permissions.ManageCaseLists, Permissions.ViewAudit, Permissions.ManageDisputes, Permissions.ManageStaff, Permissions.ReviewRetention,
        Permissions.RecordConduct, Permissions.DecideWithdrawal, Permissions.ManageSubjectAccess, Permissions.ViewStatistics, Permissions.ExportStatistics, Permissions.ManageKiosks, Permissions.Complaints, Permissions.ManageReviews, Permissions.ManageVisits })]
    [InlineData(Roles.Admin, new[] { Permissions.ManageStaff })]
    [InlineData(Roles.Assessor, new[] { Permissions.Assess })]
    public async Task EachRole_GetsExactlyTheDocumentedPermissions(string role, string[] expected)
    {
        await using var app = new AppFactory();
        var user = await app.StaffAsync($"Someone {role}", role);
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();

        var granted = new List<string>();
        foreach (var permission in Permissions.Matrix.Keys)
        {
            if ((await authorization.AuthorizeAsync(user, permission)).Succeeded)
            {
                granted.Add(permission);
            }
        }

        Assert.Equal(expected.Order(), granted.Order());
    }

    /// <summary>Blazor's own transport and static files: not pages, and they carry no data of ours.</summary>
    internal static bool IsFrameworkPlumbing(string route) =>
        route.StartsWith("_blazor", StringComparison.Ordinal) || route.StartsWith("/_blazor", StringComparison.Ordinal)
        || route.StartsWith("_framework", StringComparison.Ordinal) || route.StartsWith("/_framework", StringComparison.Ordinal)
        || route.StartsWith("_content", StringComparison.Ordinal) || route.StartsWith("/_content", StringComparison.Ordinal)
        || (route.Contains('.', StringComparison.Ordinal) && !FileEndpoints.Contains("/" + route.TrimStart('/')))
        || route.Contains(":file}", StringComparison.Ordinal);
}
