using DropIn.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace DropIn.Web.Features.Account;

public static class AccountEndpoints
{
    public static WebApplication MapDropInAccount(this WebApplication app)
    {
        // A POST with the antiforgery token, so a link elsewhere cannot sign a member of staff out.
        app.MapPost("/account/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).RequireAuthorization();
        return app;
    }
}
