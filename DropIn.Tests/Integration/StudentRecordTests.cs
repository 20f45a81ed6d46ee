using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

public sealed class StudentRecordTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 10, 0);
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _manager = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<T> StudentsAsync<T>(Func<StudentService, Task<T>> use) => _app.UseAsync(use);

    private Task<Student> RegisterAsync(StudentProfile profile, bool confirmed = false, ClaimsPrincipal? by = null) =>
        StudentsAsync(s => s.RegisterAsync(by ?? _reception, profile, confirmed));

    private static readonly StudentProfile Aisha = new("Aisha Rahman", Email: "ar123@cam.ac.uk", StudentNumber: "AR123", College: "Girton");

    [Fact]
    public async Task Register_ALikelyDuplicate_IsShownAndRefused_UntilStaffConfirmAnotherPerson()
    {
        await RegisterAsync(Aisha);
        var soundAlike = new StudentProfile("Ayesha Rehman", College: "Newnham");

        var duplicates = await StudentsAsync(s => s.DuplicatesAsync(_reception, soundAlike));
        var refused = await Assert.ThrowsAsync<RuleException>(() => RegisterAsync(soundAlike));
        var sameEmail = await StudentsAsync(s => s.DuplicatesAsync(_reception, new StudentProfile("A Rahman", Email: "AR123@cam.ac.uk")));

        Assert.Equal("Aisha Rahman", Assert.Single(duplicates).Student.DisplayName);
        Assert.Contains("similar name", duplicates[0].Reasons);
        Assert.Contains("already registered", refused.Message);
        Assert.Contains("same email", Assert.Single(sameEmail).Reasons);
        var second = await RegisterAsync(soundAlike, confirmed: true);
        Assert.Equal("Ayesha Rehman", second.Name);
    }

    [Fact]
    public async Task Search_ByPartOfTheName_AccentsIgnored_ByEmail_ById_AndBySound()
    {
        await RegisterAsync(Aisha);
        await RegisterAsync(new StudentProfile("Zoë Smith", Email: "zs1@cam.ac.uk"));
        await RegisterAsync(new StudentProfile("Tom Smyth", StudentNumber: "TS9"), confirmed: true);

        async Task<string[]> Find(string text) => [.. (await StudentsAsync(s => s.SearchAsync(_reception, text))).Select(r => r.DisplayName)];

        Assert.Equal(["Aisha Rahman"], await Find("rahm"));
        Assert.Equal(["Zoë Smith"], await Find("zoe"));
        Assert.Equal(["Aisha Rahman"], await Find("AR123@CAM.AC.UK"));
        Assert.Equal(["Tom Smyth"], await Find("ts9"));
        Assert.Equal(["Zoë Smith", "Tom Smyth"], await Find("smith"));
        Assert.Empty(await Find("x"));
    }

    [Fact]
    public async Task Register_BadInput_IsRefusedWithAMessage_AndNothingIsStored()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => RegisterAsync(new StudentProfile("Old Student", Status: StudentStatus.Former)));

        Assert.Contains("time as a student", refused.Message);
        Assert.Empty(await StudentsAsync(s => s.SearchAsync(_reception, "old student")));
    }

    [Fact]
    public async Task Reception_RegistersAndFinds_ButNeverSeesCases()
    {
        var student = await RegisterAsync(Aisha);
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0];
        var opened = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, student.Id, category.Id, "Appeal"));

        var asReception = await StudentsAsync(s => s.GetAsync(_reception, student.Id));
        var asCaseworker = await StudentsAsync(s => s.GetAsync(_sam, student.Id));

        Assert.Null(asReception.Cases);
        Assert.Equal(opened.Id, Assert.Single(asCaseworker.Cases!).Id);
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_reception, opened.Id)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_reception, student.Id, category.Id, "x")));
    }

    [Fact]
    public async Task Update_FromAStaleCopy_IsRefused_NotSilentlyOverwritten()
    {
        var student = await RegisterAsync(Aisha);
        await _app.UseAsync<StudentService>(s => s.UpdateAsync(_sam, student.Id, student.Version, Aisha with { College = "Trinity" }));

        await Assert.ThrowsAsync<EditConflictException>(() => _app.UseAsync<StudentService>(s => s.UpdateAsync(_reception, student.Id, student.Version, Aisha with { Phone = "07700 900123" })));

        var saved = (await StudentsAsync(s => s.GetAsync(_reception, student.Id))).Student;
        Assert.Equal(("Trinity", (string?)null), (saved.College, saved.Phone));
    }

    [Fact]
    public async Task Merge_ByAManager_MovesCasesAndHistory_AndTheDuplicateDisappears()
    {
        var keep = await RegisterAsync(Aisha);
        var duplicate = await RegisterAsync(new StudentProfile("Aisha Rahman", Phone: "07700 900123", ContactPreference: ContactPreference.Phone), confirmed: true);
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0];
        var duplicateCase = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, duplicate.Id, category.Id, "Housing"));
        var enquiry = await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Phone, _clock.GetUtcNow(), "Aisha Rahman", null, "Voicemail", null, duplicate.Id));

        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<StudentService>(s => s.MergeAsync(_sam, keep.Id, duplicate.Id)));
        await _app.UseAsync<StudentService>(s => s.MergeAsync(_manager, keep.Id, duplicate.Id));

        var merged = await StudentsAsync(s => s.GetAsync(_sam, keep.Id));
        Assert.Equal(duplicateCase.Id, Assert.Single(merged.Cases!).Id);
        Assert.Equal(enquiry.Id, Assert.Single(merged.Enquiries).Id);
        Assert.Equal("07700 900123", merged.Student.Phone);
        Assert.Equal(keep.Id, Assert.Single(await StudentsAsync(s => s.SearchAsync(_sam, "aisha"))).Id);
        Assert.Contains("merged", (await Assert.ThrowsAsync<RuleException>(() => StudentsAsync(s => s.GetAsync(_sam, duplicate.Id)))).Message);
    }

    [Fact]
    public async Task Enquiry_FromARegisteredStudent_IsLinked_AndCountsAsInvolvement()
    {
        var student = await RegisterAsync(Aisha);
        _clock.Advance(TimeSpan.FromDays(2));

        await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Email, _clock.GetUtcNow().AddHours(-1), student.Name, student.Email, "Question about the appeal", null, student.Id));

        var record = await StudentsAsync(s => s.GetAsync(_reception, student.Id));
        Assert.Equal("Question about the appeal", Assert.Single(record.Enquiries).Summary);
        Assert.Equal(_clock.GetUtcNow().AddHours(-1), record.Student.LastInvolvementAt);
    }
}
