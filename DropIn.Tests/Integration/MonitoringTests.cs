using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

public sealed class MonitoringTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 0);
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private Guid _studentId;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        await using var db = await DbAsync();
        var student = Student.Register(new StudentProfile("Ada Lovelace", PreferredName: "Ada"), "rita", _clock.GetUtcNow().AddDays(-3));
        db.Students.Add(student);
        await db.SaveChangesAsync();
        _studentId = student.Id;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<DropInDbContext> DbAsync() => _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

    private Task<MonitoringStatus> RecordAsync(ClaimsPrincipal user, DateOnly? dob = null, string? gender = null, string? ethnicity = null, string? disability = null, string? level = null, string? fee = null) =>
        _app.UseAsync<MonitoringService, MonitoringStatus>(s => s.RecordAsync(user, _studentId, dob, gender, ethnicity, disability, level, fee));

    private Task<MonitoringStatus> StatusAsync(ClaimsPrincipal user) => _app.UseAsync<MonitoringService, MonitoringStatus>(s => s.StatusAsync(user, _studentId));

    private async Task<MonitoringRecord> StoredAsync()
    {
        await using var db = await DbAsync();
        return await db.MonitoringRecords.AsNoTracking().SingleAsync(r => r.StudentId == _studentId);
    }

    [Fact]
    public async Task Record_ByReception_StoresTheAnswers_EmptyMeaningUnanswered()
    {
        var status = await RecordAsync(_reception, new DateOnly(2004, 3, 14), "Woman", "", MonitoringRecord.PreferNotToSay, "Undergraduate", null);

        var stored = await StoredAsync();
        Assert.Equal((new DateOnly(2004, 3, 14), "Woman", null, MonitoringRecord.PreferNotToSay, "Undergraduate", null),
            (stored.DateOfBirth, stored.Gender, stored.Ethnicity, stored.Disability, stored.LevelOfStudy, stored.FeeStatus));
        Assert.Equal(new MonitoringStatus("Ada (Ada Lovelace)", true, _clock.GetUtcNow()), status);
    }

    [Fact]
    public async Task Record_Again_ReplacesEveryEarlierAnswer()
    {
        await RecordAsync(_reception, new DateOnly(2004, 3, 14), "Woman", "White", "Disabled", "Undergraduate", "Home");
        _clock.Advance(TimeSpan.FromDays(30));

        await RecordAsync(_sam, gender: MonitoringRecord.PreferNotToSay);

        var stored = await StoredAsync();
        Assert.Equal((null, MonitoringRecord.PreferNotToSay, null, null, null, null, _clock.GetUtcNow()),
            ((DateOnly?)stored.DateOfBirth, stored.Gender, stored.Ethnicity, stored.Disability, stored.LevelOfStudy, stored.FeeStatus, stored.RecordedAt));
        await using var db = await DbAsync();
        Assert.Equal(1, await db.MonitoringRecords.CountAsync());
    }

    [Fact]
    public async Task Record_ChoiceNotOnTheList_IsRefusedWithAMessage_AndKeepsTheEarlierAnswers()
    {
        await RecordAsync(_sam, ethnicity: "White");

        var refused = await Assert.ThrowsAsync<RuleException>(() => RecordAsync(_sam, ethnicity: "Martian"));

        Assert.Equal("Choose the ethnic group from the list.", refused.Message);
        Assert.Equal("White", (await StoredAsync()).Ethnicity);
    }

    [Fact]
    public async Task Record_ImplausibleDateOfBirth_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => RecordAsync(_sam, new DateOnly(2020, 1, 1)));

        Assert.Contains("outside 15 to 100", refused.Message);
    }

    [Fact]
    public async Task Status_SaysOnlyWhetherAndWhen_NeverTheAnswers()
    {
        var before = await StatusAsync(_sam);
        await RecordAsync(_sam, new DateOnly(2004, 3, 14), "Man", "Asian or Asian British", "Disabled", "Postgraduate research", "International");

        var after = await StatusAsync(_reception);

        Assert.Equal(new MonitoringStatus("Ada (Ada Lovelace)", false, null), before);
        Assert.Equal(new MonitoringStatus("Ada (Ada Lovelace)", true, _clock.GetUtcNow()), after);
        // The shape is the guarantee: a status has nowhere to carry an answer.
        Assert.Equal(["StudentName", "Answered", "RecordedAt"], typeof(MonitoringStatus).GetProperties().Select(p => p.Name));
    }

    [Fact]
    public async Task Admin_WithoutThePermission_IsRefusedBothWays()
    {
        var admin = await _app.StaffAsync("Alex Admin", Roles.Admin);

        await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync(admin, gender: "Woman"));
        await Assert.ThrowsAsync<ForbiddenException>(() => StatusAsync(admin));
        await using var db = await DbAsync();
        Assert.Equal(0, await db.MonitoringRecords.CountAsync());
    }

    [Fact]
    public async Task Record_UnknownStudent_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() =>
            _app.UseAsync<MonitoringService, MonitoringStatus>(s => s.RecordAsync(_sam, Guid.NewGuid(), null, "Woman", null, null, null, null)));

        Assert.Contains("does not exist", refused.Message);
    }
}
