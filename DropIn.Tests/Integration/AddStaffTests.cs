using System.Net;
using System.Security.Claims;
using DropIn.Domain;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using DropIn.Web.Messaging;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Tests.Integration;

/// <summary>
/// A manager adds a member of staff outside Development, where create-admin is the only other way in: the new person
/// gets a link by email, chooses their own password and signs in with the roles they were given; nobody else ever
/// knows the password, a manager cannot make an administrator, and the same address added twice at once is one account.
/// </summary>
public sealed class AddStaffTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private ClaimsPrincipal _manager = default!;

    public async ValueTask InitializeAsync() => _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<string> AddAsync(ClaimsPrincipal by, string name, string email, params string[] roles) =>
        _app.UseAsync<StaffAccountService, string>(s => s.AddStaffAsync(by, name, email, roles));

    [Fact]
    public async Task AManagerAddsACaseworker_TheyChooseTheirPasswordFromTheEmail_AndSignInAsACaseworker()
    {
        await AddAsync(_manager, "  Nia Newcomer ", "nia.newcomer@example.ac.uk", Roles.Caseworker);

        var listed = Assert.Single(await _app.UseAsync<StaffAccountService, IReadOnlyList<StaffAccount>>(s => s.ListAsync(_manager)), a => a.Email == "nia.newcomer@example.ac.uk");
        Assert.Equal("Nia Newcomer", listed.DisplayName);
        Assert.Equal([Roles.Caseworker], listed.Roles);
        var mail = await _app.UseAsync<DropInDbContext, OutboxMessage>(db => db.Outbox.SingleAsync(m => m.To == "nia.newcomer@example.ac.uk"));
        Assert.Equal("Your DropIn account", mail.Subject);
        Assert.Contains("Morgan Manager has made you a DropIn account", mail.TextBody, StringComparison.Ordinal);

        var someone = StaffBrowserClient.Anonymous(_app);
        var chosen = await StaffBrowserClient.ChoosePasswordFromEmailAsync(someone, mail.TextBody, "nia's own long passphrase");
        Assert.Contains("Your password has been changed", await chosen.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await StaffBrowserClient.SignedInAsync(someone, someone, "nia.newcomer@example.ac.uk", "nia's own long passphrase");
        Assert.Equal(HttpStatusCode.OK, (await someone.GetAsync("/queue/call")).StatusCode); // a caseworker's screen
        var staffPage = await someone.GetAsync("/staff"); // a manager's screen: refused
        Assert.Contains("/account/access-denied", staffPage.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAPassword_TheNewAccountCannotBeSignedIntoBeforeTheLinkIsUsed()
    {
        await AddAsync(_manager, "Nia Newcomer", "nia.newcomer@example.ac.uk", Roles.Reception);

        var someone = StaffBrowserClient.Anonymous(_app);
        var page = await StaffBrowserClient.PostFormAsync(someone, "/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = "nia.newcomer@example.ac.uk", ["Input.Password"] = "guess-a-password" });
        Assert.NotEqual(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await someone.GetAsync("/queue")).StatusCode); // sent to sign in
    }

    [Theory]
    [InlineData("", "nia@example.ac.uk", "Enter their name")]
    [InlineData("Nia", "not an address", "Enter their work email address")]
    [InlineData("Nia", "nia@localhost", "Enter their work email address")]
    public async Task AMissingOrMalformedDetail_IsRefusedInWords_AndNothingIsSent(string name, string email, string message)
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => AddAsync(_manager, name, email, Roles.Caseworker));

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _app.UseAsync<DropInDbContext, int>(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task NoRole_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => AddAsync(_manager, "Nia", "nia@example.ac.uk"));
        Assert.Equal("Choose at least one role.", refused.Message);
    }

    [Fact]
    public async Task AManagerCannotMakeAnAdministrator_AnAdministratorCan()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => AddAsync(_manager, "Nia", "nia@example.ac.uk", Roles.Manager, Roles.Admin));
        Assert.Equal("Only an administrator can give or take away the Admin role.", refused.Message);

        var admin = await _app.StaffAsync("Ada Admin", Roles.Admin, Roles.Manager);
        await AddAsync(admin, "Nia", "nia@example.ac.uk", Roles.Manager, Roles.Admin);
        var listed = Assert.Single(await _app.UseAsync<StaffAccountService, IReadOnlyList<StaffAccount>>(s => s.ListAsync(admin)), a => a.Email == "nia@example.ac.uk");
        Assert.Equal([Roles.Admin, Roles.Manager], listed.Roles);
    }

    [Fact]
    public async Task ReceptionCannotAddStaff()
    {
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);

        await Assert.ThrowsAsync<ForbiddenException>(() => AddAsync(reception, "Nia", "nia@example.ac.uk", Roles.Manager));
    }

    [Fact]
    public async Task AnAddressThatHasAnAccount_IsToldSo()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => AddAsync(_manager, "Morgan again", AppFactory.EmailOf("Morgan Manager"), Roles.Caseworker));

        Assert.Equal($"There is already an account for {AppFactory.EmailOf("Morgan Manager")}.", refused.Message);
    }

    [Fact]
    public async Task TwoManagersAddingTheSameAddressAtOnce_OneAccount_AndTheOtherIsToldItExists()
    {
        var jo = await _app.StaffAsync("Jo Manager", Roles.Manager);
        for (var round = 0; round < 5; round++)
        {
            var email = $"new{round}@example.ac.uk";
            var outcomes = await AtOnce.RunAsync(
                () => AddAsync(_manager, "New Person", email, Roles.Caseworker),
                () => AddAsync(jo, "New Person", email, Roles.Reception));

            Assert.Single(outcomes, o => o is null);
            var refused = Assert.IsType<RuleException>(Assert.Single(outcomes, o => o is not null));
            Assert.Equal($"There is already an account for {email}.", refused.Message);
            var accounts = await _app.UseAsync<StaffAccountService, IReadOnlyList<StaffAccount>>(s => s.ListAsync(_manager));
            Assert.Single(Assert.Single(accounts, a => a.Email == email).Roles);
            Assert.Equal(1, await _app.UseAsync<DropInDbContext, int>(db => db.Outbox.CountAsync(m => m.To == email)));
        }
    }

    [Fact]
    public async Task AReceptionistBecomesACaseworker_TheirSessionsEnd_AndTheirNextSignInHasTheNewRole()
    {
        var rita = await _app.StaffAsync("Rita Reception", Roles.Reception);
        var tablet = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/queue")).StatusCode);
        var id = rita.FindFirstValue(ClaimTypes.NameIdentifier)!;

        await _app.UseAsync<StaffAccountService>(s => s.SetRolesAsync(_manager, id, [Roles.Caseworker]));

        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync("/queue")).StatusCode); // signed out
        Assert.Equal([Roles.Caseworker], Assert.Single(await _app.UseAsync<StaffAccountService, IReadOnlyList<StaffAccount>>(s => s.ListAsync(_manager)), a => a.Id == id).Roles);
        var again = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/queue/call")).StatusCode);
    }

    [Fact]
    public async Task AManagerCannotTakeAwayTheirOwnManagerRole_NorAnAdministratorsAdminRole()
    {
        var own = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<StaffAccountService>(s => s.SetRolesAsync(_manager, _manager.FindFirstValue(ClaimTypes.NameIdentifier)!, [Roles.Caseworker])));
        Assert.Equal("Another manager must take away your own Manager or Admin role.", own.Message);

        var admin = await _app.StaffAsync("Ada Admin", Roles.Admin, Roles.Manager);
        var adminRole = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<StaffAccountService>(s => s.SetRolesAsync(_manager, admin.FindFirstValue(ClaimTypes.NameIdentifier)!, [Roles.Manager])));
        Assert.Equal("Only an administrator can give or take away the Admin role.", adminRole.Message);
    }
}
