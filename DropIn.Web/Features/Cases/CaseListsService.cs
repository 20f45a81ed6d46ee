using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// The lists a manager keeps: case categories and the directory of services to refer students to. Nothing is deleted:
/// a retired entry stays on the cases and referrals that used it and only leaves the choices offered for new ones.
/// </summary>
public sealed class CaseListsService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer)
{
    /// <summary>The unique index caught a name another manager saved a moment after the check in the change.</summary>
    private static readonly ChangeOptions NameTaken =
        ChangeOptions.Report("That name was added by someone else a moment ago; choose another or reload the list.");

    public async Task<IReadOnlyList<CaseCategory>> CategoriesAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ManageCaseLists);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.CaseCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync();
    }

    /// <summary>The categories offered when opening or recategorising a case.</summary>
    public async Task<IReadOnlyList<CaseCategory>> ActiveCategoriesAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ViewCases);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.CaseCategories.AsNoTracking().Where(c => c.Active).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync();
    }

    public Task<CaseCategory> AddCategoryAsync(ClaimsPrincipal user, string name) => ChangeAsync(user, async db =>
    {
        var order = await db.CaseCategories.Select(c => (int?)c.SortOrder).MaxAsync() ?? -1;
        var category = CaseCategory.Create(name, order + 1);
        await RequireUniqueCategoryAsync(db, category.Name, null);
        db.CaseCategories.Add(category);
        return category;
    });

    public Task<CaseCategory> RenameCategoryAsync(ClaimsPrincipal user, int id, string name) => ChangeAsync(user, async db =>
    {
        var category = await CategoryAsync(db, id);
        category.Rename(name);
        await RequireUniqueCategoryAsync(db, category.Name, id);
        return category;
    });

    public Task<CaseCategory> SetCategoryActiveAsync(ClaimsPrincipal user, int id, bool active) => ChangeAsync(user, async db =>
    {
        var category = await CategoryAsync(db, id);
        if (!active && category.Active && !await db.CaseCategories.AnyAsync(c => c.Active && c.Id != id))
        {
            throw new RuleException("Keep at least one category in use, or no case could be opened.");
        }

        category.SetActive(active);
        return category;
    });

    public async Task<IReadOnlyList<Signpost>> SignpostsAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ManageCaseLists);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Signposts.AsNoTracking().OrderBy(s => s.Name).ToListAsync();
    }

    /// <summary>The services offered when recording a referral.</summary>
    public async Task<IReadOnlyList<Signpost>> ActiveSignpostsAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ViewCases);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Signposts.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Name).ToListAsync();
    }

    public Task<Signpost> AddSignpostAsync(ClaimsPrincipal user, string name, string? description, string? contact) => ChangeAsync(user, async db =>
    {
        var signpost = Signpost.Create(name, description, contact);
        await RequireUniqueSignpostAsync(db, signpost.Name, null);
        db.Signposts.Add(signpost);
        return signpost;
    });

    public Task<Signpost> UpdateSignpostAsync(ClaimsPrincipal user, Guid id, string name, string? description, string? contact) => ChangeAsync(user, async db =>
    {
        var signpost = await SignpostAsync(db, id);
        signpost.Update(name, description, contact);
        await RequireUniqueSignpostAsync(db, signpost.Name, id);
        return signpost;
    });

    public Task<Signpost> SetSignpostActiveAsync(ClaimsPrincipal user, Guid id, bool active) => ChangeAsync(user, async db =>
    {
        var signpost = await SignpostAsync(db, id);
        signpost.SetActive(active);
        return signpost;
    });

    private async Task<T> ChangeAsync<T>(ClaimsPrincipal user, Func<DropInDbContext, Task<T>> change)
    {
        await authorizer.RequireAsync(user, Permissions.ManageCaseLists);
        return await changes.RunAsync(NameTaken, scope => change(scope.Db));
    }

    private static async Task<CaseCategory> CategoryAsync(DropInDbContext db, int id) =>
        await db.CaseCategories.SingleOrDefaultAsync(c => c.Id == id) ?? throw new RuleException("That category no longer exists; reload the list.");

    private static async Task<Signpost> SignpostAsync(DropInDbContext db, Guid id) =>
        await db.Signposts.SingleOrDefaultAsync(s => s.Id == id) ?? throw new RuleException("That service is no longer in the directory; reload the list.");

    // Compared ignoring case ("Housing" and "housing" in one list would only confuse whoever picks from it), in memory:
    // the lists are a few dozen rows, and SQL's case rules differ between providers.
    private static async Task RequireUniqueCategoryAsync(DropInDbContext db, string name, int? except)
    {
        var others = await db.CaseCategories.AsNoTracking().Where(c => c.Id != except).Select(c => c.Name).ToListAsync();
        if (others.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new RuleException($"There is already a category called \"{name}\" (perhaps retired); restore or rename that one instead.");
        }
    }

    private static async Task RequireUniqueSignpostAsync(DropInDbContext db, string name, Guid? except)
    {
        var others = await db.Signposts.AsNoTracking().Where(s => s.Id != except).Select(s => s.Name).ToListAsync();
        if (others.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new RuleException($"\"{name}\" is already in the directory (perhaps retired); restore or edit that entry instead.");
        }
    }
}
