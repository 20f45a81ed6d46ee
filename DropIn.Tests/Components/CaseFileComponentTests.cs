using System.Security.Claims;
using Bunit;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DropIn.Tests.Components;

/// <summary>
/// The documents panel and the monitoring page rendered by bUnit over the real app's services (and its SQLite file), so
/// what is checked is what a caseworker would see, not a stub's idea of it.
/// </summary>
public sealed class CaseFileComponentTests : MudTestContext, IClassFixture<CaseFileComponentTests.AppFixture>
{
    private readonly AppFixture _fixture;

    public CaseFileComponentTests(AppFixture fixture)
    {
        _fixture = fixture;
        Services.AddFallbackServiceProvider(fixture.App.Services);
    }

    public sealed class AppFixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        public ClaimsPrincipal Sam { get; private set; } = default!;

        public async ValueTask InitializeAsync() => Sam = await App.StaffAsync("Sam Okafor", Roles.Caseworker);

        public async ValueTask DisposeAsync() => await App.DisposeAsync();

        public Task<DropInDbContext> DbAsync() => App.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

        public async Task<Case> OpenCaseAsync()
        {
            var samId = Sam.FindFirstValue(ClaimTypes.NameIdentifier)!;
            await using var db = await DbAsync();
            var student = Student.Register(new StudentProfile("Ada Lovelace"), samId, DateTimeOffset.UtcNow);
            var number = (await db.Cases.Select(c => (int?)c.Number).MaxAsync() ?? 0) + 1;
            var opened = Case.Open(student.Id, (await db.CaseCategories.FirstAsync()).Id, number, "", samId, DateTimeOffset.UtcNow);
            db.Students.Add(student);
            db.Cases.Add(opened);
            await db.SaveChangesAsync();
            return opened;
        }
    }

    private Task<AuthenticationState> SignedIn => Task.FromResult(new AuthenticationState(_fixture.Sam));

    private async Task<(IRenderedComponent<CaseDocumentsPanel> Panel, IRenderedComponent<MudSnackbarProvider> Snackbars, Case Case)> PanelAsync(Action? changed = null)
    {
        var opened = await _fixture.OpenCaseAsync();
        var snackbars = Render<MudSnackbarProvider>();
        var panel = Render<CaseDocumentsPanel>(p => p
            .Add(c => c.CaseId, opened.Id)
            .Add(c => c.CanEdit, true)
            .Add(c => c.Changed, () => changed?.Invoke())
            .AddCascadingValue(SignedIn));
        panel.WaitForState(() => panel.Markup.Contains("No documents yet.", StringComparison.Ordinal));
        return (panel, snackbars, opened);
    }

    [Fact]
    public async Task DocumentsPanel_Upload_ListsTheFileWithADownloadLink_AndTellsThePage()
    {
        var changed = 0;
        var (panel, snackbars, opened) = await PanelAsync(() => changed++);

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(SampleFiles.Pdf(), "appeal letter.pdf", contentType: "application/pdf"));
        panel.WaitForState(() => panel.FindAll("a[download]").Count == 1);

        var link = panel.Find("a[download]");
        Assert.Equal("appeal letter.pdf", link.TextContent);
        Assert.StartsWith($"/cases/{opened.Id}/documents/", link.GetAttribute("href"));
        Assert.Contains("PDF · ", panel.Markup);
        Assert.Contains("Sam Okafor", panel.Markup);
        Assert.Contains("Added appeal letter.pdf", snackbars.Markup);
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task DocumentsPanel_DisguisedFile_ShowsTheReasonAndListsNothing()
    {
        var (panel, snackbars, _) = await PanelAsync();

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(SampleFiles.WindowsExecutable(), "invoice.pdf"));
        snackbars.WaitForState(() => snackbars.Markup.Contains("not really a PDF", StringComparison.Ordinal));

        Assert.Contains("\"invoice.pdf\" is not really a PDF file", snackbars.Markup);
        Assert.Empty(panel.FindAll("a[download]"));
    }

    [Fact]
    public async Task DocumentsPanel_FileOverTheLimit_ShowsTheServicesOwnMessage()
    {
        var (panel, snackbars, _) = await PanelAsync();
        var tooBig = new byte[DocumentRules.MaxBytes + 1];
        SampleFiles.Pdf().CopyTo(tooBig, 0);

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(tooBig, "scan.pdf"));
        snackbars.WaitForState(() => snackbars.Markup.Contains("limit", StringComparison.Ordinal));

        Assert.Contains("the limit is 15 MB", snackbars.Markup);
    }

    [Fact]
    public async Task DocumentsPanel_CannotEdit_OffersNoUpload()
    {
        var opened = await _fixture.OpenCaseAsync();

        var panel = Render<CaseDocumentsPanel>(p => p.Add(c => c.CaseId, opened.Id).Add(c => c.CanEdit, false).AddCascadingValue(SignedIn));
        panel.WaitForState(() => panel.Markup.Contains("No documents yet.", StringComparison.Ordinal));

        Assert.Empty(panel.FindComponents<InputFile>());
    }

    [Fact]
    public async Task MonitoringPage_ExplainsTheUse_OffersPreferNotToSay_AndAfterSavingSaysSavedWithoutTheAnswers()
    {
        var opened = await _fixture.OpenCaseAsync();
        var page = Render<MonitoringPage>(p => p.Add(c => c.StudentId, opened.StudentId).AddCascadingValue(SignedIn));
        page.WaitForState(() => page.Markup.Contains("No answers have been given yet.", StringComparison.Ordinal));

        Assert.Contains("anonymous statistics", page.Find("[data-testid=monitoring-explanation]").TextContent);
        Assert.Contains("not shown on the case file", page.Find("[data-testid=monitoring-explanation]").TextContent);
        Assert.Equal(5, page.FindAll("fieldset.monitoring-question").Count);
        Assert.All(page.FindAll("fieldset.monitoring-question"), f => Assert.Contains(MonitoringRecord.PreferNotToSay, f.TextContent));
        Assert.Equal($"/students/{opened.StudentId}", page.Find("a[href^='/students/']").GetAttribute("href"));

        var ethnicity = page.FindComponents<MonitoringQuestion>().Single(q => q.Instance.Legend == "Ethnic group");
        await ethnicity.InvokeAsync(() => ethnicity.Instance.ValueChanged.InvokeAsync("Mixed or multiple ethnic groups"));
        page.Find("form").Submit();
        page.WaitForState(() => page.FindAll("[data-testid=monitoring-saved]").Count == 1);

        Assert.Contains("Saved", page.Find("[data-testid=monitoring-saved]").TextContent);
        Assert.All(page.FindComponents<MonitoringQuestion>(), q => Assert.Equal("", q.Instance.Value));
        Assert.Contains("Answers were last given on", page.Find("[data-testid=monitoring-status]").TextContent);
        await using var db = await _fixture.DbAsync();
        Assert.Equal("Mixed or multiple ethnic groups", (await db.MonitoringRecords.SingleAsync(r => r.StudentId == opened.StudentId)).Ethnicity);
    }
}
