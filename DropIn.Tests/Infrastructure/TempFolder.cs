namespace DropIn.Tests.Infrastructure;

public static class TempFolder
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "dropin-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
