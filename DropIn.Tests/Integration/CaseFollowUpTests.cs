using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// The inactivity prompt and follow-up dates against the real database, on a fake clock: who is prompted, when, what
/// the mail says (and does not), and what the case file shows.
/// </summary>
public sealed class CaseFollowUpTests
{
    private readonly record struct Setup(AppFactory App, ClaimsPrincipal Sam, ClaimsPrincipal Priya, Case Case);

    private static async Task<Setup> CaseOpenedAsync(FakeTimeProvider clock, int? inactivityWorkingDays = null)
    {
        var settings = new Dictionary<string, string?>();
        if (inactivityWorkingDays is { } days)
        {
            settings["DropIn:Cases:InactivityWorkingDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var app = new AppFactory(clock: clock, settings: settings);
        var reception = await app.StaffAsync("Rita Reception", Roles.Reception);
        var sam = await app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var priya = await app.StaffAsync("Priya Shah", Roles.Caseworker);
        var student = await app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
        var category = (await app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(sam)))[0];
        var opened = await app.UseAsync<CaseService, Case>(c => c.OpenAsync(sam, student.Id, category.Id, "Deposit not returned by the landlord"));
        return new Setup(app, sam, priya, opened);
    }

    private static Task<int> RunAsync(AppFactory app) => app.Services.GetRequiredService<CaseFollowUps>().RunAsync(CancellationToken.None);

    private static Task<CaseFile> FileAsync(Setup s) => s.App.UseAsync<CaseService, CaseFile>(c => c.GetAsync(s.Sam, s.Case.Id));

    private static Task AddAsync(Setup s, EntryDraft draft) => s.App.UseAsync<CaseWorkService, TimelineEntry>(w => w.AddEntryAsync(s.Sam, s.Case.Id, draft));

    [Fact]
    public async Task AQuietCase_IsPromptedOnTheTwentiethWorkingDayAfterTheLastAdvice_OverChristmas_Once_ThenAfterTheNextQuietSpell()
    {
        var clock = London.Clock(2026, 12, 11, 10, 0); // Friday
        var s = await CaseOpenedAsync(clock);
        await using var owned = s.App;
        await s.App.UseAsync<CaseService>(c => c.AddCaseworkerAsync(s.Sam, s.Case.Id, s.Priya.FindFirstValue(ClaimTypes.NameIdentifier)!));
        await AddAsync(s, new EntryDraft(EntryKind.Advice, "Explained the deposit protection rules."));
        Assert.Equal(new DateOnly(2027, 1, 13), (await FileAsync(s)).FollowUp!.DueOn);

        clock.SetUtcNow(London.At(2027, 1, 12, 16, 0));
        Assert.Equal(0, await RunAsync(s.App));
        clock.SetUtcNow(London.At(2027, 1, 13, 8, 45)); // the day, but before the service opens
        Assert.Equal(0, await RunAsync(s.App));
        var before = (await new AppointmentHarness(s.App).OutboxAsync()).Count;
        clock.SetUtcNow(London.At(2027, 1, 13, 9, 0));
        Assert.Equal(1, await RunAsync(s.App));
        Assert.Equal(0, await RunAsync(s.App));

        var mail = (await new AppointmentHarness(s.App).OutboxAsync()).Skip(before).ToList();
        Assert.Equal([AppFactory.EmailOf("Priya Shah"), AppFactory.EmailOf("Sam Okafor")], mail.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(mail, m =>
        {
            Assert.Equal($"Case {s.Case.Reference}: follow up or close", m.Subject);
            Assert.Contains("since Friday 11 December", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Aisha", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("deposit", m.TextBody, StringComparison.OrdinalIgnoreCase);
        });
        var file = await FileAsync(s);
        Assert.True(file.FollowUp!.IsDue(new DateOnly(2027, 1, 13)));

        // A call to the landlord is not contact with the student; a call with the student is, and starts a new spell.
        clock.SetUtcNow(London.At(2027, 1, 14, 10, 0));
        await AddAsync(s, new EntryDraft(EntryKind.Note, "Landlord's agent says the deposit was protected."));
        Assert.Equal(new DateOnly(2027, 1, 13), (await FileAsync(s)).FollowUp!.DueOn);
        await AddAsync(s, new EntryDraft(EntryKind.Contact, "Called Aisha with the news.", Method: ContactMethod.Phone));
        Assert.Equal(new DateOnly(2027, 2, 11), (await FileAsync(s)).FollowUp!.DueOn);
        clock.SetUtcNow(London.At(2027, 2, 10, 12, 0));
        Assert.Equal(0, await RunAsync(s.App));
        clock.SetUtcNow(London.At(2027, 2, 11, 9, 30));
        Assert.Equal(1, await RunAsync(s.App));
    }

    [Fact]
    public async Task AFollowUpDateReplacesTheLimit_OnChristmasDayFallsDueTheNextWorkingDay_AndAClosedCaseIsNeverPrompted()
    {
        var clock = London.Clock(2026, 11, 23, 10, 0); // Monday
        var s = await CaseOpenedAsync(clock);
        await using var owned = s.App;
        await AddAsync(s, new EntryDraft(EntryKind.Meeting, "Met Aisha about the deposit.", MeetingBody: "Advice meeting", Role: MeetingRole.Support));

        var refused = await Assert.ThrowsAsync<RuleException>(() => s.App.UseAsync<CaseWorkService>(w => w.SetFollowUpAsync(s.Sam, s.Case.Id, new DateOnly(2026, 11, 20))));
        Assert.Equal("Choose a day after today to follow up; contact made today is recorded on the timeline.", refused.Message);
        await s.App.UseAsync<CaseWorkService>(w => w.SetFollowUpAsync(s.Sam, s.Case.Id, new DateOnly(2026, 12, 25)));
        var plan = (await FileAsync(s)).FollowUp!;
        Assert.Equal((new DateOnly(2026, 12, 29), true), (plan.DueOn, plan.DateSet)); // 28 December is Boxing Day's substitute
        var listed = await s.App.UseAsync<CaseService, IReadOnlyList<CaseListRow>>(c => c.OpenCasesAsync(s.Sam));
        Assert.Equal(new DateOnly(2026, 12, 29), Assert.Single(listed).FollowUpBy);

        // Twenty working days after the meeting is Monday 21 December: the date set stands instead.
        clock.SetUtcNow(London.At(2026, 12, 21, 10, 0));
        Assert.Equal(0, await RunAsync(s.App));
        clock.SetUtcNow(London.At(2026, 12, 29, 9, 0));
        var before = (await new AppointmentHarness(s.App).OutboxAsync()).Count;
        Assert.Equal(1, await RunAsync(s.App));
        var mail = Assert.Single((await new AppointmentHarness(s.App).OutboxAsync()).Skip(before));
        Assert.Equal($"Case {s.Case.Reference}: follow-up due", mail.Subject);
        Assert.Contains("is today", mail.TextBody, StringComparison.Ordinal);

        // Cleared, the limit runs from the meeting again: past since 21 December, a due day not yet prompted for.
        await s.App.UseAsync<CaseWorkService>(w => w.SetFollowUpAsync(s.Sam, s.Case.Id, null));
        Assert.Equal(1, await RunAsync(s.App));
        await s.App.UseAsync<CaseWorkService>(w => w.SetFollowUpAsync(s.Sam, s.Case.Id, new DateOnly(2027, 1, 5)));
        await s.App.UseAsync<CaseClosingService>(c => c.CloseAsync(s.Sam, s.Case.Id, new CaseClosing(CaseOutcome.NoFurtherContact, null, ClosingCheck.All).Counted()));
        clock.SetUtcNow(London.At(2027, 1, 5, 9, 0));
        Assert.Equal(0, await RunAsync(s.App));
        Assert.Null((await FileAsync(s)).FollowUp);
    }

    [Fact]
    public async Task AHearingBookedOnTheTimeline_IsNotContactUntilItsDayHasCome()
    {
        var clock = London.Clock(2026, 11, 23, 10, 0); // Monday
        var s = await CaseOpenedAsync(clock, inactivityWorkingDays: 5);
        await using var owned = s.App;
        await AddAsync(s, new EntryDraft(EntryKind.Meeting, "Appeal hearing: Sam to represent.", OccurredAt: London.At(2026, 12, 10, 14, 0), MeetingBody: "Appeals Committee", Role: MeetingRole.Representation));

        var before = (await FileAsync(s)).FollowUp!;
        Assert.Equal((null, new DateOnly(2026, 11, 30)), (before.LastContact, before.DueOn));
        clock.SetUtcNow(London.At(2026, 12, 10, 16, 0));
        var after = (await FileAsync(s)).FollowUp!;
        Assert.Equal((new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 17)), (after.LastContact, after.DueOn));
    }

    [Fact]
    public async Task ContactCountsOnLondonsDay_AcrossTheSpringClockChange_AndEaster()
    {
        // 00:30 on Monday 30 March 2026 in London is 23:30 on Sunday in UTC. Five working days from Monday, over Good
        // Friday and Easter Monday, is Wednesday 8 April (from Sunday it would be Tuesday 7 April).
        var clock = London.Clock(2026, 3, 23, 10, 0);
        var s = await CaseOpenedAsync(clock, inactivityWorkingDays: 5);
        await using var owned = s.App;
        clock.SetUtcNow(London.At(2026, 3, 30, 9, 0));
        await AddAsync(s, new EntryDraft(EntryKind.Contact, "Aisha emailed overnight.", OccurredAt: London.At(2026, 3, 30, 0, 30), Method: ContactMethod.Email));

        clock.SetUtcNow(London.At(2026, 4, 7, 16, 0));
        Assert.Equal(0, await RunAsync(s.App));
        clock.SetUtcNow(London.At(2026, 4, 8, 9, 0));
        Assert.Equal(1, await RunAsync(s.App));
    }
}
