using Bunit;
using DropIn.Tests.Integration;
using DropIn.Web.Components.Pages;
using DropIn.Web.Security;

namespace DropIn.Tests.Components;

/// <summary>The home page offers each role its own tasks: a caseworker is not sent to check students in.</summary>
public sealed class HomeComponentTests : MudTestContext
{
    [Theory]
    [InlineData(Roles.Reception, new[] { "/queue", "/diary", "/enquiries", "/students" })]
    [InlineData(Roles.Caseworker, new[] { "/queue/call", "/cases", "/diary", "/enquiries" })]
    [InlineData(Roles.Manager, new[] { "/enquiries", "/cases", "/availability", "/statistics", "/retention", "/subject-access" })]
    [InlineData(Roles.Admin, new[] { "/staff" })]
    [InlineData(Roles.Assessor, new[] { "/assess" })]
    public void Home_OffersEachRoleItsOwnTasks(string role, string[] expected)
    {
        AddAuthorization().SetAuthorized("Someone").SetRoles(role);

        var home = Render<Home>();

        var cards = home.FindAll("[data-testid=home-tasks] a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(expected, cards);
    }

    [Fact]
    public void EveryTask_IsAPageItsRoleMayOpen()
    {
        foreach (var role in Roles.All)
        {
            var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Role, role)], "test"));
            foreach (var task in HomeTasks.For(user))
            {
                var policy = PermissionMatrixTests.ExpectedPagePolicy[task.Href];
                Assert.True(policy is null || Permissions.Matrix[policy].Contains(role), $"{role} is offered {task.Href}, which {policy} does not grant");
            }
        }
    }

    [Fact]
    public void SeveralRoles_SeeEachTaskOnce()
    {
        AddAuthorization().SetAuthorized("Someone").SetRoles(Roles.Reception, Roles.Caseworker);

        var cards = Render<Home>().FindAll("[data-testid=home-tasks] a[href]").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(["/queue", "/diary", "/enquiries", "/students", "/queue/call", "/cases"], cards);
    }
}
