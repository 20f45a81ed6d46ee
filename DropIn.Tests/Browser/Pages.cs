using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>Small page helpers shared by browser tests: sign-in, waiting for interactivity, accessibility checks.</summary>
public static class Pages
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Tablet = new() { Width = 768, Height = 1024 };
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    public static async Task<IPage> SignedInPageAsync(IBrowser browser, Uri server, string email, string password, ViewportSize viewport)
    {
        var page = await PasswordAsync(browser, server, email, password, viewport);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Signs in with the password and then the authenticator app's code, as an assessor always does.</summary>
    public static async Task<IPage> SignedInWithCodeAsync(IBrowser browser, Uri server, string email, string password, byte[] key, ViewportSize viewport)
    {
        var page = await PasswordAsync(browser, server, email, password, viewport);
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor", StringComparison.Ordinal));
        await page.GetByLabel("Code").FillAsync(Infrastructure.AuthenticatorApp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        return page;
    }

    // A new browser context (no cookies) with the password entered on the sign-in page.
    private static async Task<IPage> PasswordAsync(IBrowser browser, Uri server, string email, string password, ViewportSize viewport)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.ToString(), ViewportSize = viewport });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    /// <summary>A prerendered page looks ready before its circuit is; the page marks itself once interactive.</summary>
    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-testid=ready][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Types into a MudAutocomplete and chooses an option, as a person does. On a loaded machine two things were seen:
    /// the list not opening within 30 s (Arrow Down opens it), and the typed text wiped while a freshly opened dialog
    /// settled (the field empty and unfocused); a person would click back in and type again, and so does this.
    /// </summary>
    public static async Task ChooseFromAutocompleteAsync(IPage page, ILocator input, string typed, string option)
    {
        var choice = page.Locator(".mud-popover-open").GetByText(option);
        for (var attempt = 1; ; attempt++)
        {
            if (await input.InputValueAsync() != typed)
            {
                await input.ClickAsync();
                await input.FillAsync("");
                await input.PressSequentiallyAsync(typed);
            }
            else
            {
                await input.PressAsync("ArrowDown");
            }

            try
            {
                await choice.WaitForAsync(new() { Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }

        await choice.ClickAsync();
    }

    /// <summary>Fails on any serious or critical axe-core violation, naming each rule and where.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: " + string.Join("; ", serious.Select(Describe)));
    }

    /// <summary>The page fits the viewport: nothing forces sideways scrolling on a phone or tablet.</summary>
    public static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"{page.Url} scrolls sideways by {overflow}px");
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}";
}
