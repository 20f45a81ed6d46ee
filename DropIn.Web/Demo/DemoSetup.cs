namespace DropIn.Web.Demo;

public static class DemoSetup
{
    /// <summary>
    /// The demo staff and a day of demo data, seeded at start-up in Development only. Call after
    /// <c>AddDropInData</c>: hosted services start in the order they are added, so the database is migrated first.
    /// </summary>
    public static WebApplicationBuilder AddDropInDemo(this WebApplicationBuilder builder)
    {
        // Registered in every environment so that tests can seed the same data on purpose.
        builder.Services.AddScoped<DemoData>();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
    }
}
