namespace DropIn.Tests.Infrastructure;

/// <summary>The folder holding DropIn.sln, found upwards from the test binaries: tests that read the source tree start here.</summary>
public static class RepositoryRoot
{
    /// <exception cref="InvalidOperationException">No DropIn.sln above the test binaries.</exception>
    public static string Path
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "DropIn.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("DropIn.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
