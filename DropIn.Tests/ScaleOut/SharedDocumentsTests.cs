using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Retention;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// Two app instances over one data folder: a document uploaded on one opens on the other, retention run by either
/// removes it for both, and both sweeping orphaned case folders at the same moment removes them all without an error.
/// </summary>
public sealed class SharedDocumentsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2019, 11, 20, 11, 0);
    private readonly string _dataFolder = TempFolder.Create();
    private AppFactory _a = default!;
    private AppFactory _b = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _manager = default!;

    public async ValueTask InitializeAsync()
    {
        _a = new AppFactory(_dataFolder, clock: _clock);
        _sam = await _a.StaffAsync("Sam Okafor", Roles.Caseworker);
        _manager = await _a.StaffAsync("Mo Manager", Roles.Manager);
        _b = new AppFactory(_dataFolder, clock: _clock);
        _ = _b.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    private string DocumentsFolder => Path.Combine(_dataFolder, "documents");

    [Fact]
    public async Task ADocumentUploadedOnOneInstance_OpensOnTheOther_AndRetentionOnEitherRemovesItForBoth()
    {
        var bytes = SampleFiles.Pdf();
        var student = await _a.UseAsync<StudentService, Student>(s => s.RegisterAsync(_sam, new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk"), confirmedNotDuplicate: true));
        var category = await _a.UseAsync<DropInDbContext, int>(db => db.CaseCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync());
        var opened = await _a.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, student.Id, category, "Appeal against a fail mark"));
        var uploaded = await _a.UseAsync<CaseDocumentService, CaseDocument>(d => d.UploadAsync(_sam, opened.Id, "letter.pdf", bytes.Length, new MemoryStream(bytes)));

        var onB = await _b.UseAsync<CaseDocumentService, byte[]>(async d =>
        {
            var document = (await d.OpenAsync(_sam, opened.Id, uploaded.Id))!;
            await using var content = document.Content;
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            return copy.ToArray();
        });
        Assert.Equal(bytes, onB);

        // Seven years on, a manager on A confirms the review and B's nightly run destroys the record.
        _clock.SetUtcNow(London.At(2026, 11, 2, 10, 0));
        await _a.UseAsync<RetentionService, int>(r => r.ConfirmReviewAsync(_manager));
        _clock.SetUtcNow(London.At(2026, 12, 1, 2, 30));
        var counts = await _b.Services.GetRequiredService<RetentionRunner>().RunAsync();

        Assert.Equal((1, 1), (counts.Students, counts.Documents));
        Assert.False(Directory.Exists(Path.Combine(DocumentsFolder, opened.Id.ToString("N"))));
        await Assert.ThrowsAsync<RuleException>(() => _a.UseAsync<CaseDocumentService, OpenedDocument?>(d => d.OpenAsync(_sam, opened.Id, uploaded.Id)));
    }

    [Fact]
    public async Task TwoInstancesSweepingOrphanedFoldersAtOnce_RemoveThemAll_WithoutAnError()
    {
        // Case folders left behind with no case (a crash between destroying the rows and the files), many files each.
        var longAgo = _clock.GetUtcNow().UtcDateTime.AddDays(-3);
        var orphans = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();
        foreach (var orphan in orphans)
        {
            var folder = Directory.CreateDirectory(Path.Combine(DocumentsFolder, orphan.ToString("N")));
            for (var i = 0; i < 30; i++)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder.FullName, Guid.NewGuid().ToString("N")), [1, 2, 3]);
            }

            Directory.SetLastWriteTimeUtc(folder.FullName, longAgo);
        }

        var failures = await AtOnce.RunAsync(
            () => _a.Services.GetRequiredService<RetentionRunner>().RunAsync(),
            () => _b.Services.GetRequiredService<RetentionRunner>().RunAsync());

        Assert.All(failures, Assert.Null);
        Assert.Empty(Directory.EnumerateDirectories(DocumentsFolder));
    }
}
