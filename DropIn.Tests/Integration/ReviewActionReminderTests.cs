using System.Security.Claims;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Reviews;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Reviews;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>A file review's action is reminded to the caseworker once, on a working day from 09:00, on a fake clock.</summary>
public sealed class ReviewActionReminderTests
{
    private static Task<int> RunAsync(AppFactory app) => app.Services.GetRequiredService<ReviewActionReminders>().RunAsync(CancellationToken.None);

    /// <summary>Sam's only file, drawn for Morgan (the only other reviewer) to review.</summary>
    private static async Task<(AppFactory App, System.Security.Claims.ClaimsPrincipal Morgan)> DrawnAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var app = new AppFactory(clock: clock);
        var reception = await app.StaffAsync("Rita Reception", Roles.Reception);
        var morgan = await app.StaffAsync("Morgan Manager", Roles.Manager);
        var sam = await app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var student = await app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile("Aisha Rahman")));
        var category = (await app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(sam)))[0].Id;
        await app.UseAsync<CaseService, Case>(c => c.OpenAsync(sam, student.Id, category, "Appeal against the Part IB result"));
        await app.UseAsync<FileReviewService, int>(r => r.DrawAsync(morgan));
        return (app, morgan);
    }

    /// <summary>Sam's only file drawn and reviewed by Morgan, with one action due on <paramref name="due"/>.</summary>
    private static async Task<(AppFactory App, Guid ReviewId)> ReviewedAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, DateOnly due)
    {
        var (app, morgan) = await DrawnAsync(clock);
        var row = Assert.Single(await app.UseAsync<FileReviewService, IReadOnlyList<ReviewRow>>(r => r.QuarterAsync(morgan, ReviewText.QuarterOf(YearMonth.Of(clock.GetUtcNow())).First)));
        var view = await app.UseAsync<FileReviewService, ReviewView>(r => r.GetAsync(morgan, row.Id));
        await app.UseAsync<FileReviewService>(r => r.CompleteAsync(morgan, row.Id, [.. view.Criteria.Select(c => new ReviewScore(c.Id, CriterionScore.Met))], null,
            [new ActionDraft("Record the student's decision", due)]));
        return (app, row.Id);
    }

    [Fact]
    public async Task AnActionDueOnASaturday_IsRemindedOnFridayFrom0900_Once_AndNotAfterItIsDone()
    {
        var clock = London.Clock(2027, 1, 4, 10, 0); // Monday
        var (app, _) = await ReviewedAsync(clock, new DateOnly(2027, 1, 16)); // a Saturday
        await using var owned = app;
        var before = (await new AppointmentHarness(app).OutboxAsync()).Count;

        clock.SetUtcNow(London.At(2027, 1, 14, 16, 0)); // Thursday
        Assert.Equal(0, await RunAsync(app));
        clock.SetUtcNow(London.At(2027, 1, 15, 8, 45)); // Friday, before the service opens
        Assert.Equal(0, await RunAsync(app));
        clock.SetUtcNow(London.At(2027, 1, 15, 9, 0));
        Assert.Equal(1, await RunAsync(app));
        Assert.Equal(0, await RunAsync(app));
        clock.SetUtcNow(London.At(2027, 1, 18, 9, 0)); // the Monday after: reminded already
        Assert.Equal(0, await RunAsync(app));

        var mail = Assert.Single((await new AppointmentHarness(app).OutboxAsync()).Skip(before));
        Assert.Equal(AppFactory.EmailOf("Sam Okafor"), mail.To);
        Assert.Contains("is due on Saturday 16 January", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Aisha", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterDowntimeOverTheSpringBankHoliday_TheReminderGoesOnTheNextWorkingDay_AndTwoRunsAtOnceSendOne()
    {
        var clock = London.Clock(2027, 5, 17, 10, 0);
        var (app, _) = await ReviewedAsync(clock, new DateOnly(2027, 5, 28)); // Friday before the spring bank holiday
        await using var owned = app;
        var before = (await new AppointmentHarness(app).OutboxAsync()).Count;

        clock.SetUtcNow(London.At(2027, 5, 31, 12, 0)); // the bank holiday: the app was down on Friday
        Assert.Equal(0, await RunAsync(app));
        clock.SetUtcNow(London.At(2027, 6, 1, 9, 30));
        var runs = await Task.WhenAll(RunAsync(app), RunAsync(app));

        Assert.Equal(1, runs.Sum());
        Assert.Single((await new AppointmentHarness(app).OutboxAsync()).Skip(before));
    }

    [Fact]
    public async Task AReviewStillToDoTenWorkingDaysAfterTheDraw_IsRemindedToTheReviewerOnce_AcrossChristmas()
    {
        // Drawn Monday 14 December 2026. Christmas Day is a Friday and Boxing Day's holiday is Monday 28th, so the
        // tenth working day after the draw is Wednesday 30 December.
        var clock = London.Clock(2026, 12, 14, 10, 0);
        var (app, _) = await DrawnAsync(clock);
        await using var owned = app;
        var before = (await new AppointmentHarness(app).OutboxAsync()).Count;

        clock.SetUtcNow(London.At(2026, 12, 29, 10, 0));
        Assert.Equal(0, await RunAsync(app));
        clock.SetUtcNow(London.At(2026, 12, 30, 8, 59));
        Assert.Equal(0, await RunAsync(app));
        clock.SetUtcNow(London.At(2026, 12, 30, 9, 0));
        Assert.Equal(1, await RunAsync(app));
        clock.SetUtcNow(London.At(2027, 1, 4, 9, 0));
        Assert.Equal(0, await RunAsync(app));

        var mail = Assert.Single((await new AppointmentHarness(app).OutboxAsync()).Skip(before));
        Assert.Equal(AppFactory.EmailOf("Morgan Manager"), mail.To);
        Assert.Contains("drawn for you to review on Monday 14 December", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Aisha", mail.TextBody, StringComparison.Ordinal);
    }
}
