namespace DropIn.Web.Data;

/// <summary>Where the app keeps what must survive a restart: the SQLite file and the Data Protection keys.</summary>
public static class DataFolder
{
    /// <summary>DropIn:DataFolder, absolute or relative to the content root; default App_Data. Created if missing.</summary>
    public static string Resolve(WebApplicationBuilder builder)
    {
        var folder = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["DropIn:DataFolder"] ?? "App_Data");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
