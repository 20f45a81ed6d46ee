namespace DropIn.Web.Features.Conduct;

public static class ConductSetup
{
    public static WebApplicationBuilder AddDropInConduct(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConductService>();
        return builder;
    }
}
