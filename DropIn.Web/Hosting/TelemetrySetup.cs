using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DropIn.Web.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics over OTLP, switched on by the standard variables alone: OTEL_EXPORTER_OTLP_ENDPOINT
/// (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / _METRICS_ENDPOINT for one signal), with OTEL_EXPORTER_OTLP_PROTOCOL,
/// _HEADERS and OTEL_SERVICE_NAME read by the exporter as the specification says. Unset, nothing is registered.
/// </summary>
/// <remarks>
/// What a student tells the service must not leave in a trace:
/// <list type="bullet">
/// <item>EF Core spans carry the SQL text with literals replaced by the instrumentation, never parameter values. The
/// instrumentation records those only when OTEL_DOTNET_EXPERIMENTAL_EFCORE_ENABLE_TRACE_DB_QUERY_PARAMETERS is true
/// (its <c>SetDbQueryParameters</c>, not settable in code); a server set so refuses to start.</item>
/// <item>Request spans carry the route template, not the path: <c>/book/manage/{Token}</c>, never the token of a
/// student's private link. Query values are redacted by the instrumentation; exceptions are not recorded (their messages
/// can quote data).</item>
/// <item>On PostgreSQL, Npgsql adds its metrics (connections, command durations) but not its spans: they would repeat
/// every EF Core command with the raw SQL text.</item>
/// <item>The probes (/healthz, /readyz) are left out: a span every few seconds per server says nothing.</item>
/// </list>
/// </remarks>
public static class TelemetrySetup
{
    private const string ParameterValuesKey = "OTEL_DOTNET_EXPERIMENTAL_EFCORE_ENABLE_TRACE_DB_QUERY_PARAMETERS";

    public static WebApplicationBuilder AddDropInTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        bool Set(string key) => !string.IsNullOrWhiteSpace(configuration[key]);
        var traces = Set("OTEL_EXPORTER_OTLP_ENDPOINT") || Set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        var metrics = Set("OTEL_EXPORTER_OTLP_ENDPOINT") || Set("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        if (!traces && !metrics)
        {
            return builder;
        }

        if (configuration.GetValue(ParameterValuesKey, false))
        {
            throw new InvalidOperationException(
                $"{ParameterValuesKey} would copy the values of database queries, students' details among them, into traces. Remove it.");
        }

        var postgres = string.Equals(configuration["DropIn:Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (!Set("OTEL_SERVICE_NAME"))
                {
                    resource.AddService("DropIn");
                }
            });
        if (traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = http => !http.Request.Path.StartsWithSegments(HealthSetup.LivePath) && !http.Request.Path.StartsWithSegments(HealthSetup.ReadyPath);
                    options.RecordException = false;
                    options.EnrichWithHttpResponse = (activity, response) =>
                        activity.SetTag("url.path", (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
                })
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter());
        }

        if (metrics)
        {
            telemetry.WithMetrics(meters =>
            {
                meters.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.EntityFrameworkCore");
                if (postgres)
                {
                    meters.AddNpgsqlInstrumentation();
                }

                meters.AddOtlpExporter();
            });
        }

        return builder;
    }
}
