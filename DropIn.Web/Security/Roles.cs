namespace DropIn.Web.Security;

public static class Roles
{
    public const string Reception = nameof(Reception);
    public const string Caseworker = nameof(Caseworker);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    /// <summary>
    /// An external quality assessor (Advice Quality Standard): reads, masked, only the files of a visit a manager
    /// granted, while it lasts. Always signs in with a second factor, and never holds another role.
    /// </summary>
    public const string Assessor = nameof(Assessor);

    public static IReadOnlyList<string> All { get; } = [Reception, Caseworker, Manager, Admin, Assessor];
}
