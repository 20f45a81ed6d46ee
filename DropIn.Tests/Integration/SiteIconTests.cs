using System.Net;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Integration;

/// <summary>Browsers ask for /favicon.ico on every site; it is there, and every page names the icon it uses.</summary>
public sealed class SiteIconTests
{
    [Fact]
    public async Task FaviconIco_Anonymous_IsAnIcon()
    {
        await using var app = new AppFactory();
        var client = StaffBrowserClient.Anonymous(app);

        var response = await client.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0, 0, 1, 0], bytes[..4]); // the ICO header: reserved 0, type 1 (icon)
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/book")]
    [InlineData("/board")]
    public async Task Page_LinksAnIconThatIsServed(string path)
    {
        await using var app = new AppFactory();
        var client = StaffBrowserClient.Anonymous(app);

        var html = await client.GetStringAsync(path);
        var href = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"icon\" href=\"([^\"]+\\.svg)\"").Groups[1].Value;

        Assert.NotEqual("", href);
        var icon = await client.GetAsync("/" + href.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }
}
