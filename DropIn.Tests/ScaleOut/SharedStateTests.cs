using System.Text;
using DropIn.Domain.Cases;
using DropIn.Tests.Browser;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace DropIn.Tests.ScaleOut;

/// <summary>Check 4: what one instance writes or signs, every other instance reads; what is confidential stays encrypted where it is stored.</summary>
[Collection<ScaleOutCollection>]
public sealed class SharedStateTests(BrowserFixture browser, ScaleOutCluster cluster, ITestOutputHelper output) : ClusterCheck(cluster, output)
{
    private const int DownloadsEach = 20;

    [Fact]
    public async Task NoteDocumentCookieAndAuditTrail_WrittenOnA_AreReadOnB()
    {
        Say("Check 4: a case note saved on A reads back on B and is only ciphertext in PostgreSQL; a document uploaded on A downloads byte-identical from B; " +
            $"A's sign-in cookie works on B; after {DownloadsEach} downloads on each instance at once, verify-audit reports one intact chain holding entries from both.");
        var samPrincipal = Cluster.Principal("Sam Okafor");
        var student = await Cluster.Seeder.UseAsync<StudentService, Student>(s => s.RegisterAsync(Cluster.Principal("Rita Reception"), new StudentProfile("Imogen Threlfall", Email: "it301@cam.ac.uk")));
        var category = (await Cluster.Seeder.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(samPrincipal)))[0];
        var @case = await Cluster.Seeder.UseAsync<CaseService, Case>(c => c.OpenAsync(samPrincipal, student.Id, category.Id, "Appeal against a late-submission penalty"));
        var path = $"/cases/{@case.Id}";

        // The cookie: signed in on A only, then B in the same browser.
        var onA = await Cluster.SignInAsync(browser.Browser, Cluster.A.Address, "Sam Okafor", Pages.Tablet);
        await Pages.GotoInteractiveAsync(onA, path);
        var onB = await onA.Context.NewPageAsync();
        await onB.GotoAsync(new Uri(Cluster.B.Address, path).ToString());
        Assert.DoesNotContain("/account/login", onB.Url, StringComparison.Ordinal);
        await onB.Locator("[data-testid=ready][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        using var withACookie = await WithCookiesOfAsync(onA.Context);
        using (var page = await withACookie.GetAsync(new Uri(Cluster.B.Address, path)))
        {
            Say($"A's cookie on B: the case page opens in the browser, and a plain request with only that cookie gets {(int)page.StatusCode}.");
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        }

        // The note: saved on A, read on B (a page loaded afresh; live updates are check 1's).
        var marker = "Quenby" + Guid.NewGuid().ToString("N")[..12];
        var note = $"She said {marker} wrote the extension email for her.";
        await onA.GetByTestId("quick-note").FillAsync(note);
        await onA.GetByRole(AriaRole.Button, new() { Name = "Save entry" }).ClickAsync();
        await Assertions.Expect(onA.GetByTestId("timeline")).ToContainTextAsync(marker);
        await Pages.GotoInteractiveAsync(onB, new Uri(Cluster.B.Address, path).ToString());
        await Assertions.Expect(onB.GetByTestId("timeline")).ToContainTextAsync(marker);
        Say("Note: saved on A, and B shows it.");

        var stored = await StoredTextsAsync(@case.Id);
        var found = await WhereStoredAsync(Encoding.UTF8.GetBytes(marker));
        Say($"In PostgreSQL: the case's {stored.Count} timeline texts all begin {FieldProtection.Prefix} (ciphertext): {stored.All(t => t.StartsWith(FieldProtection.Prefix, StringComparison.Ordinal))}; " +
            $"columns holding the note's words in plain: {(found.Count == 0 ? "none" : string.Join(", ", found))}.");
        Assert.NotEmpty(stored);
        Assert.All(stored, t => Assert.StartsWith(FieldProtection.Prefix, t, StringComparison.Ordinal));
        Assert.Empty(found);

        // The document: uploaded on A, downloaded from B, byte for byte; never stored in plain.
        var fileMarker = "Tamsin" + Guid.NewGuid().ToString("N")[..12];
        var pdf = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(SampleFiles.Pdf()).Replace("%%EOF", $"% {fileMarker}\n%%EOF", StringComparison.Ordinal));
        await onA.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "extension-email.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Assertions.Expect(onA.GetByTestId("case-documents")).ToContainTextAsync("extension-email.pdf");
        await Pages.GotoInteractiveAsync(onB, new Uri(Cluster.B.Address, path).ToString());
        var link = onB.GetByTestId("case-documents").GetByRole(AriaRole.Link, new() { Name = "extension-email.pdf" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        var download = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("The document has no link on B.");
        var fromB = await withACookie.GetByteArrayAsync(new Uri(Cluster.B.Address, download));
        var inPlain = (await WhereStoredAsync(Encoding.ASCII.GetBytes(fileMarker))).Concat(FilesHolding(Encoding.ASCII.GetBytes(fileMarker))).ToList();
        Say($"Document: {pdf.Length} bytes uploaded on A; {fromB.Length} bytes downloaded from B, identical: {fromB.AsSpan().SequenceEqual(pdf)}; " +
            $"stored in plain anywhere: {(inPlain.Count == 0 ? "no" : string.Join(", ", inPlain))}.");
        Assert.Equal(pdf, fromB);
        Assert.Empty(inPlain);

        // The audit trail: downloads on both instances at once, each one audited, all in one chain.
        var downloads = await Task.WhenAll(Enumerable.Range(0, DownloadsEach * 2).Select(async i =>
            await withACookie.GetByteArrayAsync(new Uri((i % 2 == 0 ? Cluster.A : Cluster.B).Address, download))));
        Assert.All(downloads, bytes => Assert.Equal(pdf, bytes));
        var documentId = download.Split('/')[^1];
        var (exit, output) = await Cluster.RunVerbAsync("verify-audit");
        var verified = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("OK:", StringComparison.Ordinal) || l.StartsWith("BROKEN:", StringComparison.Ordinal)) ?? output;
        var (entries, audited) = await Cluster.Seeder.UseAsync<IDbContextFactory<DropInDbContext>, (int, int)>(async factory =>
        {
            await using var db = await factory.CreateDbContextAsync();
            return (await db.AuditEntries.CountAsync(), await db.AuditEntries.CountAsync(e => e.Action == "document.download" && e.RecordId == documentId));
        });
        Say($"Audit: {DownloadsEach * 2 + 1} downloads ({DownloadsEach + 1} on B, {DownloadsEach} on A, half of them at the same moment); " +
            $"{audited} download entries for the document in a trail of {entries}; verify-audit exit {exit}: {verified}");
        Assert.Equal(DownloadsEach * 2 + 1, audited);
        Assert.Equal(0, exit);
        Assert.StartsWith("OK:", verified, StringComparison.Ordinal);
    }

    /// <summary>A plain HTTP client carrying the cookies a browser context holds for 127.0.0.1 (every port).</summary>
    private static async Task<HttpClient> WithCookiesOfAsync(IBrowserContext context)
    {
        var cookies = await context.CookiesAsync();
        var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        return http;
    }

    /// <summary>The case's timeline texts as PostgreSQL holds them (table and column names from the app's model).</summary>
    private async Task<List<string>> StoredTextsAsync(Guid caseId)
    {
        var (table, text, @case) = await Cluster.Seeder.UseAsync<IDbContextFactory<DropInDbContext>, (string, string, string)>(async factory =>
        {
            await using var db = await factory.CreateDbContextAsync();
            var entry = db.Model.FindEntityType(typeof(TimelineEntry))!;
            var name = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entry.GetTableName()!, entry.GetSchema());
            return (entry.GetTableName()!, entry.FindProperty(nameof(TimelineEntry.Text))!.GetColumnName(name)!, entry.FindProperty(nameof(TimelineEntry.CaseId))!.GetColumnName(name)!);
        });
        await using var connection = new NpgsqlConnection(Cluster.OwnerConnection);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand($"SELECT \"{text}\" FROM \"{table}\" WHERE \"{@case}\" = @case", connection);
        select.Parameters.AddWithValue("case", caseId);
        var texts = new List<string>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    /// <summary>Every text or binary column of every table in the cluster's database that holds <paramref name="plain"/> as it is.</summary>
    private async Task<List<string>> WhereStoredAsync(byte[] plain)
    {
        await using var connection = new NpgsqlConnection(Cluster.OwnerConnection);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'character varying', 'bytea', 'json', 'jsonb')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var found = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var holds = type == "bytea" ? $"position(@plain in \"{column}\") > 0" : $"strpos(\"{column}\"::text, @text) > 0";
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE {holds}", connection);
            count.Parameters.AddWithValue("plain", plain);
            count.Parameters.AddWithValue("text", Encoding.UTF8.GetString(plain));
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                found.Add($"{table}.{column}");
            }
        }

        return found;
    }

    /// <summary>Files in the shared data folder that hold <paramref name="plain"/> as it is.</summary>
    private IEnumerable<string> FilesHolding(byte[] plain) =>
        Directory.EnumerateFiles(Cluster.DataFolder, "*", SearchOption.AllDirectories)
            .Where(file => File.ReadAllBytes(file).AsSpan().IndexOf(plain) >= 0)
            .Select(file => Path.GetRelativePath(Cluster.DataFolder, file));
}
