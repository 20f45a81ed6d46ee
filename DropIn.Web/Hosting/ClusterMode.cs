namespace DropIn.Web.Hosting;

/// <summary>
/// DropIn:Cluster:Enabled = true: several instances share one database and one data folder behind a proxy. Default
/// false, the embedded single server. What a cluster instance must not keep to itself is checked by
/// <see cref="ClusterReadiness"/> before it starts.
/// </summary>
public static class ClusterMode
{
    public const string Setting = "DropIn:Cluster:Enabled";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(Setting, false);
}
