using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using DropIn.Web.Features.Enquiries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A student's web-form question and a phone message reach the live SLA board; acknowledging clears them everywhere.</summary>
public sealed class EnquiryBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);

    public async ValueTask InitializeAsync()
    {
        await _app.StaffAsync("Rita Reception", Roles.Reception);
        await _app.StaffAsync("Sam Caseworker", Roles.Caseworker);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WebFormAndPhoneMessage_AppearLiveOnTheBoard_AcknowledgeClearsThem()
    {
        var server = _app.ServerAddress;
        var tablet = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Sam Caseworker"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(tablet, "/enquiries");
        await Pages.AssertAccessibleAsync(tablet);
        var table = tablet.GetByTestId("sla-table");

        var phone = await (await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Phone })).NewPageAsync();
        await phone.GotoAsync("/contact");
        await Pages.AssertAccessibleAsync(phone);
        await Pages.AssertNoHorizontalScrollAsync(phone);
        await phone.GetByLabel("Your name").FillAsync("Perpetua Quince");
        await phone.GetByLabel("Email we can reply to").FillAsync("pq7@cam.ac.uk");
        await phone.GetByLabel("What is it about?").FillAsync("My landlord is keeping my deposit");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Thank you, we have your message" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("We aim to reply by the end of")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(phone);

        await Assertions.Expect(table).ToContainTextAsync("Perpetua Quince");
        await Assertions.Expect(table).ToContainTextAsync("Web form");

        var desk = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(desk, "/enquiries");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Record an enquiry" }).ClickAsync();
        await desk.GetByLabel("From (student's name)").FillAsync("Barnaby Wick");
        await desk.GetByLabel("Short summary").FillAsync("Voicemail: exam allowance question");
        await Pages.AssertAccessibleAsync(desk);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();

        await Assertions.Expect(table).ToContainTextAsync("Barnaby Wick");
        await Assertions.Expect(tablet.GetByTestId("sla-counts")).ToContainTextAsync("On track: 2");

        await tablet.GetByRole(AriaRole.Button, new() { Name = "Actions for the enquiry from Barnaby Wick" }).ClickAsync();
        await tablet.GetByText("Acknowledged by phone").ClickAsync();

        await Assertions.Expect(desk.GetByTestId("sla-table")).Not.ToContainTextAsync("Barnaby Wick");
        await Assertions.Expect(table).Not.ToContainTextAsync("Barnaby Wick");
        await Assertions.Expect(tablet.GetByTestId("sla-counts")).ToContainTextAsync("On track: 1");
        await Pages.AssertAccessibleAsync(desk);
    }

    [Fact]
    public async Task BreachEscalation_ReachesTheManagersBellWithoutReload()
    {
        var manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(page, "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "0 unread notifications" })).ToBeVisibleAsync();

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EnquiryService>().RecordAsync(reception, DropIn.Domain.Enquiries.EnquiryChannel.Email,
                DateTimeOffset.UtcNow.AddDays(-8), "Ottilie Marsh", null, "Email about a complaint", null);
        }

        await _app.Services.GetRequiredService<EnquiryReminders>().RunAsync(CancellationToken.None);

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "1 unread notification" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "1 unread notification" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notifications")).ToContainTextAsync("Breached: the enquiry from Ottilie Marsh");
        await Pages.AssertAccessibleAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "0 unread notifications" })).ToBeVisibleAsync();
        Assert.NotNull(manager);
    }
}
