namespace DropIn.Web.Data;

/// <summary>
/// Where the app keeps what must survive a restart: the SQLite file, the Data Protection keys, the audit key and head,
/// and the documents. In cluster mode it is the folder every instance mounts (shared storage).
/// </summary>
public static class DataFolder
{
    public const string Setting = "DropIn:DataFolder";

    /// <summary>The Data Protection key ring, the audit key and the audit head: never in the database.</summary>
    public const string KeysFolderName = "keys";

    /// <summary>DropIn:DataFolder, absolute or relative to the content root; default App_Data. Created if missing.</summary>
    public static string Resolve(WebApplicationBuilder builder) => Resolve(builder.Configuration, builder.Environment.ContentRootPath);

    /// <inheritdoc cref="Resolve(WebApplicationBuilder)"/>
    public static string Resolve(IConfiguration configuration, string contentRoot)
    {
        var folder = Path.Combine(contentRoot, configuration[Setting] ?? "App_Data");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The keys folder inside the data folder (not created here).</summary>
    public static string Keys(string dataFolder) => Path.Combine(dataFolder, KeysFolderName);
}
