using DropIn.Web.Data;

namespace DropIn.Web.Security.Audit;

/// <summary>`DropIn.Web verify-audit`: checks the audit trail from the command line (exit code 0 intact, 1 not), e.g. from cron.</summary>
public static class VerifyAuditCommand
{
    public const string Verb = "verify-audit";

    public static async Task<int> RunVerifyAuditAsync(this WebApplication app, TextWriter output)
    {
        foreach (var hosted in app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var result = await app.Services.GetRequiredService<AuditLog>().VerifyAsync();
        await output.WriteLineAsync(result.Intact ? $"OK: {result.Message}" : $"BROKEN: {result.Message}");
        return result.Intact ? 0 : 1;
    }
}
