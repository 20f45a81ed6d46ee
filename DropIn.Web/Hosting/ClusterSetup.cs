namespace DropIn.Web.Hosting;

public static class ClusterSetup
{
    /// <summary>
    /// In cluster mode, the check that nothing is still local to this host (<see cref="ClusterReadiness"/>). Called
    /// first in Program.cs so that its check starts before any other hosted service's.
    /// </summary>
    public static WebApplicationBuilder AddDropInCluster(this WebApplicationBuilder builder)
    {
        if (ClusterMode.IsEnabled(builder.Configuration))
        {
            builder.Services.AddHostedService<ClusterReadiness>();
        }

        return builder;
    }
}
