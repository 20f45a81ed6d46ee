using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Students;
using DropIn.Web.Features.SubjectAccess;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Subject access end to end on the real app: Aisha's complete record (two cases, a corrected note, a document, a
/// visit, an appointment, an enquiry, a consent and monitoring answers) compiled, reviewed and exported; Ben's data
/// never in it; what names Ben or a third party flagged and decided before release.
/// </summary>
public sealed class SubjectAccessTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 30); // Tuesday, in the drop-in session
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _manager = default!;
    private Student _aisha = default!;
    private Student _ben = default!;
    private Case _appeal = default!;
    private Case _housing = default!;
    private TimelineEntry _namesBen = default!;
    private TimelineEntry _original = default!;
    private TimelineEntry _correction = default!;
    private TimelineEntry _contact = default!;
    private CaseDocument _document = default!;
    private Ticket _visit = default!;
    private Appointment _appointment = default!;
    private Enquiry _enquiry = default!;
    private Consent _consent = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: AppFactory.AlwaysOpen());
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await new AppointmentHarness(_app).CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(16, 0));
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _aisha = await Students(s => s.RegisterAsync(_reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk", College: "Girton", AccessNeeds: "ACCESSNEEDS large print")));
        _ben = await Students(s => s.RegisterAsync(_reception, new StudentProfile("Ben Carter", Email: "bc456@cam.ac.uk")));
        var categories = await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam));
        _appeal = await Cases(c => c.OpenAsync(_sam, _aisha.Id, categories[0].Id, "APPEALSUMMARY against the Part IB result"));
        _housing = await Cases(c => c.OpenAsync(_sam, _aisha.Id, categories[1].Id, "HOUSINGSUMMARY deposit not returned"));

        _original = await Work(w => w.AddEntryAsync(_sam, _appeal.Id, new EntryDraft(EntryKind.Note, "ORIGINALNOTE first meeting")));
        _correction = await Work(w => w.CorrectEntryAsync(_sam, _appeal.Id, _original.Id, "CORRECTEDNOTE first meeting, with the GP letter"));
        _namesBen = await Work(w => w.AddEntryAsync(_sam, _housing.Id, new EntryDraft(EntryKind.Note, "FLATMATENOTE Shared the flat with Ben Carter, who kept the key")));
        _consent = await Work(w => w.RecordConsentAsync(_sam, _appeal.Id, "Senior Tutor, Girton", "CONSENTINFO grounds of appeal", "CONSENTPURPOSE a letter of support", new DateOnly(2026, 11, 23), ConsentGivenBy.InPerson));
        _contact = await Work(w => w.AddEntryAsync(_sam, _appeal.Id, new EntryDraft(EntryKind.Contact, "CONTACTNOTE asked for a letter", Method: ContactMethod.Email, ThirdParty: "Senior Tutor, Girton")));
        await _app.UseAsync<CaseWorkService>(w => w.AddDeadlineAsync(_sam, _appeal.Id, "DEADLINETITLE appeal form", new DateOnly(2026, 12, 4)));
        await _app.UseAsync<CaseWorkService>(w => w.AgreeActionAsync(_sam, _appeal.Id, PlanParty.Student, "ACTIONWHAT ask the GP", new DateOnly(2026, 11, 30)));
        _document = await _app.UseAsync<CaseDocumentService, CaseDocument>(d => d.UploadAsync(_sam, _appeal.Id, "gp-letter.pdf", SampleFiles.Pdf().Length, new MemoryStream(SampleFiles.Pdf())));
        var deposit = (await _app.UseAsync<CaseListsService, IReadOnlyList<OutcomeKind>>(l => l.ActiveOutcomeKindsAsync(_sam))).Single(k => k.Name == "Deposit recovered").Id;
        await _app.UseAsync<CaseClosingService>(c => c.CloseAsync(_sam, _housing.Id, new CaseClosing(CaseOutcome.Resolved, "OUTCOMENOTE deposit returned", ClosingCheck.All)
        {
            Level = ServiceLevel.AdviceOnly,
            Achieved = [new(deposit, 650)],
        }));

        _visit = await new QueueHarness(_app).CheckInAsync(_reception, "Aisha Rahman");
        await _app.UseAsync<CaseService>(c => c.AddToCaseAsync(_sam, new LinkSource(LinkSourceKind.Visit, _visit.Id), _aisha.Id, _appeal.Id));
        var samId = _sam.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var start = London.At(2026, 11, 25, 10, 0);
        _appointment = await _app.UseAsync<DiaryService, Appointment>(d => d.BookAsync(_reception, new Slot(samId, start, start.AddMinutes(45)),
            AppointmentHarness.Booking("Aisha Rahman", "ar123@cam.ac.uk", topic: "Academic appeal")));
        await _app.UseAsync<CaseService>(c => c.AddToCaseAsync(_sam, new LinkSource(LinkSourceKind.Appointment, _appointment.Id), _aisha.Id, _appeal.Id));
        _enquiry = await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Email, _clock.GetUtcNow(), "Aisha Rahman", "ar123@cam.ac.uk", "ENQUIRYSUMMARY about the appeal", null, _aisha.Id));
        await _app.UseAsync<MonitoringService, MonitoringStatus>(m => m.RecordAsync(_reception, _aisha.Id, new DateOnly(2004, 5, 6), "Woman", "Asian or Asian British", "No known disability", "Undergraduate", "Home"));

        // Ben's own record: none of it may reach Aisha's.
        var benCase = await Cases(c => c.OpenAsync(_sam, _ben.Id, categories[1].Id, "BENSUMMARY noise complaint"));
        await Work(w => w.AddEntryAsync(_sam, benCase.Id, new EntryDraft(EntryKind.Note, "BENNOTE private")));
        await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Phone, _clock.GetUtcNow(), "Ben Carter", null, "BENENQUIRY voicemail", null, _ben.Id));

        // Complaints through the contact form, found by the address they came from.
        await _app.UseAsync<DropIn.Web.Features.Complaints.ComplaintService, DropIn.Domain.Complaints.Complaint>(c => c.SubmitWebFormAsync("Aisha Rahman", "ar123@cam.ac.uk", "COMPLAINTSUMMARY nobody called back"));
        await _app.UseAsync<DropIn.Web.Features.Complaints.ComplaintService, DropIn.Domain.Complaints.Complaint>(c => c.SubmitWebFormAsync("Ben Carter", "bc456@cam.ac.uk", "BENCOMPLAINT the queue"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<T> Students<T>(Func<StudentService, Task<T>> use) => _app.UseAsync(use);

    private Task<T> Cases<T>(Func<CaseService, Task<T>> use) => _app.UseAsync(use);

    private Task<T> Work<T>(Func<CaseWorkService, Task<T>> use) => _app.UseAsync(use);

    private Task<T> Sar<T>(Func<SubjectAccessService, Task<T>> use) => _app.UseAsync(use);

    private Task Sar(Func<SubjectAccessService, Task> use) => _app.UseAsync(use);

    private static string Id(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<SubjectAccessRequest> CompiledRequestAsync(ClaimsPrincipal? by = null)
    {
        var request = await Sar(s => s.RecordAsync(by ?? _manager, _aisha.Id, new DateOnly(2026, 11, 24), SubjectAccessChannel.Email));
        await Sar(s => s.CompileAsync(by ?? _manager, request.Id));
        return request;
    }

    /// <summary>Releases the third parties, withholds the note naming Ben, marks the review done.</summary>
    private async Task DecideAllAsync(Guid requestId)
    {
        var view = await Sar(s => s.GetAsync(_manager, requestId));
        foreach (var flag in view.Flags)
        {
            var withhold = flag.Flag.ItemId == _namesBen.Id;
            await Sar(s => s.DecideAsync(_manager, requestId, flag.Flag.Id, withhold ? FlagDecision.Redact : FlagDecision.Release, withhold ? "Ben's personal data" : null));
        }

        await Sar(s => s.MarkReviewedAsync(_manager, requestId));
    }

    [Fact]
    public async Task SubjectAccessExport_IsComplete_InJsonAndHtml_AndHoldsNoOtherStudentsData()
    {
        await _app.UseAsync<DropIn.Web.Features.Visits.SamplingConsentService>(c => c.RecordAsync(_manager, _aisha.Id, true));
        var request = await CompiledRequestAsync();
        await DecideAllAsync(request.Id);

        var export = (await Sar(s => s.ExportAsync(_manager, request.Id, "json")))!;
        using var json = JsonDocument.Parse(export.Json);
        var root = json.RootElement;
        var text = System.Text.Encoding.UTF8.GetString(export.Json);

        Assert.Equal(("dropin.subject-access", 1), (root.GetProperty("schema").GetString(), root.GetProperty("schemaVersion").GetInt32()));
        Assert.Equal("ar123@cam.ac.uk", root.GetProperty("student").GetProperty("email").GetString());
        Assert.Equal("ACCESSNEEDS large print", root.GetProperty("student").GetProperty("accessNeeds").GetString());
        Assert.True(root.GetProperty("student").GetProperty("samplingConsent").GetBoolean()); // her answer about file sampling
        var cases = root.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal([_appeal.Reference, _housing.Reference], cases.Select(c => c.GetProperty("reference").GetString()));
        Assert.Equal("Sam Okafor", cases[0].GetProperty("caseworkers")[0].GetString());
        Assert.Equal("OUTCOMENOTE deposit returned", cases[1].GetProperty("outcomeNote").GetString());
        // The first-contact record and the closing checklist are the student's data too.
        Assert.Equal(("NoneFound", "Sam Okafor"), (cases[0].GetProperty("firstContact").GetProperty("conflictFinding").GetString(), cases[0].GetProperty("firstContact").GetProperty("conflictCheckedBy").GetString()));
        Assert.Equal("DocumentsReturned, StudentTold", cases[1].GetProperty("closingChecks").GetString());
        // So is what the case achieved for them, and the money they gained.
        var achieved = Assert.Single(cases[1].GetProperty("achieved").EnumerateArray());
        Assert.Equal(("Deposit recovered", 650, "AdviceOnly"), (achieved.GetProperty("outcome").GetString(), achieved.GetProperty("pounds").GetInt32(), cases[1].GetProperty("level").GetString()));
        var timeline = cases.SelectMany(c => c.GetProperty("timeline").EnumerateArray()).ToDictionary(e => e.GetProperty("id").GetGuid());
        Assert.True(timeline[_original.Id].GetProperty("corrected").GetBoolean());
        Assert.Equal("ORIGINALNOTE first meeting", timeline[_original.Id].GetProperty("text").GetString());
        Assert.Equal(_original.Id, timeline[_correction.Id].GetProperty("corrects").GetGuid());
        Assert.Equal("Senior Tutor, Girton", timeline[_contact.Id].GetProperty("thirdParty").GetString());
        Assert.Contains(timeline.Values, e => e.GetProperty("kind").GetString() == "Document");
        var document = Assert.Single(cases[0].GetProperty("documents").EnumerateArray());
        Assert.Equal(("gp-letter.pdf", "Pdf", (long)SampleFiles.Pdf().Length), (document.GetProperty("fileName").GetString(), document.GetProperty("type").GetString(), document.GetProperty("sizeBytes").GetInt64()));
        Assert.Equal("DEADLINETITLE appeal form", cases[0].GetProperty("deadlines")[0].GetProperty("title").GetString());
        Assert.Equal("ACTIONWHAT ask the GP", cases[0].GetProperty("actionPlan")[0].GetProperty("what").GetString());
        Assert.Equal(_visit.Id, Assert.Single(root.GetProperty("visits").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(_appointment.Id, Assert.Single(root.GetProperty("appointments").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(_enquiry.Id, Assert.Single(root.GetProperty("enquiries").EnumerateArray()).GetProperty("id").GetGuid());
        var consent = Assert.Single(root.GetProperty("consents").EnumerateArray());
        Assert.Equal((_consent.Id, "CONSENTPURPOSE a letter of support"), (consent.GetProperty("id").GetGuid(), consent.GetProperty("purpose").GetString()));
        var monitoring = root.GetProperty("monitoring");
        Assert.Equal(("2004-05-06", "Woman", "Home"), (monitoring.GetProperty("dateOfBirth").GetString(), monitoring.GetProperty("gender").GetString(), monitoring.GetProperty("feeStatus").GetString()));

        string[] everyItem =
        [
            "ar123@cam.ac.uk", "ACCESSNEEDS large print", _appeal.Reference, _housing.Reference, "APPEALSUMMARY", "HOUSINGSUMMARY", "OUTCOMENOTE", "ORIGINALNOTE", "CORRECTEDNOTE",
            "CONTACTNOTE", "Senior Tutor, Girton", "DEADLINETITLE", "ACTIONWHAT", "gp-letter.pdf", "ENQUIRYSUMMARY", "CONSENTINFO", "CONSENTPURPOSE", "COMPLAINTSUMMARY",
            "Asian or Asian British", "6 May 2004", "Sam Okafor", "Academic appeal",
        ];
        foreach (var item in everyItem.Where(i => i != "6 May 2004"))
        {
            Assert.Contains(item, text, StringComparison.Ordinal);
        }

        foreach (var item in everyItem)
        {
            Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(item), export.Html, StringComparison.Ordinal);
        }

        Assert.Contains("corrected", export.Html, StringComparison.Ordinal);
        Assert.Contains("<dt>Conflict check</dt><dd>No open dispute found (checked ", export.Html, StringComparison.Ordinal);
        Assert.Contains("<dt>Closing checks</dt><dd>original documents returned, or none held; student told the case was closing</dd>", export.Html, StringComparison.Ordinal);
        Assert.Contains($"<dt>What the case achieved</dt><dd>{System.Text.Encodings.Web.HtmlEncoder.Default.Encode("Deposit recovered, £650")}</dd><dt>Advice or casework</dt><dd>Advice only</dd>", export.Html, StringComparison.Ordinal);
        foreach (var other in new[] { "BENSUMMARY", "BENNOTE", "BENENQUIRY", "BENCOMPLAINT", "bc456@cam.ac.uk", "Ben Carter", "FLATMATENOTE" })
        {
            Assert.DoesNotContain(other, text, StringComparison.Ordinal);
            Assert.DoesNotContain(other, export.Html, StringComparison.Ordinal);
        }

        Assert.Equal(SubjectAccessRecord.Withheld, timeline[_namesBen.Id].GetProperty("text").GetString());
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(SubjectAccessRecord.Withheld), export.Html, StringComparison.Ordinal);
        await using var db = await new AppointmentHarness(_app).DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "monitoring.read" && e.RecordId == _aisha.Id.ToString()));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "subject-access.export" && e.RecordId == request.Id.ToString()));
        // The compiled record (monitoring answers and all) is ciphertext in the database file.
        var stored = await db.Database.SqlQuery<string>($"SELECT \"Json\" AS \"Value\" FROM \"SubjectAccessBundles\"").SingleAsync();
        Assert.StartsWith("dp1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("APPEALSUMMARY", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectAccessExport_IncludesAnAppointmentBookedUnderAnotherSpellingOfTheStudentsEmail()
    {
        // Booked by the student herself with a "+tag" address, never linked to her record by staff: still her data.
        await _app.UseAsync<StudentBookingService, BookingResult>(s => s.RequestAsync(London.At(2026, 11, 26, 11, 0), AppointmentHarness.Booking("Aisha R", "AR123+appeal@cam.ac.uk")));
        var request = await CompiledRequestAsync();
        await DecideAllAsync(request.Id);

        var export = (await Sar(s => s.ExportAsync(_manager, request.Id, "json")))!;
        using var json = JsonDocument.Parse(export.Json);

        Assert.Equal(2, json.RootElement.GetProperty("appointments").GetArrayLength());
    }

    [Fact]
    public async Task ANoteNamingAnotherStudent_AndThirdParties_AreFlagged_ReleaseIsRefusedUntilEachIsDecided()
    {
        var request = await CompiledRequestAsync();

        var view = await Sar(s => s.GetAsync(_manager, request.Id));
        var flagged = view.Flags.Select(f => (f.Flag.ItemId, f.Flag.Field, f.Flag.Concern)).ToHashSet();
        Assert.Contains((_namesBen.Id, "text", FlagConcern.NamesAnotherStudent), flagged);
        Assert.Contains((_contact.Id, "thirdParty", FlagConcern.ThirdParty), flagged);
        Assert.Contains((_consent.Id, "thirdParty", FlagConcern.ThirdParty), flagged);
        Assert.Equal("FLATMATENOTE Shared the flat with Ben Carter, who kept the key", view.Flags.Single(f => f.Flag.ItemId == _namesBen.Id).Text);
        Assert.DoesNotContain(view.Flags, f => f.Flag.ItemId == _original.Id);

        var release = await Assert.ThrowsAsync<RuleException>(() => Sar(s => s.ReleaseAsync(_manager, request.Id)));
        Assert.Contains("decision", release.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RuleException>(() => Sar(s => s.ExportAsync(_manager, request.Id, "json")));
        await Assert.ThrowsAsync<RuleException>(() => Sar(s => s.DecideAsync(_manager, request.Id, view.Flags[0].Flag.Id, FlagDecision.Redact, " ")));

        await DecideAllAsync(request.Id);
        await Sar(s => s.ReleaseAsync(_manager, request.Id));

        var released = await Sar(s => s.GetAsync(_manager, request.Id));
        Assert.Equal(SubjectAccessStatus.Released, released.Request.Status);
        Assert.Equal(Id(_manager), released.Request.ClosedBy);
        Assert.True(released.MayExport);
    }

    [Fact]
    public async Task DeadlineAndExtension_AreEnforcedOnTheServer()
    {
        var request = await Sar(s => s.RecordAsync(_manager, _aisha.Id, new DateOnly(2026, 10, 31), SubjectAccessChannel.Letter));
        Assert.Equal(new DateOnly(2026, 11, 30), request.Deadline);
        await Assert.ThrowsAsync<RuleException>(() => Sar(s => s.RecordAsync(_manager, _aisha.Id, new DateOnly(2026, 11, 25), SubjectAccessChannel.Email)));

        await Assert.ThrowsAsync<RuleException>(() => Sar(s => s.ExtendAsync(_manager, request.Id, 3, "Complex")));
        await Assert.ThrowsAsync<RuleException>(() => Sar(s => s.ExtendAsync(_manager, request.Id, 1, "")));
        await Sar(s => s.ExtendAsync(_manager, request.Id, 2, "Complex: two cases and a dispute"));
        var view = await Sar(s => s.GetAsync(_manager, request.Id));
        Assert.Equal(new DateOnly(2027, 1, 30), view.Request.Deadline);

        var late = await Sar(s => s.RecordAsync(_manager, _aisha.Id, new DateOnly(2026, 10, 20), SubjectAccessChannel.Email));
        var refused = await Assert.ThrowsAsync<RuleException>(() => Sar(s => s.ExtendAsync(_manager, late.Id, 1, "Too late")));
        Assert.Contains("first month", refused.Message, StringComparison.Ordinal);

        var board = await Sar(s => s.BoardAsync(_manager));
        var overdue = board.Open.Single(r => r.Id == late.Id);
        Assert.True(overdue.Overdue);
        Assert.Equal(-4, overdue.DaysLeft);
        Assert.Equal(late.Id, board.Open[0].Id);
        Assert.Equal(1, board.Overdue);
    }

    [Fact]
    public async Task ReceptionAndCaseworkers_AreRefused()
    {
        foreach (var user in new[] { _reception, _sam })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Sar(s => s.BoardAsync(user)));
            await Assert.ThrowsAsync<ForbiddenException>(() => Sar(s => s.RecordAsync(user, _aisha.Id, new DateOnly(2026, 11, 24), SubjectAccessChannel.Email)));
        }

        var request = await CompiledRequestAsync();
        await DecideAllAsync(request.Id);
        await Assert.ThrowsAsync<ForbiddenException>(() => Sar(s => s.ExportAsync(_sam, request.Id, "json")));
        using var client = StaffBrowserClient.Anonymous(_app);
        var anonymous = await client.GetAsync(SubjectAccessSetup.ExportPath(request.Id, "json"));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var caseworker = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Sam Okafor"), AppFactory.StaffPassword);
        var refused = await caseworker.GetAsync(SubjectAccessSetup.ExportPath(request.Id, "json"));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("access-denied", refused.Headers.Location?.OriginalString ?? "access-denied", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagerOnOneSideOfADispute_CannotHandleTheOtherSidesRequest_ANeutralManagerCan()
    {
        var sided = await _app.StaffAsync("Sid Sided", Roles.Manager);
        var dispute = await _app.UseAsync<DisputeService, Dispute>(d => d.OpenAsync(_manager, "Flat dispute"));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, _aisha.Id, 1));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, _ben.Id, 2));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AssignAsync(_manager, dispute.Id, Id(sided), 2));

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Sar(s => s.RecordAsync(sided, _aisha.Id, new DateOnly(2026, 11, 24), SubjectAccessChannel.Email)));
        Assert.True(refused.IsBarrier);
        var request = await CompiledRequestAsync();
        Assert.True((await Assert.ThrowsAsync<ForbiddenException>(() => Sar(s => s.CompileAsync(sided, request.Id)))).IsBarrier);
        Assert.Equal(InformationBarriers.HiddenText, (await Sar(s => s.BoardAsync(sided))).Open.Single().StudentName);

        var view = await Sar(s => s.GetAsync(_manager, request.Id));
        Assert.True(view.StudentIsDisputeParty);
        // Everything from the case in dispute is flagged too, and so is the dispute's own title.
        Assert.Contains(view.Flags, f => f.Flag.ItemId == dispute.Id && f.Flag.Concern == FlagConcern.Dispute);
    }

    [Fact]
    public async Task ExportEndpoint_RequiresARecentSignIn_AndDownloadsUnderANeutralName()
    {
        var request = await CompiledRequestAsync();
        await DecideAllAsync(request.Id);
        var path = SubjectAccessSetup.ExportPath(request.Id, "json");

        using var manager = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword);
        foreach (var format in new[] { "json", "html" })
        {
            var response = await manager.GetAsync(SubjectAccessSetup.ExportPath(request.Id, format));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore);
            var disposition = response.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.Equal($"subject-access-{request.Reference}.{format}", disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
            Assert.DoesNotContain("Aisha", disposition.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("APPEALSUMMARY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Six minutes on, the same tablet must confirm the password first, and is then sent back to the file.
        _clock.Advance(TimeSpan.FromMinutes(6));
        var tooOld = await manager.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, tooOld.StatusCode);
        Assert.Equal(RecentSignIn.ConfirmPath + "?ReturnUrl=" + Uri.EscapeDataString(path), tooOld.Headers.Location!.OriginalString);
        var confirmed = await StaffBrowserClient.PostFormAsync(manager, tooOld.Headers.Location!.OriginalString, "confirm", new Dictionary<string, string> { ["Input.Password"] = AppFactory.StaffPassword });
        Assert.EndsWith(path, confirmed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(path)).StatusCode);
    }
}
