using System.Net;
using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>Uploads and downloads on the real app: files on disk under the data folder, rows in SQLite, over real HTTP.</summary>
public sealed class CaseDocumentTests : IAsyncLifetime
{
    private const string Caseworker = "Sam Okafor";
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 0);
    private AppFactory _app = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _reception = default!;
    private Case _case = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _sam = await _app.StaffAsync(Caseworker, Roles.Caseworker);
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _case = await OpenCaseAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string DocumentsFolder => Path.Combine(_app.DataFolder, "documents");

    private Task<DropInDbContext> DbAsync() => _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

    /// <summary>A student registered yesterday with an open case, saved through the app's own context.</summary>
    private async Task<Case> OpenCaseAsync()
    {
        var samId = _sam.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var yesterday = _clock.GetUtcNow().AddDays(-1);
        await using var db = await DbAsync();
        var student = Student.Register(new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk"), samId, yesterday);
        var category = await db.CaseCategories.OrderBy(c => c.SortOrder).FirstAsync();
        var number = (await db.Cases.Select(c => (int?)c.Number).MaxAsync() ?? 0) + 1;
        var opened = Case.Open(student.Id, category.Id, number, "Academic appeal against a fail mark", samId, yesterday);
        db.Students.Add(student);
        db.Cases.Add(opened);
        await db.SaveChangesAsync();
        return opened;
    }

    private Task<CaseDocument> UploadAsync(ClaimsPrincipal user, string name, byte[] bytes, Guid? caseId = null) =>
        UploadAsync(user, name, bytes.Length, new MemoryStream(bytes), caseId);

    private Task<CaseDocument> UploadAsync(ClaimsPrincipal user, string name, long size, Stream content, Guid? caseId = null) =>
        _app.UseAsync<CaseDocumentService, CaseDocument>(s => s.UploadAsync(user, caseId ?? _case.Id, name, size, content));

    /// <summary>The bytes the app hands back (the file on disk is encrypted).</summary>
    private async Task<byte[]> DownloadedAsync(CaseDocument document)
    {
        var opened = await _app.UseAsync<CaseDocumentService, OpenedDocument?>(s => s.OpenAsync(_sam, _case.Id, document.Id));
        await using var content = Assert.IsType<OpenedDocument>(opened).Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private string[] FilesOnDisk() => Directory.Exists(DocumentsFolder) ? Directory.GetFiles(DocumentsFolder, "*", SearchOption.AllDirectories) : [];

    private async Task<(int Documents, int Entries)> RowsAsync()
    {
        await using var db = await DbAsync();
        return (await db.CaseDocuments.CountAsync(), await db.TimelineEntries.CountAsync());
    }

    [Fact]
    public async Task Upload_RealPdf_DownloadsOverHttpAsTheSameBytes_AsAnAttachmentNeverSniffedOrCached()
    {
        var pdf = SampleFiles.Pdf();
        var document = await UploadAsync(_sam, "appeal letter.pdf", pdf);
        var browser = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf(Caseworker), AppFactory.StaffPassword);

        var response = await browser.GetAsync(CasesSetup.DownloadPath(_case.Id, document.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("appeal letter.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Download_NameWithARightToLeftOverride_IsListedAndSentWithoutIt()
    {
        var pdf = SampleFiles.Pdf();
        var document = await UploadAsync(_sam, "letter\u202Efdp.exe.pdf", pdf);
        // A row written before the rule covered bidi controls is made safe on the way out too.
        await using (var db = await DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE CaseDocuments SET FileName = {"old\u2066\u202Etxt.exe.pdf"} WHERE Id = {document.Id}");
        }

        var browser = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf(Caseworker), AppFactory.StaffPassword);
        var response = await browser.GetAsync(CasesSetup.DownloadPath(_case.Id, document.Id));
        var listed = await _app.UseAsync<CaseDocumentService, IReadOnlyList<DocumentRow>>(s => s.ListAsync(_sam, _case.Id));

        Assert.Equal("letterfdp.exe.pdf", document.FileName);
        Assert.Equal("oldtxt.exe.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("oldtxt.exe.pdf", Assert.Single(listed).FileName);
    }

    [Fact]
    public async Task Upload_StoresTheFileUnderTheDataFolderByIdOnly_NotUnderTheWebRoot()
    {
        var document = await UploadAsync(_sam, "../../wwwroot/statement.pdf", SampleFiles.Pdf());

        var path = Assert.Single(FilesOnDisk());
        Assert.Equal(Path.Combine(DocumentsFolder, _case.Id.ToString("N"), document.StoredName), path);
        Assert.Equal(SampleFiles.Pdf(), await DownloadedAsync(document));
        Assert.Equal("statement.pdf", document.FileName);
        var webRoot = _app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        Assert.False(Path.GetFullPath(path).StartsWith(Path.GetFullPath(webRoot), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_AddsADocumentEntryToTheTimeline_RecordsInvolvement_AndAnnouncesTheCase()
    {
        var changes = new List<LiveChange>();
        using var _ = _app.Services.GetRequiredService<ILiveUpdates>().Subscribe(c =>
        {
            lock (changes)
            {
                changes.Add(c);
            }

            return Task.CompletedTask;
        });

        var document = await UploadAsync(_sam, "tutor email.png", SampleFiles.Png());

        await using var db = await DbAsync();
        var entry = await db.TimelineEntries.SingleAsync(e => e.CaseId == _case.Id);
        Assert.Equal((EntryKind.Document, document.Id, _sam.FindFirstValue(ClaimTypes.NameIdentifier)), (entry.Kind, entry.DocumentId, entry.RecordedBy));
        Assert.Equal(_clock.GetUtcNow(), (await db.Students.SingleAsync(s => s.Id == _case.StudentId)).LastInvolvementAt);
        Assert.Contains(new CaseChanged(_case.Id), changes);
    }

    [Fact]
    public async Task List_ShowsWhatWhoAndWhen_WithTheUploadersName()
    {
        var docx = SampleFiles.Docx();
        await UploadAsync(_sam, "personal statement.docx", docx);

        var rows = await _app.UseAsync<CaseDocumentService, IReadOnlyList<DocumentRow>>(s => s.ListAsync(_sam, _case.Id));

        var row = Assert.Single(rows);
        Assert.Equal(("personal statement.docx", DocumentType.Word, (long)docx.Length, Caseworker, _clock.GetUtcNow()), (row.FileName, row.Type, row.Size, row.UploadedBy, row.UploadedAt));
    }

    [Fact]
    public async Task Upload_StreamThatHandsOverAFewBytesAtATime_StillRecognisesTheType()
    {
        var docx = SampleFiles.Docx();

        var document = await UploadAsync(_sam, "statement.docx", docx.Length, new TrickleStream(new MemoryStream(docx), 7));

        Assert.Equal(DocumentType.Word, document.Type);
        Assert.Single(FilesOnDisk());
        Assert.Equal(docx, await DownloadedAsync(document));
    }

    [Fact]
    public async Task Upload_ExecutableRenamedPdf_IsRefusedWithTheReason_LeavingNoFileAndNoRow()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => UploadAsync(_sam, "invoice.pdf", SampleFiles.WindowsExecutable()));

        Assert.Equal("\"invoice.pdf\" is not really a PDF file, so it was not uploaded.", refused.Message);
        Assert.Empty(FilesOnDisk());
        Assert.Equal((0, 0), await RowsAsync());
    }

    [Fact]
    public async Task Upload_StreamLongerThanTheLimit_IsRefusedOnTheBytesRead_LeavingNoFileAndNoRow()
    {
        // The browser said 2 KB; the stream keeps going past 15 MB.
        var endless = new GeneratedStream(SampleFiles.Pdf(), DocumentRules.MaxBytes + (5 * 1024 * 1024));

        var refused = await Assert.ThrowsAsync<RuleException>(() => UploadAsync(_sam, "scan.pdf", 2048, endless));

        Assert.Equal("That file is larger than the 15 MB limit. Scan at a lower resolution or split it.", refused.Message);
        Assert.True(endless.Position <= DocumentRules.MaxBytes + (1024 * 1024), "kept reading long after the limit");
        Assert.Empty(FilesOnDisk());
        Assert.Equal((0, 0), await RowsAsync());
    }

    [Fact]
    public async Task Upload_DeclaredOverTheLimit_IsRefusedBeforeAnythingIsWritten()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => UploadAsync(_sam, "scan.pdf", DocumentRules.MaxBytes + 1, new GeneratedStream(SampleFiles.Pdf(), DocumentRules.MaxBytes + 1)));

        Assert.Contains("the limit is 15 MB", refused.Message);
        Assert.Empty(FilesOnDisk());
        Assert.Equal((0, 0), await RowsAsync());
    }

    [Fact]
    public async Task Upload_ShorterThanDeclared_IsRefusedAsIncomplete_LeavingNoFile()
    {
        var pdf = SampleFiles.Pdf();

        var refused = await Assert.ThrowsAsync<RuleException>(() => UploadAsync(_sam, "scan.pdf", pdf.Length + 100, new MemoryStream(pdf)));

        Assert.Contains("did not arrive whole", refused.Message);
        Assert.Empty(FilesOnDisk());
        Assert.Equal((0, 0), await RowsAsync());
    }

    [Fact]
    public async Task Upload_ClosedCase_IsRefused()
    {
        await using (var db = await DbAsync())
        {
            var found = await db.Cases.SingleAsync(c => c.Id == _case.Id);
            found.Close(new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.All).Counted(), "sam", _clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<RuleException>(() => UploadAsync(_sam, "late.pdf", SampleFiles.Pdf()));

        Assert.Equal("This case is closed; reopen it to change it.", refused.Message);
        Assert.Empty(FilesOnDisk());
    }

    [Fact]
    public async Task Reception_CannotUploadOrOpen_AndIsDeniedTheDownload()
    {
        var document = await UploadAsync(_sam, "appeal letter.pdf", SampleFiles.Pdf());
        var browser = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword);

        await Assert.ThrowsAsync<ForbiddenException>(() => UploadAsync(_reception, "more.pdf", SampleFiles.Pdf()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<CaseDocumentService, OpenedDocument?>(s => s.OpenAsync(_reception, _case.Id, document.Id)));
        var response = await browser.GetAsync(CasesSetup.DownloadPath(_case.Id, document.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Download_Anonymous_IsSentToSignIn()
    {
        var document = await UploadAsync(_sam, "appeal letter.pdf", SampleFiles.Pdf());

        var response = await StaffBrowserClient.Anonymous(_app).GetAsync(CasesSetup.DownloadPath(_case.Id, document.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Download_DocumentOfAnotherCase_IsNotFound()
    {
        var other = await OpenCaseAsync();
        var document = await UploadAsync(_sam, "other.pdf", SampleFiles.Pdf(), other.Id);
        var browser = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf(Caseworker), AppFactory.StaffPassword);

        var wrongCase = await browser.GetAsync(CasesSetup.DownloadPath(_case.Id, document.Id));
        var noSuchCase = await browser.GetAsync(CasesSetup.DownloadPath(Guid.NewGuid(), document.Id));
        var rightCase = await browser.GetAsync(CasesSetup.DownloadPath(other.Id, document.Id));

        Assert.Equal(HttpStatusCode.NotFound, wrongCase.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSuchCase.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightCase.StatusCode);
    }

    /// <summary>Hands over at most a few bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(Stream inner, int most) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, most));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer[..Math.Min(buffer.Length, most)], cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A long stream that starts with a real file's bytes and is zeros after, without holding it all in memory.</summary>
    private sealed class GeneratedStream(byte[] start, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            buffer[..n].Clear();
            if (_position < start.Length)
            {
                start.AsSpan((int)_position, Math.Min(n, start.Length - (int)_position)).CopyTo(buffer);
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
