using DropIn.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace DropIn.Web.Security;

/// <summary>
/// <c>dotnet DropIn.Web.dll create-admin --email someone@example.ac.uk --name "Full Name"</c>, password read from
/// standard input (or DROPIN_ADMIN_PASSWORD). Outside Development this is the only way the first account appears.
/// </summary>
public sealed class CreateAdminCommand(UserManager<StaffUser> users)
{
    public const string Verb = "create-admin";

    public async Task<int> RunAsync(string[] args, TextReader input, TextWriter output)
    {
        var email = ArgumentAfter(args, "--email");
        var name = ArgumentAfter(args, "--name") ?? email;
        if (string.IsNullOrWhiteSpace(email))
        {
            await output.WriteLineAsync("Usage: create-admin --email <address> [--name \"Full Name\"]  (password from stdin or DROPIN_ADMIN_PASSWORD)");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable("DROPIN_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("Password (at least 8 characters; 15 or more recommended, a few words work well):");
            password = (await input.ReadLineAsync())?.Trim();
        }

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name! };
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded)
        {
            await output.WriteLineAsync("Not created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            return 1;
        }

        await users.AddToRoleAsync(user, Roles.Admin);
        await users.AddToRoleAsync(user, Roles.Manager);
        await output.WriteLineAsync($"Created administrator {email}.");
        return 0;
    }

    private static string? ArgumentAfter(string[] args, string flag)
    {
        var i = Array.IndexOf(args, flag);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
