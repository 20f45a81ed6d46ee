using System.Net;
using System.Reflection;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>
/// Every page and every GET endpoint, requested over HTTP by each role (and by nobody): the server lets in exactly
/// the roles the permission matrix grants, and sends everyone else to sign-in or "access denied". The matrix test
/// checks that each route names a policy; this one checks the server enforces it.
/// </summary>
public sealed class RouteByRoleTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Reception)]
    [InlineData(Roles.Caseworker)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Assessor)]
    public async Task EveryRoute_AdmitsExactlyTheRolesTheMatrixGrants(string? role)
    {
        await using var app = new AppFactory();
        var client = StaffBrowserClient.Anonymous(app);
        if (role is not null)
        {
            await app.StaffAsync($"Someone {role}", role);
            client = role == Roles.Assessor
                ? await StaffBrowserClient.SignedInWithCodeAsync(app, AppFactory.EmailOf($"Someone {role}"), AppFactory.StaffPassword, await app.EnrolAuthenticatorAsync(AppFactory.EmailOf($"Someone {role}")), DateTimeOffset.UtcNow)
                : await StaffBrowserClient.SignedInAsync(app, AppFactory.EmailOf($"Someone {role}"), AppFactory.StaffPassword);
        }

        var routes = Pages().Concat(Endpoints(app)).Where(r => !PermissionMatrixTests.IsPublic(r.Template)).ToList();
        Assert.True(routes.Count >= 15, "the route list looks incomplete");
        var wrong = new List<string>();
        foreach (var (template, policy) in routes)
        {
            var path = Concrete(template);
            var response = await client.GetAsync(path);
            var location = response.Headers.Location?.OriginalString ?? "";
            var admitted = role is not null && (policy is null || Permissions.Matrix[policy].Contains(role));
            var turnedAway = response.StatusCode == HttpStatusCode.Redirect
                && location.Contains(role is null ? "/account/login" : "/account/access-denied", StringComparison.Ordinal);
            var letIn = response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound;
            if (admitted ? !letIn : !turnedAway)
            {
                wrong.Add($"{path} ({policy ?? "any staff"}): {(int)response.StatusCode} {location}");
            }
        }

        Assert.True(wrong.Count == 0, $"{role ?? "anonymous"}: " + string.Join("; ", wrong));
    }

    /// <summary>Who may download or export what: written out here, not read from the endpoints, so a wrong policy fails.</summary>
    private static readonly Dictionary<string, string?> ExpectedEndpointPolicy = new()
    {
        ["/cases/{caseId:guid}/documents/{documentId:guid}"] = Permissions.ViewCases,
        ["/subject-access/{id:guid}/export.json"] = Permissions.ManageSubjectAccess,
        ["/subject-access/{id:guid}/export.html"] = Permissions.ManageSubjectAccess,
        ["/statistics/export.csv"] = Permissions.ExportStatistics,
        ["/statistics/export.xlsx"] = Permissions.ExportStatistics,
    };

    /// <summary>Pages with the policy the matrix test expects of them (not the one they declare).</summary>
    private static IEnumerable<(string Template, string? Policy)> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Where(r => !PermissionMatrixTests.IsPublic(r.Template))
            .Select(r => (r.Template, PermissionMatrixTests.ExpectedPagePolicy.TryGetValue(r.Template, out var policy)
                ? policy
                : throw new InvalidOperationException($"{r.Template} is not in PermissionMatrixTests.ExpectedPagePolicy")));

    /// <summary>Minimal GET endpoints (downloads, exports), with the policy expected of each.</summary>
    private static IEnumerable<(string Template, string? Policy)> Endpoints(AppFactory app)
    {
        _ = app.Server;
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null)
            // Static files are plumbing, but an export such as /x/export.json has a dot too: what needs authorisation counts.
            .Where(e => e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
                || !PermissionMatrixTests.IsFrameworkPlumbing("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(route => !PermissionMatrixTests.IsPublic(route))
            .Select(route => (route, ExpectedEndpointPolicy.TryGetValue(route, out var policy)
                ? policy
                : throw new InvalidOperationException($"{route} is not in RouteByRoleTests.ExpectedEndpointPolicy")))
            .ToList();
    }

    /// <summary>A real address for a route: any record id will do, since refusal must come before the record is looked up.</summary>
    private static string Concrete(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", Guid.NewGuid().ToString());
}
