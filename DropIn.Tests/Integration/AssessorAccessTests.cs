using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Reviews;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Features.Visits;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// An assessor's visit over the real database: only files of students who said yes are sampled; the assessor reads
/// them masked, with a second factor, each opening audited; access ends by itself (and their sessions with it), when a
/// manager ends it, and for a student who withdraws their agreement.
/// </summary>
public sealed class AssessorAccessTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 12, 7, 16, 0); // Monday; the visit is Tuesday to Thursday
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _manager = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _assessor = default!;
    private readonly Dictionary<string, (Student Student, Case Case)> _files = [];

    private static string Id(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    // As StaffSignIn.CompleteAsync issues it after the password and the authenticator code (or a passkey).
    private static ClaimsPrincipal WithSecondFactor(ClaimsPrincipal user)
    {
        var copy = user.Clone();
        ((ClaimsIdentity)copy.Identity!).AddClaim(new Claim(DropIn.Web.Security.TwoFactor.StaffSignIn.MultiFactorClaim, "mfa"));
        return copy;
    }

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _assessor = WithSecondFactor(await _app.StaffAsync("Jo Assessor", Roles.Assessor));
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0].Id;
        foreach (var (name, answer) in new (string, bool?)[] { ("Aisha Rahman", true), ("Ben Carter", false), ("Carla Diaz", null) })
        {
            var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception,
                new StudentProfile(name, Email: $"{name[..2].ToLowerInvariant()}1@cam.ac.uk", StudentNumber: name[..2].ToUpperInvariant() + "1", Phone: "07700 900123")));
            var opened = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, student.Id, category, $"{name} asked about an appeal; call {name.Split(' ')[0]} on 07700 900123."));
            if (answer is { } given)
            {
                await Consents(c => c.RecordAsync(_reception, student.Id, given));
            }

            _files[name] = (student, opened);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task Consents(Func<SamplingConsentService, Task> use) => _app.UseAsync(use);

    private Task<T> Visits<T>(Func<AssessorVisitService, Task<T>> use) => _app.UseAsync(use);

    private Task Visits(Func<AssessorVisitService, Task> use) => _app.UseAsync(use);

    private Task<Guid> GrantAsync(int files = 10) => Visits(v => v.GrantAsync(_manager, Id(_assessor), new DateOnly(2026, 12, 8), 3, files));

    private async Task<List<AuditEntry>> TrailAsync(string action)
    {
        await using var db = await new AppointmentHarness(_app).DbAsync();
        return await db.AuditEntries.Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    [Fact]
    public async Task NobodyIsAssumedToAgree_AndOnlyFilesOfStudentsWhoSaidYes_AreSampled()
    {
        var notAsked = await _app.UseAsync<SamplingConsentService, SamplingConsentView>(c => c.GetAsync(_reception, _files["Carla Diaz"].Student.Id));
        Assert.Null(notAsked.Given);

        var overview = await Visits(v => v.OverviewAsync(_manager));
        Assert.Equal(1, overview.ConsentedFiles);
        Assert.Equal("Jo Assessor", Assert.Single(overview.Assessors).Name);

        await GrantAsync();
        _clock.SetUtcNow(London.At(2026, 12, 8, 9, 0));
        var sample = await Visits(v => v.SampleAsync(_assessor));
        Assert.Equal(_files["Aisha Rahman"].Case.Id, Assert.Single(sample.Files).CaseId);
        Assert.Equal(London.At(2026, 12, 11, 0, 0), sample.AccessEnds);
    }

    [Fact]
    public async Task TheAssessorReadsTheFileMasked_WithASecondFactor_AndEveryOpeningIsAudited()
    {
        await GrantAsync();
        var aisha = _files["Aisha Rahman"].Case.Id;
        var before = await Visits(v => v.SampleAsync(_assessor));
        Assert.Empty(before.Files); // Monday: the visit starts on Tuesday
        Assert.Equal(London.At(2026, 12, 8, 0, 0), before.NextStartsAt);
        await Assert.ThrowsAsync<ForbiddenException>(() => Visits(v => v.FileAsync(_assessor, aisha)));

        _clock.SetUtcNow(London.At(2026, 12, 8, 10, 0));
        var file = await Visits(v => v.FileAsync(_assessor, aisha));
        await Visits(v => v.FileAsync(_assessor, aisha));

        Assert.Equal("[name] asked about an appeal; call [name] on [phone].", file.Summary);
        Assert.Equal(["Sam Okafor"], file.Caseworkers);
        var opened = await TrailAsync("case.assess");
        Assert.Equal(3, opened.Count); // the refusal on Monday, then both openings: each one, not once per few minutes
        Assert.Equal(AuditOutcome.Refused, opened[0].Outcome);
        Assert.All(opened.Skip(1), e => Assert.Equal((Id(_assessor), AuditOutcome.Allowed, aisha.ToString()), (e.ActorId, e.Outcome, e.RecordId)));

        // Without the second factor, a staff role, or a file outside the sample: nothing is read.
        var passwordOnly = await _app.StaffAsync("Jo Assessor", Roles.Assessor);
        Assert.Contains("two steps", (await Assert.ThrowsAsync<ForbiddenException>(() => Visits(v => v.FileAsync(passwordOnly, aisha)))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => Visits(v => v.FileAsync(WithSecondFactor(_sam), aisha)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Visits(v => v.FileAsync(_assessor, _files["Ben Carter"].Case.Id)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Visits(v => v.OverviewAsync(_assessor)));
    }

    [Fact]
    public async Task AccessEndsByItself_AndTheAssessorsSessionsEndOnce()
    {
        await GrantAsync();
        var aisha = _files["Aisha Rahman"].Case.Id;
        _clock.SetUtcNow(London.At(2026, 12, 10, 23, 59));
        await Visits(v => v.FileAsync(_assessor, aisha));
        Assert.Equal(0, await Visits(v => v.EndSessionsAsync(CancellationToken.None)));

        _clock.SetUtcNow(London.At(2026, 12, 11, 0, 0));
        await Assert.ThrowsAsync<ForbiddenException>(() => Visits(v => v.FileAsync(_assessor, aisha)));
        Assert.Empty((await Visits(v => v.SampleAsync(_assessor))).Files);

        Assert.True(await _app.UseAsync<SignInSessions, bool>(s => s.IsCurrentAsync(_assessor)));
        Assert.Equal(1, await Visits(v => v.EndSessionsAsync(CancellationToken.None)));
        Assert.False(await _app.UseAsync<SignInSessions, bool>(s => s.IsCurrentAsync(_assessor)));
        Assert.Equal(0, await Visits(v => v.EndSessionsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task AManagerEndsAVisitEarly_AndAStudentWhoWithdrawsIsNoLongerRead()
    {
        var visit = await GrantAsync();
        var aisha = _files["Aisha Rahman"];
        _clock.SetUtcNow(London.At(2026, 12, 8, 10, 0));
        await Visits(v => v.FileAsync(_assessor, aisha.Case.Id));

        await Consents(c => c.RecordAsync(_sam, aisha.Student.Id, false));
        var withdrawn = await Assert.ThrowsAsync<ForbiddenException>(() => Visits(v => v.FileAsync(_assessor, aisha.Case.Id)));
        Assert.Equal("This file has been taken out of your sample: the student no longer agrees to it being read.", withdrawn.Message);
        Assert.Empty((await Visits(v => v.SampleAsync(_assessor))).Files);
        await Consents(c => c.RecordAsync(_sam, aisha.Student.Id, true));
        await Visits(v => v.FileAsync(_assessor, aisha.Case.Id));

        await Task.WhenAll(Visits(v => v.EndAsync(_manager, visit)), Visits(v => v.EndAsync(_manager, visit)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Visits(v => v.FileAsync(_assessor, aisha.Case.Id)));
        Assert.Single(await TrailAsync("visit.end"));
        Assert.False(await _app.UseAsync<SignInSessions, bool>(s => s.IsCurrentAsync(_assessor)));
        var row = Assert.Single((await Visits(v => v.OverviewAsync(_manager))).Visits);
        Assert.True(row.EndedEarly);
        Assert.Equal(_clock.GetUtcNow(), row.AccessEnds);
    }

    [Fact]
    public async Task AVisitIsKeptSevenYearsFromWhenItWasGiven_ThenTheNightlyRunDestroysIt()
    {
        await GrantAsync();
        _clock.Advance(TimeSpan.FromDays((7 * 365) + 1)); // a day short of seven years: 2028 and 2032 have 29 February
        await _app.UseAsync<DropIn.Web.Features.Retention.RetentionRunner, DropIn.Domain.Retention.DestructionCounts>(r => r.RunAsync());
        Assert.Single((await Visits(v => v.OverviewAsync(_manager))).Visits);

        _clock.Advance(TimeSpan.FromDays(2));
        await _app.UseAsync<DropIn.Web.Features.Retention.RetentionRunner, DropIn.Domain.Retention.DestructionCounts>(r => r.RunAsync());

        Assert.Empty((await Visits(v => v.OverviewAsync(_manager))).Visits);
    }

    [Fact]
    public async Task AVisitGoesOnlyToAnAssessorsAccount_AndAnAssessorHoldsNoOtherRole()
    {
        Assert.Contains("assessor", (await Assert.ThrowsAsync<RuleException>(() => Visits(v => v.GrantAsync(_manager, Id(_sam), new DateOnly(2026, 12, 8), 3, 5)))).Message, StringComparison.Ordinal);
        Assert.Contains("Assessor role only", (await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<StaffAccountService>(s =>
            s.AddStaffAsync(_manager, "Kim Visitor", "kim.visitor@example.ac.uk", [Roles.Assessor, Roles.Caseworker])))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => Visits(v => v.GrantAsync(_sam, Id(_assessor), new DateOnly(2026, 12, 8), 3, 5)));
    }
}
