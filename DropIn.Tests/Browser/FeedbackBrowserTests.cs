using DropIn.Domain.Cases;
using DropIn.Domain.Feedback;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A student opens the feedback link from their email on a phone, answers, sees thanks; the link then works no more.</summary>
public sealed class FeedbackBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);
    private string _token = "";

    public async ValueTask InitializeAsync()
    {
        var sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        await _app.StaffAsync("Morgan Ellis", Roles.Manager);
        var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(sam, new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk"), feedbackPermission: true));
        // The invitation as the job writes it (the job itself waits for 10:00 on a working day; its tests run on a fake clock).
        (_token, var hash) = ManageToken.Create();
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        db.FeedbackInvitations.Add(FeedbackInvitation.Create(InvitationKind.Feedback, student.Id, null, hash, DropIn.Domain.Enquiries.EnquiryChannel.InPerson,
            StudentStatus.Current, LevelOfStudyBand.Undergraduate, TimeProvider.System.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task StudentAnswersOnAPhone_SeesThanks_LinkThenRefused_ManagerSeesRoundedResults()
    {
        var server = _app.ServerAddress;
        var phone = await (await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Phone })).NewPageAsync();

        await phone.GotoAsync($"/feedback/{_token}");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "How did we do?" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(phone);
        await Pages.AssertNoHorizontalScrollAsync(phone);
        Assert.DoesNotContain("Ada", await phone.ContentAsync(), StringComparison.Ordinal);

        // Sending with nothing chosen asks for the answers rather than storing half a response.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Choose how satisfied you are.")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(phone);

        await phone.GetByRole(AriaRole.Group, new() { Name = "Overall, how satisfied are you" }).GetByLabel("5 – Very satisfied").CheckAsync();
        await phone.GetByRole(AriaRole.Group, new() { Name = "Would you recommend" }).GetByLabel("Yes").CheckAsync();
        await phone.GetByRole(AriaRole.Group, new() { Name = "Did the advice help" }).GetByLabel("Partly").CheckAsync();
        await phone.GetByLabel("Anything else you would like to tell us? (optional)").FillAsync("Clear and kind.");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();

        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(phone);
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync())
        {
            var response = await db.FeedbackResponses.SingleAsync();
            Assert.Equal((5, Recommend.Yes, Understanding.Partly, "Clear and kind."), (response.Satisfaction, response.WouldRecommend, response.UnderstoodOptions, response.Comments));
        }

        await phone.GotoAsync($"/feedback/{_token}");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "This link cannot be used" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(phone);

        await phone.GotoAsync($"/feedback/opt-out/{_token}");
        await Pages.AssertAccessibleAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Stop these emails" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "You will not get these emails again" })).ToBeVisibleAsync();

        var manager = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Morgan Ellis"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(manager, "/statistics/feedback");
        await Assertions.Expect(manager.GetByTestId("feedback-totals")).ToContainTextAsync("Feedback forms sent in: 0"); // 1, rounded
        await Assertions.Expect(manager.GetByTestId("disclosure-statement")).ToContainTextAsync("HESA standard rounding methodology");
        await Pages.AssertAccessibleAsync(manager);
    }
}
