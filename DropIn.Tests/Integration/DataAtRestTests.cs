using System.Security.Claims;
using System.Text;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
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
