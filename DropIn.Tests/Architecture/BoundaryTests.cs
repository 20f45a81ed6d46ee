using System.Reflection;
using System.Xml.Linq;
using DropIn.Domain;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace DropIn.Tests.Architecture;

/// <summary>
/// The layers DESIGN.md draws, kept by the build: screens act through their feature's service (which authorises and
/// checks barriers before it reads), the data layer knows the domain but no feature, and the domain is plain C#.
/// </summary>
public sealed class BoundaryTests
{
    private static readonly Assembly Web = typeof(DropInDbContext).Assembly;

    /// <summary>
    /// A component that injected the data context, the staff accounts or the audit trail could read or write round
    /// the service method that checks permission and information barriers.
    /// </summary>
    [Fact]
    public void NoComponent_InjectsTheDatabaseTheStaffAccountsOrTheAuditTrail()
    {
        var offences = Web.GetTypes()
            .Where(type => typeof(IComponent).IsAssignableFrom(type))
            .SelectMany(type => type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(property => property.IsDefined(typeof(InjectAttribute)) && IsForbiddenInComponents(property.PropertyType))
                .Select(property => $"{type.FullName}.{property.Name}: {property.PropertyType.Name}"))
            .ToList();

        Assert.True(offences.Count == 0, "Inject the feature's service instead of:\n" + string.Join('\n', offences));
    }

    [Fact]
    public void TheDataLayer_DependsOnNoFeature()
    {
        var result = Types.InAssembly(Web)
            .That().ResideInNamespace("DropIn.Web.Data")
            .ShouldNot().HaveDependencyOnAny("DropIn.Web.Features")
            .GetResult();

        Assert.True(result.IsSuccessful, "Move the model into DropIn.Domain; Data/ uses:\n" + Explain(result));
    }

    [Fact]
    public void TheDomain_HasNoPackageAndNoFrameworkDependency()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Path, "DropIn.Domain", "DropIn.Domain.csproj"));
        var packages = project.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference")
            .Select(e => (string?)e.Attribute("Include") ?? "?").ToList();
        Assert.True(packages.Count == 0, "DropIn.Domain is plain C#; it references: " + string.Join(", ", packages));

        var result = Types.InAssembly(typeof(RuleException).Assembly)
            .ShouldNot().HaveDependencyOnAny("Microsoft", "DropIn.Web")
            .GetResult();
        Assert.True(result.IsSuccessful, "DropIn.Domain uses:\n" + Explain(result));
    }

    private static bool IsForbiddenInComponents(Type type) =>
        type == typeof(DropInDbContext)
        || type == typeof(IDbContextFactory<DropInDbContext>)
        || type == typeof(AuditLog)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(UserManager<>));

    private static string Explain(NetArchTest.Rules.TestResult result) =>
        string.Join('\n', result.FailingTypes?.Select(type => $"{type.FullName}: {type.Explanation}") ?? []);
}
