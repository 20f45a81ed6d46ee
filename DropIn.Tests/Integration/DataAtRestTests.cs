using System.Security.Claims;
using System.Text;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// What someone holding only the database file (or the documents folder) can read: the real app over a real SQLite
/// file, inspected with raw SQL and raw bytes rather than through the app's own converters.
/// </summary>
public sealed class DataAtRestTests : IAsyncLifetime
{
    private const string Note = "Disclosed a panic disorder; GP letter dated 3 November";
    private const string Summary = "Appeal against the Part IB result on medical grounds";
    private const string ConsentWith = "Senior Tutor, Girton";
    private const string ConsentWhat = "The medical grounds of the appeal";
    private const string ConsentWhy = "A letter of support to the committee";
    private const string Hearing = "Faculty Appeals Committee";
    private const string AccessNeeds = "Needs a quiet room; hearing loop";

    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 10, 0);
    private readonly List<AppFactory> _apps = [];
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private Student _student = default!;
    private Case _case = default!;

    public async ValueTask InitializeAsync()
    {
        _app = Start(new AppFactory(clock: _clock));
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception,
            new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk", StudentNumber: "CRSID-AR123", AccessNeeds: AccessNeeds)));
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0];
        _case = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, _student.Id, category.Id, Summary));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    private AppFactory Start(AppFactory app)
    {
        _apps.Add(app);
        return app;
    }

    private Task<T> Work<T>(Func<CaseWorkService, Task<T>> use) => _app.UseAsync(use);

    private Task<CaseFile> FileAsync(AppFactory app, ClaimsPrincipal user) => app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(user, _case.Id));

    private async Task RecordConfidentialWorkAsync()
    {
        await Work(w => w.AddEntryAsync(_sam, _case.Id, new EntryDraft(EntryKind.Note, Note)));
        await Work(w => w.RecordConsentAsync(_sam, _case.Id, ConsentWith, ConsentWhat, ConsentWhy, new DateOnly(2026, 11, 23), ConsentGivenBy.InPerson));
        await Work(w => w.AddEntryAsync(_sam, _case.Id, new EntryDraft(EntryKind.Contact, "Asked for a letter", Method: ContactMethod.Email, ThirdParty: ConsentWith)));
        await Work(w => w.AddEntryAsync(_sam, _case.Id, new EntryDraft(EntryKind.Meeting, "We will attend", _clock.GetUtcNow().AddDays(9), MeetingBody: Hearing, Role: MeetingRole.Support)));
    }

    private async Task<DropInDbContext> DbAsync(AppFactory? app = null) =>
        await (app ?? _app).Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

    /// <summary>Every value the query returns, read straight from the file without the app's converters.</summary>
    private async Task<List<string?>> RawAsync(string sql)
    {
        await using var db = await DbAsync();
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string?>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add(reader.IsDBNull(i) ? null : reader.GetValue(i).ToString());
            }
        }

        return values;
    }

    private async Task ExecuteRawAsync(string sql)
    {
        await using var db = await DbAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>The database's bytes as they lie on disk, write-ahead log included.</summary>
    private string DatabaseFileBytes()
    {
        var text = new StringBuilder();
        foreach (var path in Directory.GetFiles(_app.DataFolder, "dropin.db*"))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            text.Append(Encoding.UTF8.GetString(copy.ToArray()));
        }

        return text.ToString();
    }

    [Fact]
    public async Task CaseNotesConsentAndSummary_AreCiphertextInTheFile_ButTheServicesReturnThePlaintext()
    {
        await RecordConfidentialWorkAsync();

        var stored = await RawAsync(
            "SELECT Text, ThirdParty, MeetingBody FROM TimelineEntries UNION ALL SELECT Summary, OutcomeNote, NULL FROM Cases " +
            "UNION ALL SELECT ThirdParty, Information, Purpose FROM Consents UNION ALL SELECT AccessNeeds, EligibilityNote, NULL FROM Students");
        Assert.All(stored.OfType<string>(), v => Assert.StartsWith(FieldProtection.Prefix, v));
        Assert.Equal(10, stored.OfType<string>().Count());
        var onDisk = DatabaseFileBytes();
        foreach (var secret in new[] { Note, Summary, ConsentWith, ConsentWhat, ConsentWhy, Hearing, AccessNeeds })
        {
            Assert.DoesNotContain(secret, onDisk, StringComparison.Ordinal);
        }

        var file = await FileAsync(_app, _sam);
        Assert.Equal(Summary, file.Case.Summary);
        Assert.Contains(file.Timeline, t => t.Entry.Text == Note);
        Assert.Contains(file.Timeline, t => t.Entry.ThirdParty == ConsentWith);
        Assert.Contains(file.Timeline, t => t.Entry.MeetingBody == Hearing);
        var consent = Assert.Single(file.Consents);
        Assert.Equal((ConsentWith, ConsentWhat, ConsentWhy), (consent.ThirdParty, consent.Information, consent.Purpose));
        Assert.Equal(AccessNeeds, file.Student.AccessNeeds);
    }

    [Fact]
    public async Task MonitoringAnswers_AreCiphertextInTheFile_ButReadBackAsGiven()
    {
        await _app.UseAsync<MonitoringService, MonitoringStatus>(s =>
            s.RecordAsync(_reception, _student.Id, new DateOnly(2004, 3, 14), "Woman", "Black, Black British, Caribbean or African", "Disabled", "Postgraduate research", "International"));

        var stored = await RawAsync("SELECT DateOfBirth, Gender, Ethnicity, Disability, LevelOfStudy, FeeStatus FROM MonitoringRecords");
        Assert.Equal(6, stored.Count);
        Assert.All(stored, v => Assert.StartsWith(FieldProtection.Prefix, v));
        var onDisk = DatabaseFileBytes();
        Assert.DoesNotContain("2004-03-14", onDisk, StringComparison.Ordinal);
        Assert.DoesNotContain("Caribbean", onDisk, StringComparison.Ordinal);
        Assert.DoesNotContain("Postgraduate research", onDisk, StringComparison.Ordinal);

        await using var db = await DbAsync();
        var record = await db.MonitoringRecords.AsNoTracking().SingleAsync();
        Assert.Equal((new DateOnly(2004, 3, 14), "Woman", "Black, Black British, Caribbean or African", "Disabled", "Postgraduate research", "International"),
            (record.DateOfBirth, record.Gender, record.Ethnicity, record.Disability, record.LevelOfStudy, record.FeeStatus));
    }

    [Fact]
    public async Task NameEmailAndStudentNumber_StayPlain_SoReceptionCanFindTheStudent()
    {
        var stored = await RawAsync("SELECT Name, Email, StudentNumber FROM Students");

        Assert.Equal(["Aisha Rahman", "ar123@cam.ac.uk", "CRSID-AR123"], stored);
        foreach (var search in new[] { "Rahman", "ar123@cam.ac.uk", "CRSID-AR123" })
        {
            var found = await _app.UseAsync<StudentService, IReadOnlyList<StudentSummary>>(s => s.SearchAsync(_reception, search));
            Assert.Equal(_student.Id, Assert.Single(found).Id);
        }
    }

    [Fact]
    public async Task RowsWrittenBeforeEncryption_StillRead_AndAreEncryptedWhenRewritten()
    {
        await Work(w => w.AddEntryAsync(_sam, _case.Id, new EntryDraft(EntryKind.Note, Note)));
        await _app.UseAsync<MonitoringService, MonitoringStatus>(s => s.RecordAsync(_reception, _student.Id, null, "Man", null, null, null, null));
        // What an older database holds: the same columns, in plain text.
        await ExecuteRawAsync("UPDATE TimelineEntries SET Text = 'Old plain note'; UPDATE Cases SET Summary = 'Old plain summary'; " +
            "UPDATE MonitoringRecords SET Gender = 'Woman', DateOfBirth = '2001-02-03'");

        var file = await FileAsync(_app, _sam);
        Assert.Equal("Old plain note", Assert.Single(file.Timeline).Entry.Text);
        Assert.Equal("Old plain summary", file.Case.Summary);
        await using (var db = await DbAsync())
        {
            var record = await db.MonitoringRecords.AsNoTracking().SingleAsync();
            Assert.Equal((new DateOnly(2001, 2, 3), "Woman"), (record.DateOfBirth, record.Gender));
        }

        await _app.UseAsync<CaseService>(c => c.ChangeSummaryAsync(_sam, _case.Id, "New summary", "Old plain summary"));

        Assert.StartsWith(FieldProtection.Prefix, Assert.Single(await RawAsync("SELECT Summary FROM Cases")));
        Assert.Equal("New summary", (await FileAsync(_app, _sam)).Case.Summary);
    }

    [Fact]
    public async Task Document_IsEncryptedOnDisk_AndDownloadsAsTheOriginalBytes()
    {
        var pdf = SampleFiles.Pdf();
        var document = await _app.UseAsync<CaseDocumentService, CaseDocument>(s => s.UploadAsync(_sam, _case.Id, "gp letter.pdf", pdf.Length, new MemoryStream(pdf)));

        var path = Path.Combine(_app.DataFolder, "documents", _case.Id.ToString("N"), document.StoredName);
        var onDisk = await File.ReadAllBytesAsync(path);
        Assert.False(onDisk.AsSpan().StartsWith("%PDF-"u8));
        Assert.True(onDisk.AsSpan().IndexOf("/Type /Catalog"u8) < 0);
        Assert.Equal(pdf, await DownloadAsync(_app, _sam, document.Id));

        // A file stored before encryption (no marker) is still served as it is.
        await File.WriteAllBytesAsync(path, pdf);
        Assert.Equal(pdf, await DownloadAsync(_app, _sam, document.Id));
    }

    [Fact]
    public async Task DatabaseCopiedWithoutItsKeys_ShowsAPlaceholder_NeverTheNotes_AndStillFindsTheStudent()
    {
        await RecordConfidentialWorkAsync();
        var pdf = SampleFiles.Pdf();
        var document = await _app.UseAsync<CaseDocumentService, CaseDocument>(s => s.UploadAsync(_sam, _case.Id, "gp letter.pdf", pdf.Length, new MemoryStream(pdf)));
        var elsewhere = TempFolder.Create();
        // A consistent copy of the database and the documents, as a backup taken without the keys folder would be.
        await ExecuteRawAsync($"VACUUM INTO '{Path.Combine(elsewhere, "dropin.db")}'");
        CopyFolder(Path.Combine(_app.DataFolder, "documents"), Path.Combine(elsewhere, "documents"));

        var copy = Start(new AppFactory(dataFolder: elsewhere, clock: _clock));
        var sam = await copy.StaffAsync("Sam Okafor", Roles.Caseworker);
        var file = await FileAsync(copy, sam);

        Assert.Equal(FieldProtection.Unreadable, file.Case.Summary);
        Assert.All(file.Timeline, t => Assert.Equal(FieldProtection.Unreadable, t.Entry.Text));
        Assert.Equal(FieldProtection.Unreadable, Assert.Single(file.Consents).ThirdParty);
        Assert.DoesNotContain(file.Timeline, t => t.Entry.Text.Contains("panic", StringComparison.Ordinal));
        Assert.Equal("Aisha Rahman", file.Student.Name);
        Assert.Null(await copy.UseAsync<CaseDocumentService, OpenedDocument?>(s => s.OpenAsync(sam, _case.Id, document.Id)));
        var found = await copy.UseAsync<StudentService, IReadOnlyList<StudentSummary>>(s => s.SearchAsync(sam, "Rahman"));
        Assert.Equal(_student.Id, Assert.Single(found).Id);
    }

    /// <summary>
    /// What a student tells the service, written through every way it comes in and every place it is copied to, then
    /// looked for in every text column of every table of the raw file. A column added later that keeps such text in the
    /// clear fails here, as does any column the model says is encrypted but holds plain text.
    /// </summary>
    [Fact]
    public async Task WhatAStudentTellsTheService_IsInNoTextColumnOfAnyTable_WhicheverWayItCameIn()
    {
        var markers = new Dictionary<string, string>();
        string Mark(string where) => markers[where] = $"Mk{markers.Count + 1:00} {where} Q7Z";
        var manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var today = DropIn.Domain.Calendar.LondonTime.Today(_clock.GetUtcNow());

        // Registration.
        var zoe = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception,
            new StudentProfile("Zoe Quill", Pronouns: Mark("pronouns"), Email: "zq123@cam.ac.uk", Phone: Mark("phone"), AccessNeeds: Mark("access needs"), EligibilityNote: Mark("eligibility"))));

        // Enquiries: recorded by staff, closed with a reason, and sent through the public form; then the reminders.
        var enquiry = await _app.UseAsync<EnquiryService, DropIn.Domain.Enquiries.Enquiry>(e =>
            e.RecordAsync(_reception, DropIn.Domain.Enquiries.EnquiryChannel.Phone, _clock.GetUtcNow(), "Zoe Quill", "07700 900456", Mark("enquiry summary"), null, null));
        await _app.UseAsync<EnquiryService>(e => e.ResolveAsync(_reception, enquiry.Id, DropIn.Domain.Enquiries.EnquiryOutcome.Closed, Mark("enquiry closed reason")));
        await _app.UseAsync<EnquiryService, DropIn.Domain.Enquiries.Enquiry>(e => e.SubmitWebFormAsync("Zoe Quill", "zq123@cam.ac.uk", Mark("web form summary")));
        await _app.UseAsync<EnquiryService, DropIn.Domain.Enquiries.Enquiry>(e =>
            e.RecordAsync(_reception, DropIn.Domain.Enquiries.EnquiryChannel.Email, _clock.GetUtcNow(), "Zoe Quill", "zq123@cam.ac.uk", Mark("unanswered enquiry"), null, null));

        // The drop-in: checked in, moved up, and a follow-up noted after the session closed.
        var session = await _app.UseAsync<QueueService, DropIn.Domain.Queue.DropInSession>(q => q.StartExtraSessionAsync(_reception, new TimeOnly(12, 0)));
        var ticket = await new QueueHarness(_app).CheckInAsync(_reception,
            new DropIn.Domain.Queue.StudentDetails("Zoe Quill", "zq123@cam.ac.uk", "Girton", Mark("ticket topic"), false, Mark("ticket access needs")));
        await _app.UseAsync<QueueService>(q => q.MoveUpAsync(_reception, ticket.Id, Mark("moved up reason")));
        await _app.UseAsync<QueueService>(q => q.CloseAsync(_reception, session.Id));
        await _app.UseAsync<QueueService>(q => q.RecordFollowUpAsync(_reception, ticket.Id, DropIn.Domain.Queue.FollowUp.NoteTaken, Mark("follow-up note")));

        // Appointments: booked by phone, cancelled with a reason.
        var harness = new AppointmentHarness(_app);
        await harness.CaseworkerAsync("Cara Caseworker", new TimeOnly(9, 0), new TimeOnly(17, 0));
        var slot = (await harness.DiaryAsync(d => d.FreeSlotsAsync(_reception, today.AddDays(1))))[0];
        var booked = await harness.DiaryAsync(d => d.BookAsync(_reception, slot.Slot,
            new DropIn.Domain.Appointments.StudentBooking("Zoe Quill", "zq123@cam.ac.uk", Mark("appointment phone"), DropIn.Domain.Appointments.AdviceTopics.All[0], DropIn.Domain.Appointments.AppointmentKind.Phone)));
        await harness.DiaryAsync(d => d.CancelAsync(_reception, booked.Id, Mark("cancel reason")));

        // The case: plan, deadline, a document's name, notes; conduct; a dispute; a hold; a subject access request.
        await _app.UseAsync<CaseWorkService>(w => w.AddDeadlineAsync(_sam, _case.Id, Mark("deadline title"), today.AddDays(20)));
        await _app.UseAsync<CaseWorkService>(w => w.AgreeActionAsync(_sam, _case.Id, PlanParty.Student, Mark("action"), today.AddDays(5)));
        await Work(w => w.AddEntryAsync(_sam, _case.Id, new EntryDraft(EntryKind.Note, Mark("case note"))));
        var pdf = SampleFiles.Pdf();
        await _app.UseAsync<CaseDocumentService, CaseDocument>(s => s.UploadAsync(_sam, _case.Id, Mark("document name") + ".pdf", pdf.Length, new MemoryStream(pdf)));
        await _app.UseAsync<DropIn.Web.Features.Conduct.ConductService, DropIn.Domain.Conduct.ConductIncident>(c =>
            c.RecordIncidentAsync(_reception, zoe.Id, DropIn.Domain.Conduct.IncidentKind.AggressiveLanguage, _clock.GetUtcNow(), Mark("incident")));
        await _app.UseAsync<DropIn.Web.Features.Disputes.DisputeService, DropIn.Domain.Confidentiality.Dispute>(d => d.OpenAsync(manager, Mark("dispute title")));
        await _app.UseAsync<DropIn.Web.Features.Retention.RetentionService>(r => r.PlaceHoldAsync(manager, zoe.Id, Mark("hold reason"), today.AddMonths(3)));
        var request = await _app.UseAsync<DropIn.Web.Features.SubjectAccess.SubjectAccessService, DropIn.Domain.Confidentiality.SubjectAccessRequest>(r =>
            r.RecordAsync(manager, zoe.Id, today, DropIn.Domain.Confidentiality.SubjectAccessChannel.Email));
        await _app.UseAsync<DropIn.Web.Features.SubjectAccess.SubjectAccessService>(r => r.ExtendAsync(manager, request.Id, 2, Mark("extension reason")));
        await _app.UseAsync<DropIn.Web.Features.SubjectAccess.SubjectAccessService>(r => r.CompileAsync(manager, request.Id));
        await _app.UseAsync<DropIn.Web.Features.SubjectAccess.SubjectAccessService>(r => r.WithdrawAsync(manager, request.Id, Mark("withdrawn reason")));

        // A complaint through the public form, and one recorded by a manager: acknowledged, answered by letter, learned from.
        await _app.UseAsync<DropIn.Web.Features.Complaints.ComplaintService, DropIn.Domain.Complaints.Complaint>(c => c.SubmitWebFormAsync("Zoe Quill", "zq123@cam.ac.uk", Mark("web complaint")));
        var complaint = await _app.UseAsync<DropIn.Web.Features.Complaints.ComplaintService, DropIn.Domain.Complaints.Complaint>(c =>
            c.RecordAsync(manager, DropIn.Domain.Enquiries.EnquiryChannel.Email, _clock.GetUtcNow(), "Zoe Quill", "zq123@cam.ac.uk", Mark("complaint"), null, null));
        await _app.UseAsync<DropIn.Web.Features.Complaints.ComplaintService>(c => c.AssignAsync(manager, complaint.Id, manager.FindFirstValue(ClaimTypes.NameIdentifier)!));
        await _app.UseAsync<DropIn.Web.Features.Complaints.ComplaintService, string>(c => c.AcknowledgeAsync(manager, complaint.Id));
        await _app.UseAsync<DropIn.Web.Features.Complaints.ComplaintService>(c => c.RespondAsync(manager, complaint.Id, DropIn.Domain.Complaints.ComplaintOutcome.Upheld, Mark("complaint response")));
        await _app.UseAsync<DropIn.Web.Features.Complaints.ComplaintService>(c => c.RecordLearningAsync(manager, complaint.Id, Mark("complaint learning")));

        // Days later: reminders about the unanswered enquiry reach staff in the app and by email.
        _clock.Advance(TimeSpan.FromDays(5));
        await _app.Services.GetRequiredService<DropIn.Web.Features.Enquiries.EnquiryReminders>().RunAsync(CancellationToken.None);

        var found = await PlainTextAsync([.. markers.Values]);
        Assert.True(found.Count == 0, "Plain text at rest: " + string.Join("; ", found));
        var notEncrypted = await EncryptedColumnsHoldingPlainTextAsync();
        Assert.True(notEncrypted.Count == 0, "Encrypted columns holding plain text: " + string.Join("; ", notEncrypted));

        // The services still read it all back.
        var record = await _app.UseAsync<StudentService, StudentRecord>(s => s.GetAsync(_reception, zoe.Id));
        Assert.Equal((markers["phone"], markers["pronouns"]), (record.Student.Phone, record.Student.Pronouns));
        await using var db = await DbAsync();
        Assert.Equal(markers["enquiry summary"], (await db.Enquiries.AsNoTracking().SingleAsync(e => e.Id == enquiry.Id)).Summary);
        Assert.Equal(markers["ticket topic"], (await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticket.Id)).Topic);
        Assert.Contains(await db.Notifications.AsNoTracking().ToListAsync(), n => n.Text.Contains("Zoe Quill", StringComparison.Ordinal));
        Assert.Equal(markers["cancel reason"], (await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == booked.Id)).CancelReason);
    }

    /// <summary>Every text value of every table (the audit trail too) that contains one of <paramref name="needles"/>.</summary>
    private async Task<List<string>> PlainTextAsync(IReadOnlyCollection<string> needles)
    {
        var found = new List<string>();
        await using var db = await DbAsync();
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        foreach (var table in await TablesAsync(connection))
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
                        found.Add($"{table}.{rows.GetName(i)} holds \"{needle}\"");
                    }
                }
            }
        }

        var onDisk = DatabaseFileBytes();
        found.AddRange(needles.Where(n => onDisk.Contains(n, StringComparison.Ordinal)).Select(n => $"the file's bytes hold \"{n}\""));
        return [.. found.Distinct()];
    }

    /// <summary>Every column the model encrypts, read raw: each value must carry the ciphertext prefix.</summary>
    private async Task<List<string>> EncryptedColumnsHoldingPlainTextAsync()
    {
        await using var db = await DbAsync();
        var columns = db.Model.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Where(IsFieldProtected)
                .Select(p => (Table: t.GetTableName(), Column: p.GetColumnName())))
            .Where(c => c.Table is not null).Distinct().ToList();
        Assert.True(columns.Count >= 40, $"only {columns.Count} encrypted columns found");
        var wrong = new List<string>();
        foreach (var (table, column) in columns)
        {
            foreach (var value in (await RawAsync($"SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL")).OfType<string>())
            {
                if (!value.StartsWith(FieldProtection.Prefix, StringComparison.Ordinal))
                {
                    wrong.Add($"{table}.{column}");
                }
            }
        }

        return [.. wrong.Distinct()];

        // A column is encrypted when its converter turns a sample value into ciphertext.
        static bool IsFieldProtected(Microsoft.EntityFrameworkCore.Metadata.IProperty p)
        {
            object? sample = p.ClrType == typeof(string) ? "x" : p.ClrType == typeof(DateOnly) ? new DateOnly(2000, 1, 1) : null;
            return sample is not null && p.GetValueConverter() is { } converter && converter.ProviderClrType == typeof(string)
                && converter.ConvertToProvider(sample) is string stored && stored.StartsWith(FieldProtection.Prefix, StringComparison.Ordinal);
        }
    }

    private static async Task<List<string>> TablesAsync(SqliteConnection connection)
    {
        var tables = new List<string>();
        await using var list = connection.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<byte[]> DownloadAsync(AppFactory app, ClaimsPrincipal user, Guid documentId)
    {
        var caseId = default(Guid);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync())
        {
            caseId = (await db.CaseDocuments.SingleAsync(d => d.Id == documentId)).CaseId;
        }

        var opened = await app.UseAsync<CaseDocumentService, OpenedDocument?>(s => s.OpenAsync(user, caseId, documentId));
        await using var content = Assert.IsType<OpenedDocument>(opened).Content;
        using var bytes = new MemoryStream();
        await content.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
