using System.Net;
using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>The booking pages as a student's browser gets them: what the addresses carry, what a form pre-selects, what a refusal says.</summary>
public sealed partial class PublicPagesTests : IAsyncLifetime
{
    // Monday 23 November 2026, 08:00 London.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 8, 0);
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: new Dictionary<string, string?> { ["DropIn:Appointments:PublicRequestsPerMinute"] = "5" });
        _h = new AppointmentHarness(_app);
        await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task BookingSteps_NeverPutTheTopicInAnAddress()
    {
        using var client = StaffBrowserClient.Anonymous(_app);

        var start = await client.GetStringAsync("/book");
        var times = await client.GetStringAsync("/book/times?kind=InPerson&week=0");

        // The first step's form is sent by GET, so nothing it asks may be about the student's matter.
        var getForm = Regex.Match(start, "<form[^>]*method=\"get\"[^>]*>(.*?)</form>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("name=\"topic\"", getForm, StringComparison.OrdinalIgnoreCase);
        var links = Hrefs().Matches(times).Select(m => m.Groups[1].Value).Where(h => h.StartsWith("/book/details", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.DoesNotContain("topic", l, StringComparison.OrdinalIgnoreCase));
        var details = await client.GetStringAsync(WebUtility.HtmlDecode(links[0]));
        Assert.Contains("What would you like to talk about?", details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L)] // 1 January 1970: a made-up link
    [InlineData(1795417200L)] // Monday 23 November 2026 07:00 London, an hour before now: a link kept too long
    public async Task DetailsPage_ForATimeAlreadyPast_SaysItIsNotOffered_AndOffersNoForm(long start)
    {
        using var client = StaffBrowserClient.Anonymous(_app);

        var page = await client.GetStringAsync($"/book/details?kind=InPerson&start={start}");

        Assert.Contains("That time is not one we offer.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("What would you like to talk about?", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagePage_MoveChoosesNothingForTheStudent_AndEveryTimeSaysItsDay()
    {
        await _h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 25, 10, 0), AppointmentHarness.Booking()));
        var token = await _h.TokenFromEmailAsync("al123@cam.ac.uk");
        using var client = StaffBrowserClient.Anonymous(_app);

        var page = await client.GetStringAsync($"/book/manage/{token}");

        var select = Regex.Match(page, "<select[^>]*id=\"new-time\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        var options = Regex.Matches(select, "<option([^>]*)>([^<]*)</option>").ToList();
        Assert.NotEmpty(options);
        // Without a chosen empty first option a browser selects the first time, and one tap moves the appointment there.
        Assert.Equal("", Regex.Match(options[0].Groups[1].Value, "value=\"([^\"]*)\"").Groups[1].Value);
        foreach (var option in options.Skip(1))
        {
            Assert.Matches(new Regex(@"^(Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} (November|December) at \d\d:\d\d$"), WebUtility.HtmlDecode(option.Groups[2].Value));
            Assert.DoesNotContain("selected", option.Groups[1].Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ManagePage_SaysWhenATimeIsOnlyHeld_AndLeadsToConfirmingIt()
    {
        await _h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 25, 10, 0), AppointmentHarness.Booking()));
        var token = await _h.TokenFromEmailAsync("al123@cam.ac.uk");
        using var client = StaffBrowserClient.Anonymous(_app);

        var held = await client.GetStringAsync($"/book/manage/{token}");
        await _h.StudentAsync(s => s.ConfirmAsync(token));
        var confirmed = await client.GetStringAsync($"/book/manage/{token}");

        Assert.Contains("not yet confirmed", held, StringComparison.Ordinal);
        Assert.Contains($"href=\"/book/confirm/{token}\"", held, StringComparison.Ordinal);
        Assert.DoesNotContain("not yet confirmed", confirmed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManageLink_MistypedOrSpent_SaysItNoLongerWorks_NotThatItExpired()
    {
        using var client = StaffBrowserClient.Anonymous(_app);

        var page = await client.GetStringAsync("/book/manage/not-a-real-token");

        Assert.Contains("This link no longer works", page, StringComparison.Ordinal);
        Assert.Contains("not copied in full", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyRequests_SaysWhatHappenedAndWhenToTryAgain()
    {
        using var client = StaffBrowserClient.Anonymous(_app);
        HttpResponseMessage response = null!;
        for (var i = 0; i < 6; i++)
        {
            response = await client.GetAsync("/contact");
        }

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("not found", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Too many requests", page, StringComparison.Ordinal);
        Assert.Contains("try again", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Hrefs();
}
