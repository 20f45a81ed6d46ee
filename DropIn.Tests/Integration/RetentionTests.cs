using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Notifications;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Retention;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Seven years after a student's last involvement, with a fake clock: the monthly review lists the record, a hold
/// or new involvement keeps it, and the nightly job destroys the rest, files on disk included, keeping only anonymous
/// remnants and a numbers-only log. A failure midway leaves the student whole, and the next night finishes the job.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2019, 11, 20, 11, 0);
    private AppFactory _app = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _manager = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _manager = await _app.StaffAsync("Mo Manager", Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AReviewedRecord_IsDestroyed_LeavingRemnantsALogAndNoTraceAnywhere()
    {
        var (ada, caseId) = await StudentWithEverythingAsync("Ada Lovelace", "al123@cam.ac.uk");
        var keptStudent = await StudentWithEverythingAsync("Grace Hopper", "gh456@cam.ac.uk", involvedAgainIn: TimeSpan.FromDays(400));
        Assert.NotEmpty(FilesOf(caseId));
        await SendMailAsync("al123@cam.ac.uk", "gh456@cam.ac.uk");
        Assert.Equal(2, MailCopies().Length);
        Assert.NotEmpty(await TracesAsync(ada.Id, "Ada Lovelace", "al123@cam.ac.uk", "Lovelace")); // the search does find her while she is there

        await ReviewInNovember2026Async();
        var listed = await ReviewAsync();
        Assert.Equal(["Ada Lovelace"], listed.Rows.Select(r => r.Name));
        Assert.Equal(new DateOnly(2026, 11, 20), listed.Rows.Single().DestructionDate);
        _clock.SetUtcNow(London.At(2026, 12, 1, 2, 30));

        var counts = await RunAsync();

        Assert.Equal((1, 1, 1), (counts.Students, counts.Cases, counts.Documents));
        Assert.Empty(FilesOf(caseId));
        Assert.Contains("gh456@cam.ac.uk", File.ReadAllText(Assert.Single(MailCopies())), StringComparison.Ordinal); // Ada's copy went, Grace's stays
        await using var db = await DbAsync();
        Assert.False(await db.Students.AnyAsync(s => s.Id == ada.Id));
        Assert.True(await db.Students.AnyAsync(s => s.Id == keptStudent.Student.Id));
        var remnant = Assert.Single(await db.Set<StatisticsRemnant>().ToListAsync());
        Assert.Equal(("Academic appeal", new DropIn.Domain.Calendar.YearMonth(2019, 11), (DropIn.Domain.Calendar.YearMonth?)null), (remnant.Category, remnant.Opened, remnant.Closed));
        Assert.Equal(EnquiryChannel.Email, remnant.Channel);
        Assert.Equal(LevelOfStudyBand.Undergraduate, remnant.LevelOfStudy);
        var log = Assert.Single(await db.Set<DestructionLogEntry>().ToListAsync());
        Assert.Equal((7, 1, 1), (log.PolicyYears, log.Students, log.Remnants));
        Assert.Empty(await TracesAsync(ada.Id, "Ada Lovelace", "al123@cam.ac.uk", "Lovelace"));
    }

    [Fact]
    public async Task ANotificationNamingTheStudent_GoesWithThem_ThoughItsTextIsEncrypted()
    {
        await StudentWithEverythingAsync("Ada Lovelace", "al123@cam.ac.uk");
        await StudentWithEverythingAsync("Grace Hopper", "gh456@cam.ac.uk", involvedAgainIn: TimeSpan.FromDays(400));
        var staffId = _sam.FindFirstValue(ClaimTypes.NameIdentifier)!;
        await _app.UseAsync<DropInDbContext>(async db =>
        {
            // As an enquiry reminder words it: the name in the text, only the board in the link.
            db.Notifications.Add(new StaffNotification(staffId, "Due today: acknowledge the enquiry from Ada Lovelace (Email) by 17:00.", "/enquiries", _clock.GetUtcNow()));
            db.Notifications.Add(new StaffNotification(staffId, "Due today: acknowledge the enquiry from Grace Hopper (Email) by 17:00.", "/enquiries", _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        await ReviewInNovember2026Async();
        _clock.SetUtcNow(London.At(2026, 12, 1, 2, 30));

        Assert.Equal(1, (await RunAsync()).Students);

        await using var db = await DbAsync();
        var left = await db.Notifications.AsNoTracking().Select(n => n.Text).ToListAsync();
        Assert.DoesNotContain(left, t => t.Contains("Ada Lovelace", StringComparison.Ordinal));
        Assert.Contains(left, t => t.Contains("Grace Hopper", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHeldRecord_AnUnreviewedOne_AndOneWithNewInvolvement_AreAllKept()
    {
        var (held, _) = await StudentWithEverythingAsync("Hattie Held", "hh1@cam.ac.uk");
        var (unreviewed, _) = await StudentWithEverythingAsync("Una Unreviewed", "uu1@cam.ac.uk");
        var (returning, returningCase) = await StudentWithEverythingAsync("Rhea Returning", "rr1@cam.ac.uk");
        _clock.SetUtcNow(London.At(2026, 11, 2, 10, 0));
        await Service(r => r.PlaceHoldAsync(_manager, held.Id, "Complaint to the OIA still open", new DateOnly(2027, 3, 1)));
        await ReviewInNovember2026Async(except: unreviewed.Id);

        // Rhea comes back after the review: a note on her old case is new involvement.
        _clock.SetUtcNow(London.At(2026, 11, 25, 10, 0));
        await _app.UseAsync<CaseWorkService>(w => w.AddEntryAsync(_sam, returningCase, new EntryDraft(EntryKind.Note, "Came back about a new matter")));
        _clock.SetUtcNow(London.At(2026, 12, 1, 2, 30));

        var counts = await RunAsync();

        Assert.Equal(0, counts.Students);
        var review = await ReviewAsync();
        Assert.Equal(RetentionDecision.Held, review.Rows.Single(r => r.StudentId == held.Id).Decision);
        Assert.Equal(RetentionDecision.AwaitingReview, review.Rows.Single(r => r.StudentId == unreviewed.Id).Decision);
        Assert.DoesNotContain(review.Rows, r => r.StudentId == returning.Id); // involvement today: seven years from now
    }

    [Fact]
    public async Task AFailureMidway_LeavesTheStudentWhole_AndTheNextNightFinishes_Once()
    {
        var (ada, caseId) = await StudentWithEverythingAsync("Ada Lovelace", "al123@cam.ac.uk");
        await ReviewInNovember2026Async();
        _clock.SetUtcNow(London.At(2026, 12, 1, 2, 30));
        var before = await RowCountsAsync(ada.Id, caseId);
        await ExecuteAsync("CREATE TRIGGER crash BEFORE DELETE ON Students BEGIN SELECT RAISE(ABORT, 'power cut'); END");

        await Assert.ThrowsAnyAsync<Exception>(RunAsync);

        Assert.Equal(before, await RowCountsAsync(ada.Id, caseId));
        Assert.NotEmpty(FilesOf(caseId));
        await using (var db = await DbAsync())
        {
            Assert.Empty(await db.Set<StatisticsRemnant>().ToListAsync()); // no remnant for a record that was not destroyed
        }

        await ExecuteAsync("DROP TRIGGER crash");
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await RunAsync()).Students);
        Assert.Equal(0, (await RunAsync()).Students);
        Assert.Empty(FilesOf(caseId));
        Assert.Equal((0, 0, 0, 0), await RowCountsAsync(ada.Id, caseId));
        await using var after = await DbAsync();
        Assert.Single(await after.Set<StatisticsRemnant>().ToListAsync());
    }

    [Fact]
    public async Task TwoRunsTheSameNight_AtOnce_DestroyOnce_KeepOneRemnantPerCase_AndLogTheNightOnce()
    {
        var (ada, _) = await StudentWithEverythingAsync("Ada Lovelace", "al123@cam.ac.uk");
        var (grace, _) = await StudentWithEverythingAsync("Grace Hopper", "gh456@cam.ac.uk");
        await ReviewInNovember2026Async();
        _clock.SetUtcNow(London.At(2026, 12, 1, 2, 30));
        var counts = new DestructionCounts[2];

        var failures = await AtOnce.RunAsync(async () => counts[0] = await RunAsync(), async () => counts[1] = await RunAsync());
        var later = await RunAsync(); // and once more the same night, as a node that started late would

        Assert.Equal([null, null], failures);
        Assert.Equal((2, 0), (counts[0].Students + counts[1].Students, later.Students));
        await using var db = await DbAsync();
        Assert.False(await db.Students.AnyAsync(s => s.Id == ada.Id || s.Id == grace.Id));
        Assert.Equal(2, await db.Set<StatisticsRemnant>().CountAsync());
        var log = Assert.Single(await db.Set<DestructionLogEntry>().ToListAsync());
        Assert.Equal((2, 2, 2, 2), (log.Students, log.Cases, log.Documents, log.Remnants));
    }

    [Fact]
    public async Task AHold_NeedsAReasonAndAReviewDate_AndOnlyAManagerPlacesIt()
    {
        var (ada, _) = await StudentWithEverythingAsync("Ada Lovelace", "al123@cam.ac.uk");
        _clock.SetUtcNow(London.At(2026, 11, 2, 10, 0));

        await Assert.ThrowsAsync<RuleException>(() => Service(r => r.PlaceHoldAsync(_manager, ada.Id, "  ", new DateOnly(2027, 1, 1))));
        await Assert.ThrowsAsync<RuleException>(() => Service(r => r.PlaceHoldAsync(_manager, ada.Id, "Legal claim", new DateOnly(2026, 11, 1))));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service(r => r.PlaceHoldAsync(_sam, ada.Id, "Legal claim", new DateOnly(2027, 1, 1))));
        await Service(r => r.PlaceHoldAsync(_manager, ada.Id, "Legal claim", new DateOnly(2027, 1, 1)));
        var hold = (await ReviewAsync()).Rows.Single().Hold!;
        Assert.Equal(("Legal claim", new DateOnly(2027, 1, 1)), (hold.Reason, hold.ReviewOn));
    }

    [Fact]
    public async Task AManagerOnASide_SeesTheOtherSidesRecordsHidden_WithoutTheHoldReason_AndLeavesThemForANeutralManager()
    {
        var (aisha, _) = await StudentWithEverythingAsync("Aisha Rahman", "ar123@cam.ac.uk");
        var (ben, _) = await StudentWithEverythingAsync("Ben Carter", "bc456@cam.ac.uk");
        var (bella, _) = await StudentWithEverythingAsync("Bella Jones", "bj789@cam.ac.uk");
        _clock.SetUtcNow(London.At(2026, 11, 2, 10, 0));
        var walled = await _app.StaffAsync("Wendy Walled", Roles.Manager);
        var dispute = await _app.UseAsync<DisputeService, Dispute>(d => d.OpenAsync(_manager, "Complaint between students"));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, aisha.Id, 1));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, ben.Id, 2));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, bella.Id, 2));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AssignAsync(_manager, dispute.Id, walled.FindFirstValue(ClaimTypes.NameIdentifier)!, 1));
        await Service(r => r.PlaceHoldAsync(_manager, ben.Id, "Complaint by Aisha Rahman still open", new DateOnly(2027, 3, 1)));

        var view = await _app.UseAsync<RetentionService, RetentionReviewView>(r => r.ReviewAsync(walled));
        var listed = await _app.UseAsync<RetentionService, int>(r => r.ConfirmReviewAsync(walled));

        var benRow = view.Rows.Single(r => r.StudentId == ben.Id);
        Assert.Equal((InformationBarriers.HiddenText, InformationBarriers.HiddenText), (benRow.Name, benRow.Hold!.Reason));
        Assert.Equal(1, listed); // Aisha's record; Bella's is confirmed by a manager on no side
        await using var db = await DbAsync();
        Assert.Equal([aisha.Id], await db.Set<RetentionListing>().Select(l => l.StudentId).ToListAsync());
    }

    /// <summary>A student with a case, a note, a document, a consent, monitoring answers and an enquiry, all in November 2019.</summary>
    private async Task<(Student Student, Guid CaseId)> StudentWithEverythingAsync(string name, string email, TimeSpan? involvedAgainIn = null)
    {
        _clock.SetUtcNow(London.At(2019, 11, 20, 11, 0));
        var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_sam, new StudentProfile(name, Email: email), confirmedNotDuplicate: true));
        await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_sam, EnquiryChannel.Email, _clock.GetUtcNow(), name, email, "About an appeal", null, student.Id));
        var category = await _app.UseAsync<DropInDbContext, int>(db => db.CaseCategories.Where(c => c.Name == "Academic appeal").Select(c => c.Id).SingleAsync());
        var opened = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, student.Id, category, $"{name} appeals a fail mark"));
        await _app.UseAsync<CaseWorkService>(w => w.AddEntryAsync(_sam, opened.Id, new EntryDraft(EntryKind.Note, $"{name} brought the letter")));
        await _app.UseAsync<CaseWorkService>(w => w.RecordConsentAsync(_sam, opened.Id, "Senior Tutor", "the appeal letter", "to support the appeal", LondonToday(), ConsentGivenBy.InPerson));
        await _app.UseAsync<CaseDocumentService, CaseDocument>(d => d.UploadAsync(_sam, opened.Id, "letter.pdf", SampleFiles.Pdf().Length, new MemoryStream(SampleFiles.Pdf())));
        await _app.UseAsync<MonitoringService, MonitoringStatus>(m => m.RecordAsync(_sam, student.Id, new DateOnly(2000, 1, 1), "Woman", null, null, "Undergraduate", null));
        await _app.UseAsync<DropIn.Web.Features.Complaints.ComplaintService, DropIn.Domain.Complaints.Complaint>(c => c.SubmitWebFormAsync(name, email, "Nobody rang me back"));
        if (involvedAgainIn is { } later)
        {
            _clock.Advance(later);
            await _app.UseAsync<CaseWorkService>(w => w.AddEntryAsync(_sam, opened.Id, new EntryDraft(EntryKind.Note, "Follow-up")));
        }

        return (student, opened.Id);
    }

    /// <summary>Mail to each address, sent through the outbox to the pickup folder (the embedded default's copy of all mail).</summary>
    private async Task SendMailAsync(params string[] addresses)
    {
        await _app.UseAsync<DropInDbContext>(async db =>
        {
            foreach (var address in addresses)
            {
                db.Outbox.Add(new DropIn.Web.Messaging.OutboxMessage(address, "Your appointment", "See you soon", "<p>See you soon</p>", null, _clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        });
        await _app.Services.GetRequiredService<DropIn.Web.Messaging.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
    }

    private string[] MailCopies()
    {
        var folder = Path.Combine(_app.DataFolder, "mail-pickup");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
    }

    private DateOnly LondonToday() => DropIn.Domain.Calendar.LondonTime.Today(_clock.GetUtcNow());

    /// <summary>The manager confirms the November 2026 review (optionally leaving one student off, as if never listed).</summary>
    private async Task ReviewInNovember2026Async(Guid? except = null)
    {
        _clock.SetUtcNow(London.At(2026, 11, 2, 10, 0));
        await Service(r => r.ConfirmReviewAsync(_manager));
        if (except is { } id)
        {
            await _app.UseAsync<DropInDbContext>(db => db.Set<RetentionListing>().Where(l => l.StudentId == id).ExecuteDeleteAsync());
        }
    }

    private Task<RetentionReviewView> ReviewAsync() => _app.UseAsync<RetentionService, RetentionReviewView>(r => r.ReviewAsync(_manager));

    private Task Service(Func<RetentionService, Task> use) => _app.UseAsync(use);

    private Task<DestructionCounts> RunAsync() => _app.Services.GetRequiredService<RetentionRunner>().RunAsync();

    private Task<DropInDbContext> DbAsync() => _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

    private string[] FilesOf(Guid caseId)
    {
        var folder = Path.Combine(_app.DataFolder, "documents", caseId.ToString("N"));
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    private async Task<(int Students, int Cases, int Entries, int Monitoring)> RowCountsAsync(Guid studentId, Guid caseId)
    {
        await using var db = await DbAsync();
        return (await db.Students.CountAsync(s => s.Id == studentId), await db.Cases.CountAsync(c => c.Id == caseId),
            await db.TimelineEntries.CountAsync(e => e.CaseId == caseId), await db.MonitoringRecords.CountAsync(m => m.StudentId == studentId));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await DbAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>
    /// Every text column of every table, searched for the student: a table added later that keeps personal data and
    /// is not destroyed fails here. The audit trail keeps bare ids by design (append-only, and an id alone names no one).
    /// </summary>
    private async Task<List<string>> TracesAsync(Guid id, params string[] words)
    {
        var found = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataFolder, "dropin.db")}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('AuditEntries', '__EFMigrationsHistory') AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var needles = words.Append(id.ToString()).ToList();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var rows = await select.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    if (rows.GetValue(i) is string text && needles.FirstOrDefault(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)) is { } needle)
                    {
                        found.Add($"{table}.{rows.GetName(i)} contains {needle}");
                    }
                }
            }
        }

        return found;
    }
}
