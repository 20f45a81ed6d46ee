using System.Reflection;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DropIn.Tests.Infrastructure;
using DropIn.Tests.Integration;
using DropIn.Web.Data;
using DropIn.Web.Demo;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>
/// Every screen, staff and public, opened as the people who use it over demo-like data, at a phone (320 px), a
/// tablet (768 px, and 1180 px landscape for caseworkers) and a laptop (1366 × 768): none scrolls sideways, nothing
/// sticks out of its card or is cut off (a wide table in a focusable, labelled region excepted), every action in a
/// table row is in view, chart labels do not overlap, and axe finds nothing serious. Pages are found in the assembly,
/// so a new page is covered as soon as it has a route. Then the faults issue 12 named, one by one.
/// </summary>
public sealed class ScreenFitBrowserTests(BrowserFixture browser, ScreenFitBrowserTests.SeededApp seeded) : IClassFixture<ScreenFitBrowserTests.SeededApp>
{
    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    private static readonly int[] PhoneTabletLaptop = [320, 768, 1366];
    private static readonly int[] CaseworkerWidths = [320, 768, 1180, 1366];
    private static readonly string[] StaffRoles = [Roles.Reception, Roles.Caseworker, Roles.Manager, Roles.Admin, Roles.Assessor];

    private static readonly Dictionary<string, string> DemoEmail = new()
    {
        [Roles.Reception] = "reception@dropin.local",
        [Roles.Caseworker] = "caseworker@dropin.local",
        [Roles.Manager] = "manager@dropin.local",
        [Roles.Admin] = "admin@dropin.local",
        [Roles.Assessor] = "assessor@dropin.local",
    };

    /// <summary>Second looks at a page in another state it is used in: the diary's week, a search with results.</summary>
    private static readonly Dictionary<string, (string Name, Func<IPage, Task> Show)> OtherStates = new()
    {
        ["/diary"] = ("week view", async page =>
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Diary view" }).GetByRole(AriaRole.Button, new() { Name = "Week" }).ClickAsync();
            await page.GetByTestId("diary-week").WaitForAsync();
        }),
        ["/students"] = ("search results", async page =>
        {
            await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Textbox).FillAsync("a");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await page.GetByTestId("student-results").WaitForAsync();
        }),
    };

    /// <summary>One app over the demo data and the rows it lacks, shared by the tests here (they only read).</summary>
    public sealed class SeededApp : IAsyncLifetime
    {
        public AppFactory App { get; } = new(kestrel: true);

        public ScreenData Data { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Data = await ScreenData.SeedAsync(App);

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task EveryScreen_FitsPhoneTabletAndLaptop_ForEveryoneWhoUsesIt()
    {
        var faults = new List<string>();
        var checkedWithAxe = new HashSet<string>();
        foreach (var (role, routes) in Visits())
        {
            var page = await PageAsync(role, Laptop);
            foreach (var route in routes)
            {
                var path = seeded.Data.PathOf(route);
                var started = System.Diagnostics.Stopwatch.StartNew();
                await page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
                await OpenAsync(page, path);
                var where = $"{role ?? "public"} {path}";
                // axe once per page: the second role sees the same markup, give or take a button.
                faults.AddRange(await FaultsAtEveryWidthAsync(page, role, where, axe: checkedWithAxe.Add(route)));
                if (OtherStates.TryGetValue(route, out var state))
                {
                    await page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
                    try
                    {
                        await state.Show(page);
                        faults.AddRange(await FaultsAtEveryWidthAsync(page, role, $"{where} ({state.Name})", axe: false));
                    }
                    catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                    {
                        faults.Add($"{where}: could not show the {state.Name}: {ex.Message.Split('\n')[0]}");
                    }
                }

                TestContext.Current.TestOutputHelper?.WriteLine($"{where}: {started.ElapsedMilliseconds} ms");
            }

            await page.Context.CloseAsync();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"fit checks {FitTime.ElapsedMilliseconds} ms, axe {AxeTime.ElapsedMilliseconds} ms");
        Assert.True(faults.Count == 0, $"{faults.Count} fault(s):\n" + string.Join("\n", faults));
    }

    [Fact]
    public async Task Reception_OnALaptop_SeesEveryActionOfEveryWaitingRow_MovedUpToo()
    {
        var page = await PageAsync(Roles.Reception, Laptop);
        await OpenAsync(page, "/queue");

        var rows = page.GetByTestId("waiting-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(rows.Filter(new() { HasText = "Moved up" })).ToHaveCountAsync(1);
        for (var i = 0; i < 5; i++)
        {
            var code = (await rows.Nth(i).Locator(".ticket-code").InnerTextAsync()).Trim();
            await rows.Nth(i).EvaluateAsync("row => row.scrollIntoView({ block: 'center' })");
            foreach (var action in new[] { $"Edit {code}", $"Move {code} up", $"{code} has left" })
            {
                await Assertions.Expect(rows.Nth(i).GetByRole(AriaRole.Button, new() { Name = action })).ToBeInViewportAsync(new() { Ratio = 1 });
            }
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Reception_OnAPhone_ReadsEachWaitingRow_NameAndTopicOnTheirOwnLines_FlagsOnAFewLinesAtMost()
    {
        var page = await PageAsync(Roles.Reception, new() { Width = 320, Height = 640 });
        await OpenAsync(page, "/queue");

        var table = page.GetByTestId("waiting-table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(5);
        // In a row stacked on a phone, a cell's contents take the row's width below its label: beside it they were
        // squeezed into columns, names ran into topics and a chip's words broke two letters to a line.
        var squeezed = await table.EvaluateAsync<string[]>("""
            t => [...t.querySelectorAll('tbody td')].flatMap(td => {
                const lines = [...td.querySelectorAll(':scope > span')];
                const sideBySide = lines.slice(1).filter((e, i) => e.getBoundingClientRect().top < lines[i].getBoundingClientRect().bottom - 1)
                    .map(e => 'beside: ' + e.textContent.trim());
                const narrowChips = [...td.querySelectorAll('.mud-chip')]
                    .filter(c => c.getBoundingClientRect().height > 4 * parseFloat(getComputedStyle(c).fontSize))
                    .map(c => 'chip: ' + c.textContent.trim());
                return [...sideBySide, ...narrowChips];
            })
            """);

        Assert.True(squeezed.Length == 0, "squeezed: " + string.Join(" | ", squeezed));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Caseworker_OnATabletInLandscape_SeesEveryColumnOfTheQueue()
    {
        var page = await PageAsync(Roles.Caseworker, new() { Width = 1180, Height = 820 });
        await OpenAsync(page, "/queue/call");

        var table = page.GetByTestId("waiting-table");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(5);
        var headings = table.Locator("thead th");
        for (var i = 0; i < await headings.CountAsync(); i++)
        {
            await Assertions.Expect(headings.Nth(i)).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        var cells = table.Locator("tbody td");
        for (var i = 0; i < await cells.CountAsync(); i++)
        {
            await cells.Nth(i).EvaluateAsync("cell => cell.scrollIntoView({ block: 'center' })");
            await Assertions.Expect(cells.Nth(i)).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PublicPagesAndSignIn_ShowWhereKeyboardFocusIs()
    {
        var page = await PageAsync(null, new() { Width = 375, Height = 740 });
        var unseen = new List<string>();
        foreach (var path in new[] { "/book", "/contact", seeded.Data.PathOf("/book/manage/{Token}"), seeded.Data.PathOf("/feedback/{Token}"), "/account/login" })
        {
            await OpenAsync(page, path);
            await page.Locator("body").FocusAsync();
            for (var i = 0; i < 25; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var focused = await page.EvaluateAsync<string?>(FocusRing);
                if (focused is not null)
                {
                    unseen.Add($"{path}: {focused}");
                }
            }
        }

        Assert.True(unseen.Count == 0, "no visible focus on: " + string.Join("; ", unseen.Distinct()));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The focused link or button, described, when its focus ring is missing or too thin to see (WCAG 2.4.7: a solid
    /// outline of at least 2 px, in a colour with 3:1 contrast against the page's white or the header's blue).
    /// </summary>
    private const string FocusRing = """
        () => {
            const el = document.activeElement;
            if (!el || !el.matches('a[href], button')) return null;
            const s = getComputedStyle(el);
            const width = parseFloat(s.outlineWidth);
            const rgb = (s.outlineColor.match(/\d+(\.\d+)?/g) || []).map(Number);
            const luminance = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            let bg = el.parentElement; // the outline is drawn outside the element, over its parent
            while (bg && (getComputedStyle(bg).backgroundColor === 'rgba(0, 0, 0, 0)' || getComputedStyle(bg).backgroundColor === 'transparent')) bg = bg.parentElement;
            const back = bg ? getComputedStyle(bg).backgroundColor.match(/\d+(\.\d+)?/g).map(Number) : [255, 255, 255];
            const [hi, lo] = [luminance(rgb), luminance(back)].sort((a, b) => b - a);
            const contrast = (hi + 0.05) / (lo + 0.05);
            const visible = s.outlineStyle !== 'none' && width >= 2 && rgb.length >= 3 && (rgb.length < 4 || rgb[3] > 0.9) && contrast >= 3;
            return visible ? null : `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" (outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor})`;
        }
        """;

    /// <summary>
    /// The contrast of an element's text against the background it is drawn on (its own, or the nearest ancestor's that is
    /// not transparent), as WCAG 1.4.3 defines it, once its colours have stopped changing (a button fades between its
    /// states). Axe does not always judge a button's own fill.
    /// </summary>
    private const string TextContrast = """
        async el => {
            await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
            const rgb = c => (c.match(/\d+(\.\d+)?/g) || []).map(Number);
            const luminance = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            let bg = el;
            while (bg && (getComputedStyle(bg).backgroundColor === 'rgba(0, 0, 0, 0)' || getComputedStyle(bg).backgroundColor === 'transparent')) bg = bg.parentElement;
            const [hi, lo] = [luminance(rgb(getComputedStyle(el).color)), luminance(bg ? rgb(getComputedStyle(bg).backgroundColor) : [255, 255, 255])].sort((a, b) => b - a);
            return (hi + 0.05) / (lo + 0.05);
        }
        """;

    private static async Task AssertReadableAsync(ILocator button)
    {
        var contrast = await button.EvaluateAsync<double>(TextContrast);
        Assert.True(contrast >= 4.5, $"\"{await button.InnerTextAsync()}\" has text at {contrast:0.0}:1 against its background (WCAG 1.4.3: at least 4.5:1).");
    }

    [Fact]
    public async Task DiaryView_IsAGroupOfToggleButtons_NotCheckboxes_EachReadable()
    {
        var page = await PageAsync(Roles.Reception, Laptop);
        await OpenAsync(page, seeded.Data.PathOf("/diary"));

        var view = page.GetByRole(AriaRole.Group, new() { Name = "Diary view" });
        await Assertions.Expect(view.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(0);
        await Assertions.Expect(view.GetByRole(AriaRole.Button, new() { Name = "Day", Pressed = true })).ToBeVisibleAsync();
        await Assertions.Expect(view.GetByRole(AriaRole.Button, new() { Name = "Week", Pressed = false })).ToBeVisibleAsync();
        await AssertReadableAsync(view.GetByRole(AriaRole.Button, new() { Name = "Day" }));
        await AssertReadableAsync(view.GetByRole(AriaRole.Button, new() { Name = "Week" }));

        await view.GetByRole(AriaRole.Button, new() { Name = "Week" }).ClickAsync();

        await Assertions.Expect(view.GetByRole(AriaRole.Button, new() { Name = "Week", Pressed = true })).ToBeVisibleAsync();
        await Assertions.Expect(view.GetByRole(AriaRole.Button, new() { Name = "Day", Pressed = false })).ToBeVisibleAsync();
        // The chosen one is filled: its text must not take the fill's colour.
        await AssertReadableAsync(view.GetByRole(AriaRole.Button, new() { Name = "Week" }));
        await AssertReadableAsync(view.GetByRole(AriaRole.Button, new() { Name = "Day" }));
        await Assertions.Expect(page.GetByTestId("diary-week")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Statistics_AtSmallNumbers_ExplainWhatIsNotShown()
    {
        var page = await PageAsync(Roles.Manager, Laptop);
        await OpenAsync(page, "/statistics");

        // The demo's few appointments: "missed" is hidden, and the key says what ".." means right under the headlines.
        var missed = page.GetByTestId("headlines").Locator(".mud-paper", new() { HasText = "Share of appointments missed" });
        await Assertions.Expect(missed).ToContainTextAsync("..");
        await Assertions.Expect(page.GetByTestId("key-headlines")).ToContainTextAsync(".. means not shown, to protect the privacy of the people counted");
        // Five cases in a year publish as 5 in all but 0 in every month: no empty chart, but words saying why.
        await Assertions.Expect(page.GetByTestId("chart-cases")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("no-chart-cases")).ToContainTextAsync("Nothing to chart");
        // Every table with a ".." has its key beside it.
        var tables = page.Locator(".statistics-table");
        for (var i = 0; i < await tables.CountAsync(); i++)
        {
            if ((await tables.Nth(i).Locator("td").AllInnerTextsAsync()).Contains(".."))
            {
                await Assertions.Expect(tables.Nth(i).GetByText(".. means not shown")).ToBeVisibleAsync();
            }
        }

        await page.Context.CloseAsync();
    }

    private async Task<IPage> PageAsync(string? role, ViewportSize viewport) => role switch
    {
        null => await (await browser.Browser.NewContextAsync(new() { BaseURL = seeded.App.ServerAddress.ToString(), ViewportSize = viewport })).NewPageAsync(),
        Roles.Assessor => await Pages.SignedInWithCodeAsync(browser.Browser, seeded.App.ServerAddress, DemoEmail[role], DemoData.Password, seeded.Data.AssessorKey, viewport),
        _ => await Pages.SignedInPageAsync(browser.Browser, seeded.App.ServerAddress, DemoEmail[role], DemoData.Password, viewport),
    };

    private static readonly System.Diagnostics.Stopwatch FitTime = new(), AxeTime = new();

    private static async Task<List<string>> FaultsAtEveryWidthAsync(IPage page, string? role, string where, bool axe)
    {
        var faults = new List<string>();
        foreach (var width in role == Roles.Caseworker ? CaseworkerWidths : PhoneTabletLaptop)
        {
            FitTime.Start();
            await ResizeAsync(page, width);
            faults.AddRange((await ScreenFit.FaultsAsync(page)).Select(f => $"{where} at {width}px: {f}"));
            FitTime.Stop();
            if (axe && width == 320)
            {
                AxeTime.Start();
                faults.AddRange(await AxeFaultsAsync(page, where));
                AxeTime.Stop();
            }
        }

        return faults;
    }

    /// <summary>
    /// Who opens what: each staff page as reception and as a caseworker where they may (the two who work on a laptop and
    /// a tablet through a session), otherwise as a manager or the administrator; home as everyone; public pages as a visitor.
    /// </summary>
    private static IEnumerable<(string? Role, IReadOnlyList<string> Routes)> Visits()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, Policy: t.GetCustomAttribute<AuthorizeAttribute>()?.Policy)))
            .OrderBy(p => p.Template, StringComparer.Ordinal)
            .ToList();
        Assert.True(pages.Count >= 40, "the page list looks incomplete");

        yield return (null, [.. pages.Where(p => PermissionMatrixTests.IsPublic(p.Template)).Select(p => p.Template)]);
        var staffPages = pages.Where(p => !PermissionMatrixTests.IsPublic(p.Template)).ToList();
        foreach (var role in StaffRoles)
        {
            yield return (role, [.. staffPages.Where(p => Opens(role, p.Template, p.Policy)).Select(p => p.Template)]);
        }
    }

    private static bool Opens(string role, string template, string? policy)
    {
        if (template == "/")
        {
            return true;
        }

        var admitted = StaffRoles.Where(r => policy is null || Permissions.Matrix[policy].Contains(r)).ToList();
        var laptopOrTablet = admitted.Where(r => r is Roles.Reception or Roles.Caseworker).ToList();
        return laptopOrTablet.Count > 0
            ? laptopOrTablet.Contains(role) && (policy is not null || role == Roles.Reception)
            : admitted.FirstOrDefault() == role || (template == "/staff" && role == Roles.Admin);
    }

    /// <summary>Pages rendered once, without a circuit (e.g. "/not-found"): there is nothing more to wait for.</summary>
    private static readonly HashSet<string> StaticPaths =
    [
        .. typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<Microsoft.AspNetCore.Components.ExcludeFromInteractiveRoutingAttribute>() is not null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template)),
    ];

    /// <summary>Opens a page and waits until it has its data: interactive pages mark themselves ready; loaders go.</summary>
    private static async Task OpenAsync(IPage page, string path)
    {
        // The sweep opens about a hundred pages in a row; on a loaded machine one took longer than Playwright's
        // default 30 s to load (a shake run), which says nothing about how the page fits.
        await page.GotoAsync(path, new() { Timeout = 90_000 });
        if (!StaticPaths.Contains(path) && await page.Locator("[data-testid=ready]").CountAsync() > 0)
        {
            await page.Locator("[data-testid=ready][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }

        await Assertions.Expect(page.Locator(".mud-progress-linear")).ToHaveCountAsync(0);
    }

    /// <summary>Resizes and waits for two frames of layout (<see cref="ScreenFit"/> looks again at anything that is still settling).</summary>
    private static async Task ResizeAsync(IPage page, int width)
    {
        await page.SetViewportSizeAsync(width, width == 1366 ? 768 : width == 320 ? 640 : 1024);
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    }

    /// <summary>
    /// axe's WCAG 2.2 A and AA rules, reporting violations only: the same serious or critical failures the other
    /// browser tests look for, at a fraction of the time (passes are not itemised), which a sweep of every page needs.
    /// </summary>
    private static readonly AxeRunOptions WcagOnly = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        ResultTypes = [ResultType.Violations],
        Iframes = false,
    };

    private static async Task<IEnumerable<string>> AxeFaultsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(WcagOnly);
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where} at 320px, axe: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
    }
}
