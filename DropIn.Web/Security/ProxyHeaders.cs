using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DropIn.Web.Security;

/// <summary>
/// Which client address and scheme a request has behind nginx. X-Forwarded-For and X-Forwarded-Proto are believed
/// only from the addresses in DropIn:Proxy:KnownProxies: anyone else could write any address there, and the rate
/// limits (<see cref="ClientRateLimit"/>) count per address. Without the setting the headers are ignored, as before.
/// </summary>
public static class ProxyHeaders
{
    public const string KnownProxiesKey = "DropIn:Proxy:KnownProxies";

    /// <summary>The proxies' addresses from configuration (an array: DropIn__Proxy__KnownProxies__0=10.0.0.5, …).</summary>
    /// <exception cref="InvalidOperationException">An entry is not an IP address (at start-up, naming it).</exception>
    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration configuration) =>
        configuration.GetSection(KnownProxiesKey).Get<string[]>()?
            .Where(entry => !string.IsNullOrWhiteSpace(entry))
            .Select(entry => IPAddress.TryParse(entry.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesKey} holds \"{entry}\", which is not an IP address (a host name is not accepted)."))
            .ToList() ?? [];

    public static WebApplicationBuilder AddDropInProxyHeaders(this WebApplicationBuilder builder)
    {
        var proxies = KnownProxies(builder.Configuration);
        // PostConfigure, so this wins over ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, which clears the lists and so trusts
        // whoever connects. A server still set up that way now trusts only this machine (127.0.0.0/8 and ::1) unless
        // the setting names the proxies.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list is still read by the middleware: it must not keep its default.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            if (proxies.Count == 0)
            {
                options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
                options.KnownProxies.Add(IPAddress.IPv6Loopback);
            }

            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after sees the client's address and scheme.</summary>
    public static WebApplication UseDropInProxyHeaders(this WebApplication app)
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED adds the same middleware itself; a second one would find nothing to do.
        if (KnownProxies(app.Configuration).Count > 0 && !app.Configuration.GetValue("FORWARDEDHEADERS_ENABLED", false))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
