using System.Net.Mail;
using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Complaints;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Enquiries;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Live;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Complaints;

/// <summary>
/// The complaints register: recording (by staff, or by anyone through the public contact form), choosing a handler,
/// acknowledging, responding by letter through the outbox, stage 2, and what was learned. Managers only, and never
/// the member of staff a complaint is about: every method that takes an id refuses them before reading it, and the
/// register leaves their complaints out. A complaint linked to a case or student is behind that student's
/// information barriers too. Nothing of it appears in the case file.
/// </summary>
public sealed class ComplaintService(
    IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers, AuditLog audit,
    TimeProvider clock, IOptions<ComplaintOptions> options, IOptions<AppointmentOptions> service)
{
    public const string RecordType = "Complaint";

    /// <summary>What a member of staff is told when they open a complaint about themselves.</summary>
    public const string AboutYouMessage = "This complaint is about you, so another manager handles it and you cannot see it.";

    private static readonly ChangeOptions ChangedMeanwhile = ChangeOptions.Report("Someone else changed this complaint a moment ago; the page shows their change. Try again.");

    /// <summary>Two complaints recorded at once would take the same number (a unique index): the second takes the next.</summary>
    private static readonly ChangeOptions Recording =
        ChangeOptions.Reapply("The complaint could not be recorded just now because another was being recorded at the same moment. Please send it again.") with { Lock = RuleLocks.Closures };

    private ComplaintTimescales Timescales => options.Value.Timescales;

    /// <summary>The register, newest first; <paramref name="openOnly"/> keeps the complaints whose current stage awaits a response.</summary>
    public async Task<ComplaintRegister> RegisterAsync(ClaimsPrincipal user, bool openOnly)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.Complaints);
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = db.Complaints.AsNoTracking();
        if (openOnly)
        {
            query = query.Where(c => c.RespondedAt == null);
        }

        var all = await query.OrderByDescending(c => c.Number).ToListAsync();
        var lens = await barriers.LensAsync(user);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var now = clock.GetUtcNow();
        var rows = all.Where(c => !c.IsAbout(staff.Id)).Select(c =>
        {
            var hidden = lens.Hides(c.StudentId, c.ComplainantName, c.Contact);
            var shown = hidden ? c.Redacted(InformationBarriers.HiddenText) : c;
            return new ComplaintRow(shown, c.StateAt(now), c.HandlerId is null ? "Not yet chosen" : names.GetValueOrDefault(c.HandlerId, "(former staff)"), hidden);
        }).ToList();
        return new ComplaintRegister(rows, all.Count(c => c.IsAbout(staff.Id) && c.IsOpen));
    }

    /// <summary>One complaint, for its page; the view is audited.</summary>
    /// <exception cref="ForbiddenException">Not a manager, the complaint is about the user, or a barrier applies.</exception>
    /// <exception cref="RuleException">No such complaint.</exception>
    public async Task<ComplaintView> GetAsync(ClaimsPrincipal user, Guid id)
    {
        await RequireMayOpenAsync(user, id);
        await using var db = await dbFactory.CreateDbContextAsync();
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) ?? throw new RuleException("That complaint does not exist.");
        var ids = new[] { complaint.HandlerId, complaint.AboutStaffId, complaint.StageOneHandlerId }.OfType<string>().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var caseNumber = complaint.CaseId is { } caseId ? await db.Cases.Where(c => c.Id == caseId).Select(c => (int?)c.Number).SingleOrDefaultAsync() : null;
        await audit.RecordAsync(user, "complaint.view", RecordType, id.ToString());
        string? Name(string? staffId) => staffId is null ? null : names.GetValueOrDefault(staffId, "(former staff)");
        return new ComplaintView(complaint, complaint.StateAt(clock.GetUtcNow()), Name(complaint.HandlerId), Name(complaint.AboutStaffId), Name(complaint.StageOneHandlerId),
            caseNumber is { } n ? Domain.Cases.Case.ReferenceOf(n) : null, IsEmail(complaint.Contact));
    }

    /// <summary>Who may handle the complaint's current stage: managers, less the one complained about and, at stage 2, stage 1's handler.</summary>
    public async Task<IReadOnlyList<ComplaintHandler>> HandlersAsync(ClaimsPrincipal user, Guid id)
    {
        await RequireMayOpenAsync(user, id);
        await using var db = await dbFactory.CreateDbContextAsync();
        var complaint = await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id);
        var managers = await db.IdsInRolesAsync(Permissions.Matrix[Permissions.Complaints]);
        var people = await db.Users.AsNoTracking().Where(u => managers.Contains(u.Id)).OrderBy(u => u.DisplayName).ToListAsync();
        var now = clock.GetUtcNow();
        return [.. people.Where(p => !StaffAccountService.IsDisabled(p, now) && complaint.MayHandle(p.Id)).Select(p => new ComplaintHandler(p.Id, p.DisplayName))];
    }

    /// <summary>Staff who may be named as the one complained about: everyone with an account.</summary>
    public async Task<IReadOnlyList<ComplaintHandler>> StaffAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.Complaints);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new ComplaintHandler(u.Id, u.DisplayName)).ToListAsync();
    }

    /// <summary>A complaint received by email, phone, letter or in person, recorded by a manager.</summary>
    /// <param name="caseReference">The case it is about (e.g. C0042), if any: linked to it, behind its barriers, and kept out of its file.</param>
    /// <exception cref="RuleException">A missing or too long field, a date out of range, or no such case.</exception>
    public async Task<Complaint> RecordAsync(ClaimsPrincipal user, EnquiryChannel channel, DateTimeOffset received, string name, string? contact, string summary, string? aboutStaffId, string? caseReference)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.Complaints);
        Guid? caseId = null;
        Guid? studentId = null;
        if (!string.IsNullOrWhiteSpace(caseReference))
        {
            var number = Domain.Cases.Case.ParseReference(caseReference);
            await using var db = await dbFactory.CreateDbContextAsync();
            var found = await db.Cases.AsNoTracking().Where(c => c.Number == number).Select(c => new { c.Id, c.StudentId }).SingleOrDefaultAsync()
                ?? throw new RuleException($"There is no case {Domain.Cases.Case.ReferenceOf(number)}.");
            await barriers.RequireVisibleAsync(user, BarrierTarget.Case(found.Id));
            (caseId, studentId) = (found.Id, found.StudentId);
        }

        return await AddAsync(channel, received, name, contact, summary, aboutStaffId, studentId, caseId, staff.Id, user);
    }

    /// <summary>
    /// The public contact form's "I want to make a complaint": no sign-in. The same complaint sent again within
    /// <see cref="Enquiry.ResendWindow"/> (Send pressed twice) is the one already recorded.
    /// </summary>
    /// <exception cref="RuleException">No valid email address, or a field missing or too long.</exception>
    public Task<Complaint> SubmitWebFormAsync(string name, string email, string summary)
    {
        if (!IsEmail(email?.Trim()))
        {
            throw new RuleException("Enter an email address we can reply to.");
        }

        return AddAsync(EnquiryChannel.WebForm, clock.GetUtcNow(), name, email!.Trim(), summary, aboutStaffId: null, studentId: null, caseId: null, recordedBy: null, user: null);
    }

    /// <exception cref="RuleException">The handler may not handle this stage (<see cref="Complaint.Assign"/>), or is not a manager.</exception>
    public Task AssignAsync(ClaimsPrincipal user, Guid id, string handlerId) => ChangeAsync(user, id, "complaint.assign", async (db, c, _, now) =>
    {
        var managers = await db.IdsInRolesAsync(Permissions.Matrix[Permissions.Complaints]);
        var handler = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == handlerId);
        if (!managers.Contains(handlerId) || handler is null || StaffAccountService.IsDisabled(handler, now))
        {
            throw new RuleException("A complaint is handled by a manager with an active account.");
        }

        c.Assign(handlerId);
    });

    /// <summary>Acknowledges the current stage and, when the complainant gave an email address, sends the acknowledgement letter through the outbox.</summary>
    /// <returns>The letter as sent or to be sent by other means.</returns>
    public async Task<string> AcknowledgeAsync(ClaimsPrincipal user, Guid id)
    {
        var letter = "";
        await ChangeAsync(user, id, "complaint.acknowledge", (db, c, staff, now) =>
        {
            c.Acknowledge(staff.Id, now, now);
            letter = ComplaintLetters.Acknowledgement(c.ComplainantName, c.Reference, c.Stage, LondonTime.Today(c.RespondBy), LondonTime.Today(now), service.Value.ServiceContact);
            Send(db, c, letter, now);
            return Task.CompletedTask;
        });
        return letter;
    }

    /// <summary>The response letter's draft for the handler to complete.</summary>
    public async Task<string> ResponseDraftAsync(ClaimsPrincipal user, Guid id, ComplaintOutcome outcome)
    {
        var view = await GetAsync(user, id);
        var c = view.Complaint;
        return ComplaintLetters.ResponseDraft(c.ComplainantName, c.Reference, c.Stage, outcome, LondonTime.Today(clock.GetUtcNow()), service.Value.ServiceContact);
    }

    /// <summary>Answers the current stage: the letter is kept as written and, to an email address, sent through the outbox.</summary>
    /// <exception cref="RuleException">Not the handler, a letter still carrying the draft's [brackets] or stating another decision, or <see cref="Complaint.Respond"/>'s refusals.</exception>
    public Task RespondAsync(ClaimsPrincipal user, Guid id, ComplaintOutcome outcome, string letter) => ChangeAsync(user, id, "complaint.respond", (db, c, staff, now) =>
    {
        if (ComplaintLetters.ContradictedBy(letter, outcome) is { } stated)
        {
            throw new RuleException($"The letter says \"Our decision: {ComplaintLetters.Outcome(stated)}\" but the outcome chosen is {ComplaintLetters.Outcome(outcome)}. Make the two agree, then send.");
        }

        if (letter.Contains("[What we", StringComparison.Ordinal) || letter.Contains("[Why.]", StringComparison.Ordinal))
        {
            throw new RuleException("Replace the parts of the draft in [square brackets] with your findings before sending.");
        }

        c.Respond(outcome, letter, staff.Id, now);
        Send(db, c, c.Response!, now);
        return Task.CompletedTask;
    });

    /// <summary>The complainant asked for stage 2 on <paramref name="requestedOn"/> (London date; today if null, counted from now).</summary>
    public Task EscalateAsync(ClaimsPrincipal user, Guid id, DateOnly? requestedOn) => ChangeAsync(user, id, "complaint.escalate", async (db, c, _, now) =>
    {
        var requestedAt = requestedOn is { } day && day < LondonTime.Today(now) ? LondonTime.ToInstant(day, WorkingCalendar.Opens) : now;
        var calendar = await db.WorkingCalendarAsync(LondonTime.Today(requestedAt), LondonTime.Today(now).AddDays(120));
        c.Escalate(requestedAt, now, calendar, Timescales);
    });

    public Task RecordLearningAsync(ClaimsPrincipal user, Guid id, string learning) =>
        ChangeAsync(user, id, "complaint.learning", (_, c, _, _) =>
        {
            c.RecordLearning(learning);
            return Task.CompletedTask;
        });

    /// <summary>
    /// After the working days change (a closure day added or removed, in the caller's transaction and already saved),
    /// open complaints' deadlines still to be met are counted again.
    /// </summary>
    /// <returns>The complaints whose deadlines moved, for their screens to redraw.</returns>
    public async Task<IReadOnlyList<Guid>> RecomputeOpenDeadlinesAsync(DropInDbContext db, CancellationToken ct = default)
    {
        var open = await db.Complaints.Where(c => c.RespondedAt == null).ToListAsync(ct);
        if (open.Count == 0)
        {
            return [];
        }

        var calendar = await db.WorkingCalendarAsync(LondonTime.Today(open.Min(c => c.StageBeganAt)), LondonTime.Today(clock.GetUtcNow()).AddDays(120), ct);
        return [.. open.Where(c => c.Recompute(calendar, Timescales)).Select(c => c.Id)];
    }

    private async Task<Complaint> AddAsync(EnquiryChannel channel, DateTimeOffset received, string name, string? contact, string summary, string? aboutStaffId, Guid? studentId, Guid? caseId, string? recordedBy, ClaimsPrincipal? user)
    {
        return await changes.RunAsync(Recording, async scope =>
        {
            var (db, now) = (scope.Db, scope.Now);
            var calendar = await db.WorkingCalendarAsync(LondonTime.Today(received), LondonTime.Today(now).AddDays(120));
            var number = (await db.Complaints.MaxAsync(c => (int?)c.Number) ?? 0) + 1;
            var complaint = Complaint.Record(number, channel, received, now, name, contact, summary, aboutStaffId, studentId, caseId, recordedBy, calendar, Timescales);
            if (aboutStaffId is not null && !await db.Users.AnyAsync(u => u.Id == aboutStaffId))
            {
                throw new RuleException("Choose the member of staff from the list.");
            }

            if (channel == EnquiryChannel.WebForm)
            {
                var since = received - Enquiry.ResendWindow;
                // The words are encrypted at rest, so the few recent web-form complaints are compared once read.
                var recent = await db.Complaints.AsNoTracking().Where(c => c.Channel == EnquiryChannel.WebForm && c.ReceivedAt >= since).ToListAsync();
                if (recent.FirstOrDefault(c => c.IsResentAs(complaint)) is { } first)
                {
                    return first;
                }
            }

            db.Complaints.Add(complaint);
            scope.Audit(user, "complaint.record", RecordType, complaint.Id.ToString());
            scope.Publish(new ComplaintChanged(complaint.Id));
            return complaint;
        });
    }

    /// <summary>The one check before any read or change of a complaint by id: the permission, not about the user, and the student's barriers.</summary>
    private async Task<StaffMember> RequireMayOpenAsync(ClaimsPrincipal user, Guid id)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.Complaints);
        await using var db = await dbFactory.CreateDbContextAsync();
        var about = await db.Complaints.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.AboutStaffId, c.StudentId }).SingleOrDefaultAsync();
        if (about is null)
        {
            return staff;
        }

        if (about.AboutStaffId == staff.Id)
        {
            await audit.RecordAsync(user, "complaint.open", RecordType, id.ToString(), AuditOutcome.Refused, "about-you");
            throw new ForbiddenException(Permissions.Complaints, AboutYouMessage);
        }

        if (about.StudentId is { } studentId)
        {
            await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId, RecordType));
        }

        return staff;
    }

    private async Task ChangeAsync(ClaimsPrincipal user, Guid id, string action, Func<DropInDbContext, Complaint, StaffMember, DateTimeOffset, Task> change)
    {
        var staff = await RequireMayOpenAsync(user, id);
        await changes.RunAsync(ChangedMeanwhile, async scope =>
        {
            var complaint = await scope.Db.Complaints.SingleOrDefaultAsync(c => c.Id == id) ?? throw new RuleException("That complaint does not exist.");
            await change(scope.Db, complaint, staff, scope.Now);
            scope.Audit(user, action, RecordType, id.ToString());
            scope.Publish(new ComplaintChanged(id));
        });
    }

    /// <summary>Queues a letter to the complainant's own address when they gave an email; otherwise it is posted or handed over from the complaint's page.</summary>
    private static void Send(DropInDbContext db, Complaint complaint, string letter, DateTimeOffset now)
    {
        if (!IsEmail(complaint.Contact))
        {
            return;
        }

        db.Outbox.Add(new OutboxMessage(complaint.Contact!, ComplaintLetters.EmailSubject, EmailBody.Letter(letter), null, now));
    }

    private static bool IsEmail(string? contact) => !string.IsNullOrWhiteSpace(contact) && contact.Contains('@', StringComparison.Ordinal) && MailAddress.TryCreate(contact, out _);
}
