using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;

namespace DropIn.Tests.Integration;

/// <summary>
/// The main menu, as each role's browser receives it: a link to every staff screen the role may open, and none to a
/// screen it may not (the permission matrix decides, as it does for the page itself).
/// </summary>
public sealed partial class NavMenuTests(NavMenuTests.Fixture fixture) : IClassFixture<NavMenuTests.Fixture>
{
    /// <summary>One app with a member of staff in each role: the menu depends on the role, not on the app.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();

        public async ValueTask InitializeAsync()
        {
            foreach (var role in Roles.All)
            {
                await App.StaffAsync($"Menu {role}", role);
            }

            AssessorKey = await App.EnrolAuthenticatorAsync(AppFactory.EmailOf($"Menu {Roles.Assessor}"));
        }

        /// <summary>An assessor always signs in with two steps.</summary>
        public byte[] AssessorKey { get; private set; } = [];

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>The staff screens the menu links to; the manager may open each but the assessor's own.</summary>
    private static readonly string[] StaffScreens =
    [
        "/queue", "/queue/call", "/diary", "/enquiries", "/students", "/cases", "/availability", "/kiosks", "/cases/settings",
        "/disputes", "/complaints", "/reviews", "/conduct", "/subject-access", "/staff", "/retention", "/statistics", "/statistics/feedback", "/audit",
        "/visits", "/assess",
    ];

    [Theory]
    [InlineData(Roles.Reception)]
    [InlineData(Roles.Caseworker)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Assessor)]
    public async Task EachRoleSeesALinkToEveryScreenItMayOpenAndNoOther(string role)
    {
        using var client = role == Roles.Assessor
            ? await StaffBrowserClient.SignedInWithCodeAsync(fixture.App, AppFactory.EmailOf($"Menu {role}"), AppFactory.StaffPassword, fixture.AssessorKey, DateTimeOffset.UtcNow)
            : await StaffBrowserClient.SignedInAsync(fixture.App, AppFactory.EmailOf($"Menu {role}"), AppFactory.StaffPassword);

        var links = MenuLinks(await client.GetStringAsync("/"));

        var expected = StaffScreens.Where(screen => MayOpen(role, screen)).Concat(role == Roles.Assessor ? ["/"] : ["/", "/board", "/board/poster", "/book"]).Order();
        Assert.Equal(expected, links.Order());
    }

    private static bool MayOpen(string role, string screen) =>
        PermissionMatrixTests.ExpectedPagePolicy.TryGetValue(screen, out var policy) && (policy is null || Permissions.Matrix[policy].Contains(role));

    private static List<string> MenuLinks(string html)
    {
        var nav = NavMenu().Match(html);
        Assert.True(nav.Success, "The page has a main menu.");
        return [.. Href().Matches(nav.Value).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("""<nav aria-label="Main">.*?</nav>""", RegexOptions.Singleline)]
    private static partial Regex NavMenu();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
