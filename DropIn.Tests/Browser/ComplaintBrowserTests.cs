using DropIn.Domain.Complaints;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A complaint made from a phone through /contact reaches the register, and a manager answers stage 1 from a tablet with a letter that goes to the complainant.</summary>
public sealed class ComplaintBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);

    public async ValueTask InitializeAsync() => await _app.StaffAsync("Morgan Manager", Roles.Manager);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AComplaintFromTheContactForm_IsAcknowledgedAndAnsweredAtStage1_ByLetterToTheComplainant()
    {
        var phone = await (await browser.Browser.NewContextAsync(new() { BaseURL = _app.ServerAddress.ToString(), ViewportSize = Pages.Phone })).NewPageAsync();
        await phone.GotoAsync("/contact?about=complaint");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Make a complaint" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByLabel("Make a complaint about the service")).ToBeCheckedAsync();
        await phone.GetByLabel("Your name").FillAsync("Perpetua Quince");
        await phone.GetByLabel("Email we can reply to").FillAsync("pq7@cam.ac.uk");
        await phone.GetByLabel("What is it about?").FillAsync("I was promised a call back about my appeal and nobody rang.");
        await Pages.AssertAccessibleAsync(phone);
        await Pages.AssertNoHorizontalScrollAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Thank you, we have your complaint" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("Your reference is CP001")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(phone);

        var tablet = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(tablet, "/complaints");
        await Assertions.Expect(tablet.GetByTestId("complaints")).ToContainTextAsync("Perpetua Quince");
        await Pages.AssertAccessibleAsync(tablet);
        await tablet.GetByRole(AriaRole.Link, new() { Name = "CP001" }).ClickAsync();
        await Assertions.Expect(tablet.GetByTestId("complaint-summary")).ToContainTextAsync("nobody rang");
        await Assertions.Expect(tablet.GetByTestId("complaint-state")).ToContainTextAsync("To acknowledge");

        await tablet.GetByLabel("Choose the handler").ClickAsync();
        await tablet.GetByRole(AriaRole.Option, new() { Name = "Morgan Manager" }).ClickAsync();
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Send the acknowledgement" }).ClickAsync();
        await Assertions.Expect(tablet.GetByTestId("letter")).ToContainTextAsync("Your complaint's reference is CP001");
        await Assertions.Expect(tablet.GetByTestId("complaint-state")).ToContainTextAsync("In hand");

        await tablet.GetByRole(AriaRole.Radio, new() { Name = "Partly upheld" }).CheckAsync();
        var letter = tablet.GetByLabel("Response letter");
        await Assertions.Expect(letter).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Our decision: partly upheld"));
        await Pages.AssertAccessibleAsync(tablet);
        await Pages.AssertNoHorizontalScrollAsync(tablet);
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Send the response" }).ClickAsync();
        await Assertions.Expect(tablet.GetByText("Replace the parts of the draft in [square brackets]")).ToBeVisibleAsync();
        await letter.FillAsync("Dear Perpetua,\n\nWe listened to your voicemail: the call back was booked for the wrong week. We are sorry.\n\nOur decision: partly upheld.\n\nYours sincerely,\nMorgan");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Send the response" }).ClickAsync();

        await Assertions.Expect(tablet.GetByTestId("complaint-state")).ToContainTextAsync("Answered");
        await Assertions.Expect(tablet.GetByTestId("response")).ToContainTextAsync("booked for the wrong week");
        await Pages.AssertAccessibleAsync(tablet);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var mail = await db.Outbox.AsNoTracking().Where(m => m.To == "pq7@cam.ac.uk").ToListAsync();
        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.Equal(ComplaintLetters.EmailSubject, m.Subject));
        Assert.Contains(mail, m => m.TextBody.Contains("booked for the wrong week", StringComparison.Ordinal));
    }
}
