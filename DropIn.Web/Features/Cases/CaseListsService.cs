using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// The lists a manager keeps: case categories, the outcomes cases achieve, and the directory of services to refer students to. Nothing is deleted:
/// a retired entry stays on the cases and referrals that used it and only leaves the choices offered for new ones.
/// </summary>
public sealed class CaseListsService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer)
{
    /// <summary>The unique index caught a name another manager saved a moment after the check in the change.</summary>
    private static readonly ChangeOptions NameTaken =
        ChangeOptions.Report("That name was added by someone else a moment ago; choose another or reload the list.");

    public Task<IReadOnlyList<CaseCategory>> CategoriesAsync(ClaimsPrincipal user) => AllAsync<CaseCategory>(user);

    /// <summary>The categories offered when opening or recategorising a case.</summary>
    public Task<IReadOnlyList<CaseCategory>> ActiveCategoriesAsync(ClaimsPrincipal user) => ActiveAsync<CaseCategory>(user);

    public Task<CaseCategory> AddCategoryAsync(ClaimsPrincipal user, string name) => AddAsync(user, name, CaseCategory.Create);

    public Task<CaseCategory> RenameCategoryAsync(ClaimsPrincipal user, int id, string name) => RenameAsync<CaseCategory>(user, id, name);

    /// <exception cref="RuleException">Retiring the last category in use: no case could be opened.</exception>
    public Task<CaseCategory> SetCategoryActiveAsync(ClaimsPrincipal user, int id, bool active) => SetActiveAsync<CaseCategory>(user, id, active);

    public Task<IReadOnlyList<OutcomeKind>> OutcomeKindsAsync(ClaimsPrincipal user) => AllAsync<OutcomeKind>(user);

    /// <summary>The outcomes offered when closing a case.</summary>
    public Task<IReadOnlyList<OutcomeKind>> ActiveOutcomeKindsAsync(ClaimsPrincipal user) => ActiveAsync<OutcomeKind>(user);

    public Task<OutcomeKind> AddOutcomeKindAsync(ClaimsPrincipal user, string name) => AddAsync(user, name, OutcomeKind.Create);

    public Task<OutcomeKind> RenameOutcomeKindAsync(ClaimsPrincipal user, int id, string name) => RenameAsync<OutcomeKind>(user, id, name);

    /// <exception cref="RuleException">Retiring the last outcome in use: no case could be closed.</exception>
    public Task<OutcomeKind> SetOutcomeKindActiveAsync(ClaimsPrincipal user, int id, bool active) => SetActiveAsync<OutcomeKind>(user, id, active);

    public Task<IReadOnlyList<DropIn.Domain.Reviews.ReviewCriterion>> ReviewCriteriaAsync(ClaimsPrincipal user) => AllAsync<DropIn.Domain.Reviews.ReviewCriterion>(user);

    public Task<DropIn.Domain.Reviews.ReviewCriterion> AddReviewCriterionAsync(ClaimsPrincipal user, string name) => AddAsync(user, name, DropIn.Domain.Reviews.ReviewCriterion.Create);

    public Task<DropIn.Domain.Reviews.ReviewCriterion> RenameReviewCriterionAsync(ClaimsPrincipal user, int id, string name) => RenameAsync<DropIn.Domain.Reviews.ReviewCriterion>(user, id, name);

    /// <summary>A retired criterion is not asked in new reviews; completed reviews keep its score.</summary>
    /// <exception cref="RuleException">Retiring the last criterion in use: no file could be reviewed.</exception>
    public Task<DropIn.Domain.Reviews.ReviewCriterion> SetReviewCriterionActiveAsync(ClaimsPrincipal user, int id, bool active) => SetActiveAsync<DropIn.Domain.Reviews.ReviewCriterion>(user, id, active);

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

    private async Task<IReadOnlyList<T>> AllAsync<T>(ClaimsPrincipal user)
        where T : NamedListEntry
    {
        await authorizer.RequireAsync(user, Permissions.ManageCaseLists);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Set<T>().AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync();
    }

    private async Task<IReadOnlyList<T>> ActiveAsync<T>(ClaimsPrincipal user)
        where T : NamedListEntry
    {
        await authorizer.RequireAsync(user, Permissions.ViewCases);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Set<T>().AsNoTracking().Where(c => c.Active).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync();
    }

    private Task<T> AddAsync<T>(ClaimsPrincipal user, string name, Func<string, int, T> create)
        where T : NamedListEntry => ChangeAsync(user, async db =>
    {
        var order = await db.Set<T>().Select(c => (int?)c.SortOrder).MaxAsync() ?? -1;
        var entry = create(name, order + 1);
        await RequireUniqueAsync<T>(db, entry.Name, null);
        db.Set<T>().Add(entry);
        return entry;
    });

    private Task<T> RenameAsync<T>(ClaimsPrincipal user, int id, string name)
        where T : NamedListEntry => ChangeAsync(user, async db =>
    {
        var entry = await EntryAsync<T>(db, id);
        entry.Rename(name);
        await RequireUniqueAsync<T>(db, entry.Name, id);
        return entry;
    });

    private Task<T> SetActiveAsync<T>(ClaimsPrincipal user, int id, bool active)
        where T : NamedListEntry => ChangeAsync(user, async db =>
    {
        var entry = await EntryAsync<T>(db, id);
        if (!active && entry.Active && !await db.Set<T>().AnyAsync(c => c.Active && c.Id != id))
        {
            throw new RuleException($"Keep at least one {Words<T>().Noun} in use, or {Words<T>().Otherwise}.");
        }

        entry.SetActive(active);
        return entry;
    });

    /// <summary>How messages name an entry of each list, and what a case needs one for.</summary>
    private static (string Noun, string Article, string Otherwise) Words<T>() =>
        typeof(T) == typeof(CaseCategory) ? ("category", "a", "no case could be opened")
        : typeof(T) == typeof(OutcomeKind) ? ("outcome", "an", "no case could be closed")
        : ("criterion", "a", "no file could be reviewed");

    private static async Task<T> EntryAsync<T>(DropInDbContext db, int id)
        where T : NamedListEntry =>
        await db.Set<T>().SingleOrDefaultAsync(c => c.Id == id) ?? throw new RuleException($"That {Words<T>().Noun} no longer exists; reload the list.");

    // Compared ignoring case ("Housing" and "housing" in one list would only confuse whoever picks from it), in memory:
    // the lists are a few dozen rows, and SQL's case rules differ between providers.
    private static async Task RequireUniqueAsync<T>(DropInDbContext db, string name, int? except)
        where T : NamedListEntry
    {
        var others = await db.Set<T>().AsNoTracking().Where(c => c.Id != except).Select(c => c.Name).ToListAsync();
        if (others.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new RuleException($"There is already {Words<T>().Article} {Words<T>().Noun} called \"{name}\" (perhaps retired); restore or rename that one instead.");
        }
    }

    private async Task<T> ChangeAsync<T>(ClaimsPrincipal user, Func<DropInDbContext, Task<T>> change)
    {
        await authorizer.RequireAsync(user, Permissions.ManageCaseLists);
        return await changes.RunAsync(NameTaken, scope => change(scope.Db));
    }

    private static async Task<Signpost> SignpostAsync(DropInDbContext db, Guid id) =>
        await db.Signposts.SingleOrDefaultAsync(s => s.Id == id) ?? throw new RuleException("That service is no longer in the directory; reload the list.");

    private static async Task RequireUniqueSignpostAsync(DropInDbContext db, string name, Guid? except)
    {
        var others = await db.Signposts.AsNoTracking().Where(s => s.Id != except).Select(s => s.Name).ToListAsync();
        if (others.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new RuleException($"\"{name}\" is already in the directory (perhaps retired); restore or edit that entry instead.");
        }
    }
}
