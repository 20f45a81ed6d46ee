using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>Closing a case against the real database: the closing letter goes through the outbox, discreetly, and stays on the timeline.</summary>
public sealed class CaseClosingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 12, 3, 10, 0); // Thursday
    private readonly AppFactory _app;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _reception = default!;
    private int _category;

    public CaseClosingTests() => _app = new AppFactory(clock: _clock);

    public async ValueTask InitializeAsync()
    {
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0].Id;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<Case> OpenForAsync(StudentProfile profile)
    {
        var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, profile));
        return await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, student.Id, _category, "Appeal against the Part IB result"));
    }

    private Task<CaseFile> FileAsync(Case opened) => _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, opened.Id));

    [Fact]
    public async Task TheClosingLetter_IsEmailedUnderASubjectThatSaysNothing_AndKeptOnTheTimelineAsAnEmailContact()
    {
        var opened = await OpenForAsync(new StudentProfile("Aisha Rahman", PreferredName: "Ash", Email: "ar123@cam.ac.uk"));
        var draft = await _app.UseAsync<CaseClosingService, string?>(c => c.LetterDraftAsync(_sam, opened.Id));
        Assert.NotNull(draft);
        Assert.Contains("Dear Ash,", draft, StringComparison.Ordinal);
        Assert.Contains($"reference {opened.Reference}", draft, StringComparison.Ordinal);
        var letter = draft.Replace(ClosingLetter.Placeholder, "Your appeal was upheld and the Faculty has corrected your mark.", StringComparison.Ordinal);
        var before = (await new AppointmentHarness(_app).OutboxAsync()).Count;

        await _app.UseAsync<CaseClosingService>(c => c.CloseAsync(_sam, opened.Id, new CaseClosing(CaseOutcome.Resolved, "Appeal upheld", ClosingCheck.DocumentsReturned, letter).Counted()));

        var mail = Assert.Single((await new AppointmentHarness(_app).OutboxAsync()).Skip(before));
        Assert.Equal(("ar123@cam.ac.uk", "A letter for you"), (mail.To, mail.Subject));
        Assert.Contains("the Faculty has corrected your mark", mail.TextBody, StringComparison.Ordinal);
        var file = await FileAsync(opened);
        Assert.Equal((CaseStatus.Closed, ClosingCheck.All), (file.Case.Status, file.Case.ClosingChecks));
        var entry = Assert.Single(file.Timeline, t => t.Entry.Kind == EntryKind.Contact).Entry;
        Assert.Equal((ContactMethod.Email, letter.Trim()), (entry.Method, entry.Text));
    }

    [Fact]
    public async Task ALetterStillInDraft_OrToAStudentWithNoEmail_IsRefusedInWords_AndTheCaseStaysOpenWithNothingSent()
    {
        var noEmail = await OpenForAsync(new StudentProfile("Ben Carter", StudentNumber: "12345678"));
        var withEmail = await OpenForAsync(new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk"));
        var draft = await _app.UseAsync<CaseClosingService, string?>(c => c.LetterDraftAsync(_sam, withEmail.Id));
        var before = (await new AppointmentHarness(_app).OutboxAsync()).Count;

        Assert.Null(await _app.UseAsync<CaseClosingService, string?>(c => c.LetterDraftAsync(_sam, noEmail.Id)));
        var noAddress = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<CaseClosingService>(c =>
            c.CloseAsync(_sam, noEmail.Id, new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.DocumentsReturned, "Dear Ben, we have closed your case.").Counted())));
        var unfinished = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<CaseClosingService>(c =>
            c.CloseAsync(_sam, withEmail.Id, new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.DocumentsReturned, draft).Counted())));

        Assert.Equal("This student has no email address on their record: tell them the case is closing another way, and tick that they were told.", noAddress.Message);
        Assert.Contains("[square brackets]", unfinished.Message, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Open, (await FileAsync(noEmail)).Case.Status);
        Assert.Equal(CaseStatus.Open, (await FileAsync(withEmail)).Case.Status);
        Assert.Equal(before, (await new AppointmentHarness(_app).OutboxAsync()).Count);
    }

    [Fact]
    public async Task WhatTheCaseAchieved_ShowsOnTheClosedFile_WithTheMoneyGained_AndARetiredOutcomeIsRefused()
    {
        var opened = await OpenForAsync(new StudentProfile("Tom Reed", Email: "tr100@cam.ac.uk"));
        var manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var kinds = (await _app.UseAsync<CaseListsService, IReadOnlyList<OutcomeKind>>(l => l.ActiveOutcomeKindsAsync(_sam))).ToDictionary(k => k.Name, k => k.Id);
        await _app.UseAsync<CaseListsService, OutcomeKind>(l => l.SetOutcomeKindActiveAsync(manager, kinds["Hardship award"], false));
        var closing = new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.All) { Level = ServiceLevel.Casework };

        // The dialog was opened before the manager retired it.
        var retired = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<CaseClosingService>(c =>
            c.CloseAsync(_sam, opened.Id, closing with { Achieved = [new(kinds["Hardship award"], 400)] })));
        await _app.UseAsync<CaseClosingService>(c =>
            c.CloseAsync(_sam, opened.Id, closing with { Achieved = [new(kinds["Fees reduced"], null), new(kinds["Deposit recovered"], 1250)] }));

        Assert.Equal("One of the outcomes chosen has just been retired from the list; choose again.", retired.Message);
        var file = await FileAsync(opened);
        Assert.Equal(["Deposit recovered, £1,250", "Fees reduced"], file.Achieved);
        Assert.Equal(ServiceLevel.Casework, file.Case.Level);
    }
}
