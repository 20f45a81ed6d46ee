using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>
/// Every page and endpoint, asked with what a careless link, a fuzzer or a broken client sends: malformed values for
/// every query parameter it reads and every open route value, and empty or malformed bodies on every post, each by the
/// role that may use it. Nothing may answer with a server error, and every refusal says what was wrong.
/// </summary>
public sealed partial class BadInputTests : IAsyncLifetime
{
    private static readonly string[] Malformed =
    [
        "abc", "9999-12-31", "-1", "0001-01-01", "2147483648", " 1", "1e3", new string('x', 2000), "Zoë 😀 \u202E", "\0", "", "<script>alert(1)</script>", "%", "../../etc",
    ];

    private static readonly string[] RolesInOrder = [Roles.Reception, Roles.Caseworker, Roles.Manager, Roles.Admin, Roles.Assessor];

    private readonly AppFactory _app = new(settings: new Dictionary<string, string?> { ["DropIn:Appointments:PublicRequestsPerMinute"] = "1000000" });
    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly List<string> _wrong = [];

    public async ValueTask InitializeAsync()
    {
        _clients[""] = StaffBrowserClient.Anonymous(_app);
        foreach (var role in RolesInOrder)
        {
            await _app.StaffAsync($"Someone {role}", role);
            _clients[role] = role == Roles.Assessor
                ? await StaffBrowserClient.SignedInWithCodeAsync(_app, AppFactory.EmailOf($"Someone {role}"), AppFactory.StaffPassword, await _app.EnrolAuthenticatorAsync(AppFactory.EmailOf($"Someone {role}")), DateTimeOffset.UtcNow)
                : await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf($"Someone {role}"), AppFactory.StaffPassword);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryPage_MalformedAddressValues_AreAnsweredWithWords_NeverAServerError()
    {
        var routes = Routes().ToList();
        Assert.True(routes.Count >= 40, "the route list looks incomplete");
        foreach (var route in routes.Where(r => r.Get))
        {
            var client = ClientFor(route.Policy, route.Template);
            foreach (var path in Paths(route.Template))
            {
                await ExpectWordsAsync(client, HttpMethod.Get, path, content: null);
                foreach (var (name, _) in route.Query)
                {
                    foreach (var value in Malformed)
                    {
                        await ExpectWordsAsync(client, HttpMethod.Get, $"{path}?{name}={Uri.EscapeDataString(value)}", content: null);
                    }
                }
            }
        }

        Assert.True(_wrong.Count == 0, string.Join("\n", _wrong));
    }

    [Fact]
    public async Task EveryPost_EmptyOrMalformedBodies_AreAnsweredWithWords_NeverAServerError()
    {
        foreach (var route in Routes())
        {
            var client = ClientFor(route.Policy, route.Template);
            var path = Paths(route.Template).First();
            foreach (var body in Bodies())
            {
                await ExpectWordsAsync(client, HttpMethod.Post, path, body());
            }

            if (route.Get)
            {
                await PostFormsWithMalformedFieldsAsync(client, path);
            }
        }

        Assert.True(_wrong.Count == 0, string.Join("\n", _wrong));
    }

    [Theory]
    [InlineData("/book/times?week=abc")]
    [InlineData("/diary?date=9999-12-31")]
    [InlineData("/diary?date=0001-01-01")]
    [InlineData("/account/login?locked=yes")]
    public async Task TheReportedAddresses_AreA400SayingWhatWasExpected(string path)
    {
        var client = path.StartsWith("/diary", StringComparison.Ordinal) ? _clients[Roles.Reception] : _clients[""];

        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("This address has a value that cannot be used: \"", text, StringComparison.Ordinal);
        Assert.Matches("must be (a whole number|a date written yyyy-mm-dd)", text);
    }

    /// <summary>Every form a page serves without a circuit, posted with its token and a malformed value in every field.</summary>
    private async Task PostFormsWithMalformedFieldsAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return;
        }

        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var fields = FieldName().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(n => n is not ("__RequestVerificationToken" or "_handler")).Distinct().ToList();
        foreach (var handler in Handler().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct())
        {
            foreach (var value in Malformed)
            {
                var form = fields.ToDictionary(f => f, _ => value);
                form["__RequestVerificationToken"] = token;
                form["_handler"] = handler;
                await ExpectWordsAsync(client, HttpMethod.Post, path, new FormUrlEncodedContent(form));
            }
        }
    }

    private static IEnumerable<Func<HttpContent?>> Bodies() =>
    [
        () => null,
        () => new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded"),
        () => new StringContent("a=%ZZ&&==&_handler=%00&__RequestVerificationToken=", Encoding.UTF8, "application/x-www-form-urlencoded"),
        () => new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhalf a part", Encoding.UTF8, "multipart/form-data") { Headers = { ContentType = new("multipart/form-data") { Parameters = { new("boundary", "x") } } } },
        () => new StringContent("{\"returnUrl\": \"//evil.example\"", Encoding.UTF8, "application/json"),
        () => new ByteArrayContent([0xff, 0xfe, 0x00, 0x01]) { Headers = { ContentType = new("application/x-www-form-urlencoded") } },
    ];

    private async Task ExpectWordsAsync(HttpClient client, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var shown = path.Length > 120 ? path[..120] + "…" : path;
        if (status >= 500)
        {
            _wrong.Add($"{method} {shown}: {status}");
        }
        else if (status is >= 400 and not 404 && (Words().Count(text) < 4 || text.Contains("Page not found", StringComparison.Ordinal)))
        {
            _wrong.Add($"{method} {shown}: {status} without words saying what was wrong: \"{(text.Length > 80 ? text[..80] : text)}\"");
        }
    }

    private HttpClient ClientFor(string? policy, string template)
    {
        if (PermissionMatrixTests.IsPublic(template))
        {
            return _clients[""];
        }

        return _clients[RolesInOrder.First(role => policy is null || Permissions.Matrix[policy].Contains(role))];
    }

    /// <summary>Real addresses for a route: a fresh id for an id, and each malformed value for an open route value.</summary>
    private static IEnumerable<string> Paths(string template)
    {
        var withIds = Regex.Replace(template, @"\{[^}:]+:guid\}", _ => Guid.NewGuid().ToString());
        if (!withIds.Contains('{', StringComparison.Ordinal))
        {
            return [withIds];
        }

        // Not an empty segment (another route) nor NUL (the server refuses that in a path before the app sees it).
        return Malformed.Where(v => v.Length > 0 && v != "\0").Select(v => Regex.Replace(withIds, @"\{[^}]+\}", _ => Uri.EscapeDataString(v)));
    }

    private sealed record Route(string Template, string? Policy, bool Get, IReadOnlyList<(string Name, Type Type)> Query);

    /// <summary>Every page (with the query parameters it reads) and every endpoint (with its simple parameters that are not in the route).</summary>
    private IEnumerable<Route> Routes()
    {
        _ = _app.Server;
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (PermissionMatrixTests.IsFrameworkPlumbing(template) || template.StartsWith("/hubs/", StringComparison.Ordinal))
            {
                continue;
            }

            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
            {
                // A page answers GET and (for its forms) POST; listed once.
                if (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
                {
                    yield return new Route(template, policy, Get: true, QueryParameters(page.Type));
                }

                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
            var query = handler?.GetParameters()
                .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) is var t && (t == typeof(string) || t.IsPrimitive || t == typeof(Guid) || t == typeof(DateOnly)))
                .Where(p => endpoint.RoutePattern.GetParameter(p.Name!) is null)
                .Select(p => (p.Name!, p.ParameterType)).ToList() ?? [];
            yield return new Route(template, policy, methods.Contains("GET"), query);
        }
    }

    private static List<(string Name, Type Type)> QueryParameters(Type page) =>
        [.. page.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null)
            .Select(p => (p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()!.Name ?? p.Name, p.PropertyType))];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"_handler\" value=\"([^\"]+)\"")]
    private static partial Regex Handler();

    [GeneratedRegex("<(?:input|textarea|select)[^>]*\\sname=\"([^\"]+)\"")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();
}
