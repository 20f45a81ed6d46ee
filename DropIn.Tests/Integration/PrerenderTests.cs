using System.Net;
using System.Security.Claims;
using DropIn.Domain.Notifications;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Demo;
using DropIn.Web.Features.Conduct;
using DropIn.Web.Features.Enquiries;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>
/// Every staff page is rendered twice on opening: prerendered on the server (the HTML an HTTP GET returns), then
/// again live in the browser. A prerender is not the person seeing the page, so it writes nothing — except the
/// audit trail's record of a view, which is written once per person, session and record however often the page is
/// drawn. /notifications used to mark everything read while prerendering, so the live page never showed anything new.
/// </summary>
public sealed class PrerenderTests : IAsyncLifetime
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 30);
    private AppFactory _app = default!;
    private HttpClient _manager = default!;
    private string _managerId = "";

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        await _app.UseAsync<DemoData>(d => d.SeedAsync(CancellationToken.None));
        _manager = await StaffBrowserClient.SignedInAsync(_app, "manager@dropin.local", DemoData.Password);
        await using var db = await DbAsync();
        _managerId = (await db.Users.SingleAsync(u => u.Email == "manager@dropin.local")).Id;
    }

    public async ValueTask DisposeAsync()
    {
        _manager.Dispose();
        await _app.DisposeAsync();
    }

    private Task<DropInDbContext> DbAsync() => _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task Notifications_Prerendered_StayNewForTheLivePage()
    {
        await using (var db = await DbAsync())
        {
            db.Notifications.Add(new StaffNotification(_managerId, "Breached: the enquiry from Tom Whitfield was not acknowledged", "/enquiries", _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var page = WebUtility.HtmlDecode(await _manager.GetStringAsync("/notifications"));

        Assert.Contains("Tom Whitfield", page, StringComparison.Ordinal);
        Assert.Contains("· new", page, StringComparison.Ordinal);
        await using var after = await DbAsync();
        Assert.Equal(1, await after.Notifications.CountAsync(n => n.StaffId == _managerId && n.ReadAt == null));
    }

    [Fact]
    public async Task EveryStaffPage_Prerendered_WritesNothingButOneRecordOfAView()
    {
        await using (var db = await DbAsync())
        {
            db.Notifications.Add(new StaffNotification(_managerId, "Due today: acknowledge the enquiry from Mei Chen", "/enquiries", _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var routes = await RoutesAsync();
        var rendered = 0;
        foreach (var route in routes)
        {
            var before = await SnapshotAsync();
            var first = await _manager.GetAsync(route);
            if (first.StatusCode != HttpStatusCode.OK)
            {
                continue; // not this manager's page (e.g. administrators only)
            }

            rendered++;
            var afterFirst = await SnapshotAsync();
            var second = await _manager.GetAsync(route);
            var afterSecond = await SnapshotAsync();

            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.True(before.Rows.SequenceEqual(afterFirst.Rows) || OnlyAuditGrew(before, afterFirst), $"{route}: rows changed while prerendering: {Diff(before, afterFirst)}");
            Assert.Equal(before.UnreadNotifications, afterFirst.UnreadNotifications);
            Assert.All(await AuditActionsAfterAsync(before.LastAudit), action => Assert.Matches(ViewOfARecord, action));
            Assert.True(afterFirst.Rows.SequenceEqual(afterSecond.Rows), $"{route}: a second rendering wrote again: {Diff(afterFirst, afterSecond)}");
        }

        Assert.True(rendered >= 15, $"only {rendered} pages rendered");
    }

    [Fact]
    public async Task WithdrawalReviewList_ReadOnEachRendering_IsAuditedOnce()
    {
        var user = await _app.StaffAsync("Mo Manager", DropIn.Web.Security.Roles.Manager);

        for (var rendering = 0; rendering < 3; rendering++)
        {
            await _app.UseAsync<ConductService, IReadOnlyList<ReviewItem>>(c => c.ReviewListAsync(user));
        }

        await using var db = await DbAsync();
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.ActorId == id && e.Action == "conduct.review-list"));
    }

    /// <summary>What <c>AuditLog.ViewedAsync</c> writes: a view of a record or list, once per view window.</summary>
    private const string ViewOfARecord = @"^[a-z]+\.(view|letter|review-list)$";

    private async Task<List<string>> RoutesAsync()
    {
        await using var db = await DbAsync();
        var caseId = (await db.Cases.FirstAsync()).Id;
        var studentId = (await db.Students.FirstAsync(s => s.Name == "Aisha Rahman")).Id;
        return
        [
            "/", "/queue", "/queue/call", "/enquiries", "/notifications", "/diary", "/cases", "/cases/settings", $"/cases/{caseId}",
            "/students", "/students/new", $"/students/{studentId}", $"/students/{studentId}/conduct", $"/students/{studentId}/monitoring",
            "/conduct", "/disputes", "/complaints", "/retention", "/statistics", "/statistics/feedback", "/statistics/annual/2025", "/subject-access",
            "/audit", "/availability", "/staff",
        ];
    }

    private sealed record Snapshot(IReadOnlyList<(string Table, long Rows)> Rows, int UnreadNotifications, long LastAudit);

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataFolder, "dropin.db")}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new List<(string, long)>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            rows.Add((table, (long)(await count.ExecuteScalarAsync())!));
        }

        await using var db = await DbAsync();
        var unread = await db.Notifications.CountAsync(n => n.ReadAt == null);
        var lastAudit = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence) ?? 0;
        return new Snapshot(rows, unread, lastAudit);
    }

    private static bool OnlyAuditGrew(Snapshot before, Snapshot after) =>
        before.Rows.Zip(after.Rows).All(p => p.First == p.Second || p.First.Table == "AuditEntries");

    private static string Diff(Snapshot before, Snapshot after) =>
        string.Join(", ", before.Rows.Zip(after.Rows).Where(p => p.First != p.Second).Select(p => $"{p.First.Table} {p.First.Rows}→{p.Second.Rows}"));

    private async Task<List<string>> AuditActionsAfterAsync(long sequence)
    {
        await using var db = await DbAsync();
        return await db.AuditEntries.Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }
}
