namespace DropIn.Web.Security;

public static class Roles
{
    public const string Reception = nameof(Reception);
    public const string Caseworker = nameof(Caseworker);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Reception, Caseworker, Manager, Admin];
}
