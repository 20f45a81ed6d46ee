namespace DropIn.Web.Features.Disputes;

public static class DisputesSetup
{
    /// <summary>Disputes between students the service advises, and the information barriers they put up.</summary>
    public static WebApplicationBuilder AddDropInDisputes(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DisputeService>();
        return builder;
    }
}
