using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

public sealed class CreateAdminTests
{
    [Fact]
    public async Task OutsideDevelopment_NoAccountExists_UntilCreateAdminMakesOne()
    {
        await using var app = new AppFactory();
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var before = users.Users.Count();
        var output = new StringWriter();

        var tooShort = await scope.ServiceProvider.GetRequiredService<CreateAdminCommand>()
            .RunAsync(["create-admin", "--email", "head@example.ac.uk", "--name", "Head of Service"], new StringReader("short\n"), output);
        var created = await scope.ServiceProvider.GetRequiredService<CreateAdminCommand>()
            .RunAsync(["create-admin", "--email", "head@example.ac.uk", "--name", "Head of Service"], new StringReader("a-long-enough-password\n"), output);

        Assert.Equal(0, before);
        Assert.Equal(1, tooShort);
        Assert.Equal(0, created);
        var admin = await users.FindByEmailAsync("head@example.ac.uk");
        Assert.True(await users.IsInRoleAsync(admin!, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin!, "a-long-enough-password"));
        Assert.Contains("Not created", output.ToString());
    }
}
