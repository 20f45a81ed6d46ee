using DropIn.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>
/// The waiting-room board on the screens it is shown on (a TV in the waiting room, a phone, a tablet) and the door
/// poster, in real Chromium: they fit, they can be read from a distance, and axe finds nothing serious.
/// </summary>
public sealed class BoardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true, settings: AppFactory.AlwaysOpen());

    /// <summary>A busy session: two called and eighteen waiting, as many as three caseworkers see in two hours at 20 minutes each.</summary>
    public async ValueTask InitializeAsync()
    {
        var queue = new QueueHarness(_app);
        var reception = await queue.ReceptionAsync();
        for (var i = 1; i <= 20; i++)
        {
            await queue.CheckInAsync(reception, $"Student {i}");
        }

        await queue.CallNextAsync(await queue.CaseworkerAsync("Sam Caseworker"), "Advice room 1");
        await queue.CallNextAsync(await queue.CaseworkerAsync("Priya Caseworker"), "Interview room");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>What the board looks like on a screen, measured in the page.</summary>
    private sealed record BoardFit
    {
        public double ViewportWidth { get; init; }
        public double ViewportHeight { get; init; }
        public double ScrollWidth { get; init; }
        public double ScrollHeight { get; init; }
        public double BoardBottom { get; init; }
        public double PanelBottom { get; init; }
        public double QrTop { get; init; }
        public double QrBottom { get; init; }
        public double QrSize { get; init; }
        public double CallingFontSize { get; init; }
        public double WaitingFontSize { get; init; }
    }

    private const string Measure = """
        () => {
            const box = s => document.querySelector(s).getBoundingClientRect();
            const font = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
            const qr = box('.board-join svg');
            return {
                viewportWidth: window.innerWidth, viewportHeight: window.innerHeight,
                scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight,
                boardBottom: box('main.board').bottom, panelBottom: box('#board .board-panel').bottom,
                qrTop: qr.top, qrBottom: qr.bottom, qrSize: Math.min(qr.width, qr.height),
                callingFontSize: font('.board-calling .board-code'), waitingFontSize: font('.board-waiting .board-code'),
            };
        }
        """;

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task Board_OnALandscapeTv_FillsTheScreen_WithoutScrolling_ReadableFromAcrossTheRoom(int width, int height)
    {
        var page = await OpenBoardAsync(width, height);

        var fit = await page.EvaluateAsync<BoardFit>(Measure);

        // No scrollbars: nobody scrolls a TV.
        Assert.True(fit.ScrollWidth <= fit.ViewportWidth && fit.ScrollHeight <= fit.ViewportHeight, $"scrolls: {fit}");
        // The board fills the screen: it reaches the bottom, and the queue runs down to just above the footer line
        // (before, it used the top half and left the rest empty).
        Assert.True(Math.Abs(fit.BoardBottom - height) <= 2, $"the board ends at {fit.BoardBottom} of {height}px");
        Assert.True(fit.PanelBottom >= 0.85 * height, $"the queue ends at {fit.PanelBottom} of {height}px");
        // The QR code is wholly on screen and big enough to scan from a seat (a third of the height or more).
        Assert.True(fit.QrTop >= 0 && fit.QrBottom <= height && fit.QrSize >= height / 3.0, $"QR code: {fit}");
        // Numbers sized by the screen: a called one at least 6% of its height, a waiting one at least 3%.
        Assert.True(fit.CallingFontSize >= 0.06 * height && fit.WaitingFontSize >= 0.03 * height, $"type: {fit}");
        await Pages.AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData(320, 640)]
    [InlineData(768, 1024)]
    [InlineData(1366, 768)]
    public async Task Board_OnAPhoneTabletOrLaptop_ShowsTheQrCode_WithNoSidewaysScrolling(int width, int height)
    {
        var page = await OpenBoardAsync(width, height);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join the queue from your phone" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code", Exact = false })).ToBeVisibleAsync();
        var faults = await ScreenFit.FaultsAsync(page);
        Assert.True(faults.Count == 0, string.Join("\n", faults));
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Poster_FitsPhoneAndLaptop_PassesAxe_AndPrintsOnOneA4Page()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = _app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/board/poster");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Drop-in: join the queue from your phone");

        foreach (var (width, height) in new[] { (320, 640), (1366, 768) })
        {
            await page.SetViewportSizeAsync(width, height);
            var faults = await ScreenFit.FaultsAsync(page);
            Assert.True(faults.Count == 0, $"at {width}px: " + string.Join("\n", faults));
            await Pages.AssertAccessibleAsync(page);
        }

        // Printed as the browser prints it, with the page's own @page size: one A4 sheet (210 × 297 mm).
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page(?!s)"));
        var mediaBox = System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]");
        Assert.Equal(595, double.Parse(mediaBox.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1.0);
        Assert.Equal(842, double.Parse(mediaBox.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 1.0);
        await context.CloseAsync();
    }

    private async Task<IPage> OpenBoardAsync(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = _app.ServerAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/board");
        await page.Locator("#board[data-connected=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator(".board-waiting li")).ToHaveCountAsync(18);
        return page;
    }
}
