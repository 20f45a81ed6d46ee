using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Security;

namespace DropIn.Tests.Integration;

public sealed class CaseListsTests : IAsyncLifetime
{
    private AppFactory _app = default!;
    private ClaimsPrincipal _manager = default!;
    private ClaimsPrincipal _sam = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory();
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<T> ListsAsync<T>(Func<CaseListsService, Task<T>> use) => _app.UseAsync(use);

    [Fact]
    public async Task Categories_StartWithTheDefaults_AndAnAddedOneComesLastAndIsOffered()
    {
        var added = await ListsAsync(l => l.AddCategoryAsync(_manager, "  Accommodation deposit  "));

        var all = await ListsAsync(l => l.CategoriesAsync(_manager));
        var offered = await ListsAsync(l => l.ActiveCategoriesAsync(_sam));

        Assert.Equal("Accommodation deposit", added.Name);
        Assert.Equal([.. CaseCategory.Defaults, "Accommodation deposit"], all.Select(c => c.Name));
        Assert.Contains(offered, c => c.Id == added.Id);
    }

    [Fact]
    public async Task AddCategory_DuplicateNameInAnyCase_IsRefusedWithAClearMessage()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => ListsAsync(l => l.AddCategoryAsync(_manager, "housing")));

        Assert.Equal("There is already a category called \"housing\" (perhaps retired); restore or rename that one instead.", refused.Message);
    }

    [Fact]
    public async Task RenameCategory_ToAnotherCategorysName_IsRefused_ToItsOwnNameInOtherCase_IsFine()
    {
        var housing = (await ListsAsync(l => l.CategoriesAsync(_manager))).Single(c => c.Name == "Housing");

        await Assert.ThrowsAsync<RuleException>(() => ListsAsync(l => l.RenameCategoryAsync(_manager, housing.Id, "Money")));
        var renamed = await ListsAsync(l => l.RenameCategoryAsync(_manager, housing.Id, "HOUSING"));

        Assert.Equal("HOUSING", renamed.Name);
    }

    [Fact]
    public async Task RetireCategory_HidesItFromTheActiveList_ButKeepsItForManagers_AndRestoreBringsItBack()
    {
        var money = (await ListsAsync(l => l.CategoriesAsync(_manager))).Single(c => c.Name == "Money");

        await ListsAsync(l => l.SetCategoryActiveAsync(_manager, money.Id, false));
        var offeredWhileRetired = await ListsAsync(l => l.ActiveCategoriesAsync(_sam));
        var allWhileRetired = await ListsAsync(l => l.CategoriesAsync(_manager));
        await ListsAsync(l => l.SetCategoryActiveAsync(_manager, money.Id, true));
        var offeredAfter = await ListsAsync(l => l.ActiveCategoriesAsync(_sam));

        Assert.DoesNotContain(offeredWhileRetired, c => c.Id == money.Id);
        Assert.False(allWhileRetired.Single(c => c.Id == money.Id).Active);
        Assert.Contains(offeredAfter, c => c.Id == money.Id);
    }

    [Fact]
    public async Task RetireCategory_TheLastOneInUse_IsRefused()
    {
        var all = await ListsAsync(l => l.CategoriesAsync(_manager));
        foreach (var category in all.Skip(1))
        {
            await ListsAsync(l => l.SetCategoryActiveAsync(_manager, category.Id, false));
        }

        var refused = await Assert.ThrowsAsync<RuleException>(() => ListsAsync(l => l.SetCategoryActiveAsync(_manager, all[0].Id, false)));

        Assert.StartsWith("Keep at least one category in use", refused.Message);
    }

    [Fact]
    public async Task Signposts_AddEditRetire_AndOnlyActiveOnesAreOffered()
    {
        var counselling = await ListsAsync(l => l.AddSignpostAsync(_manager, "University Counselling Service", "Counselling and mental health support", null));
        var citizens = await ListsAsync(l => l.AddSignpostAsync(_manager, "Citizens Advice", null, "0800 144 8848"));

        await ListsAsync(l => l.UpdateSignpostAsync(_manager, counselling.Id, "University Counselling Service", "Free, confidential counselling", "Self-referral form online"));
        await ListsAsync(l => l.SetSignpostActiveAsync(_manager, citizens.Id, false));
        var offered = await ListsAsync(l => l.ActiveSignpostsAsync(_sam));
        var all = await ListsAsync(l => l.SignpostsAsync(_manager));

        var only = Assert.Single(offered);
        Assert.Equal(("University Counselling Service", "Free, confidential counselling", "Self-referral form online"), (only.Name, only.Description, only.Contact));
        Assert.Equal(["Citizens Advice", "University Counselling Service"], all.Select(s => s.Name));
    }

    [Fact]
    public async Task AddSignpost_DuplicateName_IsRefused_EvenWhenTheFirstIsRetired()
    {
        var first = await ListsAsync(l => l.AddSignpostAsync(_manager, "Citizens Advice", null, null));
        await ListsAsync(l => l.SetSignpostActiveAsync(_manager, first.Id, false));

        var refused = await Assert.ThrowsAsync<RuleException>(() => ListsAsync(l => l.AddSignpostAsync(_manager, "citizens advice", null, null)));

        Assert.Equal("\"citizens advice\" is already in the directory (perhaps retired); restore or edit that entry instead.", refused.Message);
    }

    [Fact]
    public async Task Caseworker_ReadsTheActiveLists_ButCannotChangeOrSeeTheFullOnes()
    {
        var counselling = await ListsAsync(l => l.AddSignpostAsync(_manager, "University Counselling Service", null, null));
        var housing = (await ListsAsync(l => l.ActiveCategoriesAsync(_sam))).Single(c => c.Name == "Housing");

        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.AddCategoryAsync(_sam, "Parking")));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.RenameCategoryAsync(_sam, housing.Id, "Homes")));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.SetCategoryActiveAsync(_sam, housing.Id, false)));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.AddSignpostAsync(_sam, "Somewhere", null, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.UpdateSignpostAsync(_sam, counselling.Id, "Elsewhere", null, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.SetSignpostActiveAsync(_sam, counselling.Id, false)));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.CategoriesAsync(_sam)));
        Assert.Single(await ListsAsync(l => l.ActiveSignpostsAsync(_sam)));
    }

    [Fact]
    public async Task Reception_CannotReadTheCaseLists()
    {
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);

        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.ActiveCategoriesAsync(reception)));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.ActiveSignpostsAsync(reception)));
    }

    [Fact]
    public async Task Outcomes_StartWithTheAuditsList_AreKeptLikeCategories_AndTheLastInUseCannotBeRetired()
    {
        var seeded = await ListsAsync(l => l.OutcomeKindsAsync(_manager));
        Assert.Equal(OutcomeKind.Defaults, seeded.Select(k => k.Name));

        var added = await ListsAsync(l => l.AddOutcomeKindAsync(_manager, " Bursary awarded "));
        var duplicate = await Assert.ThrowsAsync<RuleException>(() => ListsAsync(l => l.AddOutcomeKindAsync(_manager, "deposit recovered")));
        var renamed = await ListsAsync(l => l.RenameOutcomeKindAsync(_manager, added.Id, "Bursary or grant awarded"));
        foreach (var kind in seeded)
        {
            await ListsAsync(l => l.SetOutcomeKindActiveAsync(_manager, kind.Id, false));
        }

        var last = await Assert.ThrowsAsync<RuleException>(() => ListsAsync(l => l.SetOutcomeKindActiveAsync(_manager, added.Id, false)));
        var offered = await ListsAsync(l => l.ActiveOutcomeKindsAsync(_sam));

        Assert.Equal("There is already an outcome called \"deposit recovered\" (perhaps retired); restore or rename that one instead.", duplicate.Message);
        Assert.Equal(("Bursary or grant awarded", seeded.Count), (renamed.Name, renamed.SortOrder));
        Assert.Equal("Keep at least one outcome in use, or no case could be closed.", last.Message);
        Assert.Equal(["Bursary or grant awarded"], offered.Select(k => k.Name));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.AddOutcomeKindAsync(_sam, "Anything")));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.RenameOutcomeKindAsync(_sam, added.Id, "Anything")));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.SetOutcomeKindActiveAsync(_sam, added.Id, false)));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.OutcomeKindsAsync(_sam)));
    }

    [Fact]
    public async Task ReviewCriteria_StartWithTheAuditsList_AndAreKeptLikeTheOtherLists()
    {
        var seeded = await ListsAsync(l => l.ReviewCriteriaAsync(_manager));
        Assert.Equal(DropIn.Domain.Reviews.ReviewCriterion.Defaults, seeded.Select(c => c.Name));

        var added = await ListsAsync(l => l.AddReviewCriterionAsync(_manager, "Referrals made where needed"));
        foreach (var criterion in seeded)
        {
            await ListsAsync(l => l.SetReviewCriterionActiveAsync(_manager, criterion.Id, false));
        }

        var last = await Assert.ThrowsAsync<RuleException>(() => ListsAsync(l => l.SetReviewCriterionActiveAsync(_manager, added.Id, false)));
        Assert.Equal("Keep at least one criterion in use, or no file could be reviewed.", last.Message);
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.AddReviewCriterionAsync(_sam, "Anything")));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListsAsync(l => l.ReviewCriteriaAsync(_sam)));
    }
}
