using System.Diagnostics;
using System.Security.Claims;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 10, 0);
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _manager = default!;
    private Case _case = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0];
        _case = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, student.Id, category.Id, "Appeal"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<AuditEntry>> TrailAsync()
    {
        await using var db = await new AppointmentHarness(_app).DbAsync();
        return await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
    }

    private Task<AuditVerification> VerifyAsync() => _app.UseAsync<AuditReports, AuditVerification>(r => r.VerifyAsync(_manager));

    [Fact]
    public async Task ViewsChangesAndRefusals_AreRecordedWithWhoWhichRecordAndSession_NeverTheText()
    {
        await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _case.Id));
        await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _case.Id)); // a live redraw: the same view
        await _app.UseAsync<CaseWorkService, TimelineEntry>(w => w.AddEntryAsync(_sam, _case.Id, new EntryDraft(EntryKind.Note, "Glandular fever in May")));
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_reception, _case.Id)));
        await _app.UseAsync<StudentService, IReadOnlyList<StudentSummary>>(s => s.SearchAsync(_reception, "aisha"));

        var trail = await TrailAsync();
        var samId = _sam.FindFirstValue(ClaimTypes.NameIdentifier);
        Assert.Single(trail, e => e.Action == "case.view");
        var view = trail.Single(e => e.Action == "case.view");
        Assert.Equal((samId, "Case", _case.Id.ToString(), _sam.FindFirstValue(StaffClaims.Session)), (view.ActorId, view.RecordType, view.RecordId, view.SessionId));
        Assert.Contains(trail, e => e.Action == "case.change" && e.ActorId == samId);
        var refused = trail.Single(e => e.Outcome == AuditOutcome.Refused);
        Assert.Equal(("refused", Permissions.ViewCases), (refused.Action, refused.Detail));
        Assert.Equal("1 shown", trail.Single(e => e.Action == "student.search").Detail);
        Assert.DoesNotContain(trail, e => $"{e.Detail}{e.RecordId}".Contains("Glandular", StringComparison.OrdinalIgnoreCase) || $"{e.Detail}".Contains("aisha", StringComparison.OrdinalIgnoreCase));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task SignIns_TheirFailures_AndRefusedPages_AreRecorded()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Rita Reception"), "not-the-password"));
        var reception = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword);
        var refusedPage = await reception.GetAsync($"/cases/{_case.Id}");

        var trail = await TrailAsync();
        var ritaId = _reception.FindFirstValue(ClaimTypes.NameIdentifier);
        Assert.Contains(trail, e => e is { Action: "signin", Outcome: AuditOutcome.Failed, Detail: "wrong password" } && e.ActorId == ritaId);
        var signIn = trail.Single(e => e is { Action: "signin", Outcome: AuditOutcome.Allowed });
        Assert.Equal(ritaId, signIn.ActorId);
        Assert.NotNull(signIn.SessionId);
        var refused = trail.Single(e => e is { Action: "refused", RecordType: "Request" });
        Assert.Equal((signIn.SessionId, $"/cases/{_case.Id}", Permissions.ViewCases), (refused.SessionId, refused.RecordId, refused.Detail));
        Assert.NotEqual(System.Net.HttpStatusCode.OK, refusedPage.StatusCode);
    }

    [Fact]
    public async Task AManager_SeesWhoAccessedACase()
    {
        await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _case.Id));

        var rows = await _app.UseAsync<AuditReports, IReadOnlyList<AuditRow>>(r => r.CaseAccessAsync(_manager, "c0001"));

        Assert.Equal(["case.open", "case.view"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal("Sam Okafor", r.Who));
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<AuditReports, IReadOnlyList<AuditRow>>(r => r.CaseAccessAsync(_sam, "C0001")));
    }

    [Fact]
    public async Task TheDatabaseRefusesToEditOrDeleteEntries()
    {
        await using var db = await new AppointmentHarness(_app).DbAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET ActorId = 'someone else'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries"));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task AnEntryEditedBehindTheAppsBack_IsReported()
    {
        await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _case.Id));
        var viewed = (await TrailAsync()).Single(e => e.Action == "case.view").Sequence;
        await using (var db = await new AppointmentHarness(_app).DbAsync())
        {
            // Someone with direct access to the file removes the guard, then covers their tracks.
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoUpdate");
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET ActorId = 'nobody' WHERE Sequence = {viewed}");
        }

        var result = await VerifyAsync();

        Assert.Equal((false, (long?)viewed), (result.Intact, result.BrokenAt));
    }

    [Fact]
    public async Task TheNewestEntriesCutOff_IsReported()
    {
        await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _case.Id));
        var last = (await TrailAsync()).Max(e => e.Sequence);
        await using (var db = await new AppointmentHarness(_app).DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoDelete");
            await db.Database.ExecuteSqlAsync($"DELETE FROM AuditEntries WHERE Sequence = {last}");
        }

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Contains("deleted", result.Message);
    }

    [Fact]
    public async Task VerifyAuditCommand_ExitsZeroWhenIntact_AndOneWhenNot()
    {
        await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _case.Id));
        var intact = await RunVerifyAsync();
        await using (var db = await new AppointmentHarness(_app).DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoUpdate");
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Detail = 'x' WHERE Sequence = 1");
        }

        var broken = await RunVerifyAsync();

        Assert.Equal(0, intact.ExitCode);
        Assert.StartsWith("OK:", intact.Output, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("BROKEN: Entry 1 was edited", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAuditCommand_WithTheHeadFileMissing_FailsSayingSo()
    {
        await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _case.Id));
        // Whoever deletes the newest entries and the head beside the key must not get an "OK".
        File.Delete(Path.Combine(_app.DataFolder, "keys", "audit.head"));

        var command = await RunVerifyAsync();
        var result = await VerifyAsync(); // after the command: the check itself is audited, which writes a new head

        Assert.False(result.Intact);
        Assert.Contains("head file", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, command.ExitCode);
        Assert.StartsWith("BROKEN: The head file (audit.head in the keys folder) is missing", command.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeadFileFromAnotherTrail_IsReported()
    {
        await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _case.Id));
        var last = (await TrailAsync()).Max(e => e.Sequence);
        await File.WriteAllTextAsync(Path.Combine(_app.DataFolder, "keys", "audit.head"), $"{last} {new string('a', 64)}");

        var result = await VerifyAsync();

        Assert.Equal((false, (long?)last), (result.Intact, result.BrokenAt));
    }

    private async Task<(int ExitCode, string Output)> RunVerifyAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "DropIn.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "verify-audit", $"--DropIn:DataFolder={_app.DataFolder}", "--DropIn:Jobs:Enabled=false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output.Trim().Split('\n')[^1]);
    }
}
