using System.Globalization;
using System.Text.RegularExpressions;
using DropIn.Domain.Calendar;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A student books from a phone; the staff diary, open in another browser, shows it without reload.</summary>
public sealed class BookingBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);
    private AppointmentHarness _h = default!;

    public async ValueTask InitializeAsync()
    {
        _h = new AppointmentHarness(_app);
        await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(9, 0), new TimeOnly(17, 0));
        await _app.StaffAsync("Rita Reception", Roles.Reception);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task StudentBooksOnAPhone_DiaryShowsItLive_ConfirmLinkConfirms()
    {
        var server = _app.ServerAddress;
        var phone = await (await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Phone })).NewPageAsync();

        await phone.GotoAsync("/book");
        await Pages.AssertAccessibleAsync(phone);
        await Pages.AssertNoHorizontalScrollAsync(phone);
        await phone.GetByLabel("By phone").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "See free times" }).ClickAsync();
        await phone.WaitForURLAsync(new Regex("/book/times"));
        for (var week = 0; week < 4 && await phone.Locator(".public-times a").CountAsync() == 0; week++)
        {
            await phone.GetByRole(AriaRole.Link, new() { Name = "Later →" }).ClickAsync();
        }

        await Pages.AssertAccessibleAsync(phone);
        await Pages.AssertNoHorizontalScrollAsync(phone);
        await phone.Locator(".public-times a").First.ClickAsync();
        await phone.WaitForURLAsync(new Regex("/book/details"));
        var start = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Regex.Match(phone.Url, "start=(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture));

        var desk = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(desk, $"/diary?date={LondonTime.Today(start):yyyy-MM-dd}");
        await Pages.AssertAccessibleAsync(desk);

        await Pages.AssertAccessibleAsync(phone);
        Assert.DoesNotContain("Housing", phone.Url, StringComparison.Ordinal);
        await phone.GetByLabel("What would you like to talk about?").SelectOptionAsync("Housing");
        await phone.GetByLabel("Your name").FillAsync("Marigold Featherstone");
        await phone.GetByLabel("Your university email").FillAsync("mf42@cam.ac.uk");
        await phone.GetByLabel("Phone number we should call").FillAsync("07700 900456");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Request this appointment" }).ClickAsync();

        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(phone);
        Assert.DoesNotContain("Marigold", await phone.ContentAsync());
        var card = desk.GetByTestId("appointment").Filter(new() { HasText = "Marigold Featherstone" });
        await Assertions.Expect(card).ToContainTextAsync("Awaiting confirmation");
        await Assertions.Expect(card).ToContainTextAsync("Housing");
        await Pages.AssertAccessibleAsync(desk);

        var token = await _h.TokenFromEmailAsync("mf42@cam.ac.uk");
        await phone.GotoAsync($"/book/confirm/{token}");
        await Pages.AssertAccessibleAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Confirm this appointment" }).ClickAsync();

        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Your appointment is confirmed" })).ToBeVisibleAsync();
        Assert.DoesNotContain("Housing", await phone.ContentAsync());
        await Assertions.Expect(card).ToContainTextAsync("Confirmed");
    }
}
