using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Web.Data;
using DropIn.Web.Features.Students;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Cases;

/// <summary>Opening, reading, listing and reopening cases (closing: <see cref="CaseClosingService"/>), and filing a visit, appointment or enquiry on one.</summary>
public sealed class CaseService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, CaseAccess access, StudentService students, InformationBarriers barriers, Security.Audit.AuditLog audit, CaseFollowUps followUps)
{
    /// <summary>Two cases opened at the same moment would take the same number (a unique index): the second takes the next.</summary>
    private static readonly ChangeOptions Numbering = ChangeOptions.Reapply("Another case was being opened at the same moment; try again.");

    /// <summary>
    /// Opens a case for a student, optionally from the visit, appointment or enquiry it comes from, and keeps the
    /// conflict check's result on it and, when <paramref name="informed"/> is given, the service information the
    /// student was given at this first contact.
    /// </summary>
    /// <exception cref="RuleException">Unknown student or category, or <paramref name="informed"/> is not valid.</exception>
    /// <exception cref="ForbiddenException">The user may not edit cases, or the student or source is walled off from them.</exception>
    public async Task<Case> OpenAsync(ClaimsPrincipal user, Guid studentId, int categoryId, string summary, LinkSource? source = null, ServiceInformationGiven? informed = null)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.EditCases);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        if (source is not null)
        {
            await barriers.RequireVisibleAsync(user, Target(source));
        }

        return await changes.RunAsync(Numbering, async scope =>
        {
            var (db, now) = (scope.Db, scope.Now);
            var student = await db.Students.SingleOrDefaultAsync(s => s.Id == studentId && s.MergedIntoId == null) ?? throw new RuleException("That student record does not exist.");
            if (!await db.CaseCategories.AnyAsync(c => c.Id == categoryId && c.Active))
            {
                throw new RuleException("Choose a category from the list.");
            }

            var number = (await db.Cases.MaxAsync(c => (int?)c.Number) ?? 0) + 1;
            var opened = Case.Open(studentId, categoryId, number, summary, staff.Id, now);
            opened.RecordConflictCheck(await DisputesOfAsync(db, studentId), staff.Id, now);
            if (informed is not null)
            {
                opened.RecordInformationGiven(informed, staff.Id, now);
            }

            db.Cases.Add(opened);
            student.RecordInvolvement(now);
            if (source is not null)
            {
                await LinkAsync(db, source, studentId, opened.Id, staff.Id, now);
            }

            scope.Audit(user, "case.open", "Case", opened.Id.ToString(), source is null ? null : $"from {source.Kind} {source.Id}");
            PublishSource(scope, source);
            scope.Publish(new CaseChanged(opened.Id));
            scope.Publish(new StudentChanged(studentId));
            return opened;
        });
    }

    /// <summary>Files a visit, appointment or enquiry on an existing case of the same student (or links it to a student record only).</summary>
    public async Task AddToCaseAsync(ClaimsPrincipal user, LinkSource source, Guid studentId, Guid? caseId)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.EditCases);
        // The row being filed is checked as well as the student it is filed for: a hidden row must not be linked to
        // a record this user can see, which would show it to them.
        await barriers.RequireVisibleAsync(user, Target(source));
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        if (caseId is { } checkedCase)
        {
            await barriers.RequireVisibleAsync(user, BarrierTarget.Case(checkedCase));
        }

        await changes.RunAsync(ChangeOptions.Report("That record changed at the same moment; try again."), async scope =>
        {
            var db = scope.Db;
            var student = await db.Students.SingleOrDefaultAsync(s => s.Id == studentId && s.MergedIntoId == null) ?? throw new RuleException("That student record does not exist.");
            if (caseId is { } id)
            {
                var target = await db.Cases.SingleOrDefaultAsync(c => c.Id == id) ?? throw new RuleException("That case does not exist.");
                if (target.StudentId != studentId)
                {
                    throw new RuleException("That case belongs to another student.");
                }

                target.RequireOpen();
                scope.Publish(new CaseChanged(id));
            }

            await LinkAsync(db, source, studentId, caseId, staff.Id, scope.Now);
            student.RecordInvolvement(scope.Now);
            scope.Audit(user, "case.link", caseId is null ? "Student" : "Case", (caseId ?? studentId).ToString(), $"{source.Kind} {source.Id}");
            PublishSource(scope, source);
            scope.Publish(new StudentChanged(studentId));
        });
    }

    /// <summary>What the source says about the student, to search for them and prefill a registration.</summary>
    public async Task<SourceDetails> SourceAsync(ClaimsPrincipal user, LinkSource source)
    {
        await authorizer.RequireAsync(user, Permissions.EditCases);
        // Before anything is read: a row not yet linked is checked by who it says it is from.
        await barriers.RequireVisibleAsync(user, Target(source));
        await using var db = await dbFactory.CreateDbContextAsync();
        var details = source.Kind switch
        {
            LinkSourceKind.Visit => await db.Tickets.AsNoTracking().Where(t => t.Id == source.Id)
                .Select(t => new SourceDetails(t.Name, t.EmailOrId != null && t.EmailOrId.Contains('@') ? t.EmailOrId : null, t.EmailOrId != null && !t.EmailOrId.Contains('@') ? t.EmailOrId : null, t.Topic, t.StudentId, t.CaseId)).SingleOrDefaultAsync(),
            LinkSourceKind.Appointment => await db.Appointments.AsNoTracking().Where(a => a.Id == source.Id)
                .Select(a => new SourceDetails(a.StudentName, a.StudentEmail, null, a.Topic, a.StudentId, a.CaseId)).SingleOrDefaultAsync(),
            _ => await db.Enquiries.AsNoTracking().Where(e => e.Id == source.Id)
                .Select(e => new SourceDetails(e.FromName, e.Contact != null && e.Contact.Contains('@') ? e.Contact : null, null, e.Summary, e.StudentId, e.CaseId)).SingleOrDefaultAsync(),
        } ?? throw new RuleException("That visit, appointment or enquiry no longer exists.");
        return details;
    }

    /// <summary>How many timeline entries a case file shows at first, and how many more each "Show older entries" adds.</summary>
    public const int TimelinePage = 50;

    /// <summary>
    /// A case file, with its newest <paramref name="timelineShown"/> timeline entries (only those are read and
    /// decrypted: a long case costs no more to open than a short one) and how many there are in all.
    /// </summary>
    /// <exception cref="ForbiddenException">The user may not see cases, or this student is walled off from them.</exception>
    public async Task<CaseFile> GetAsync(ClaimsPrincipal user, Guid caseId, int timelineShown = TimelinePage)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var (_, found) = await access.RequireAsync(db, user, caseId, Permissions.ViewCases);
        await audit.ViewedAsync(user, "Case", caseId.ToString());
        var student = await db.Students.AsNoTracking().SingleAsync(s => s.Id == found.StudentId);
        var category = await db.CaseCategories.AsNoTracking().Where(c => c.Id == found.CategoryId).Select(c => c.Name).SingleAsync();
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.CaseId == caseId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.RecordedAt).Take(Math.Max(timelineShown, 1)).ToListAsync();
        var timelineCount = await db.TimelineEntries.CountAsync(e => e.CaseId == caseId);
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId).ToDictionaryAsync(d => d.Id, d => DocumentRules.SafeName(d.FileName));
        var signposts = await db.Signposts.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var timeline = entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.RecordedAt)
            .Select(e => new TimelineItem(e, names.GetValueOrDefault(e.RecordedBy, "(former staff)"),
                e.SignpostId is { } s ? signposts.GetValueOrDefault(s) : null, e.DocumentId is { } d ? documents.GetValueOrDefault(d) : null))
            .ToList();
        var deadlines = await db.CaseDeadlines.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.DueOn).ToListAsync();
        var plan = await db.ActionItems.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.AgreedAt).ToListAsync();
        var consents = await db.Consents.AsNoTracking().Where(c => c.StudentId == found.StudentId).OrderByDescending(c => c.GivenOn).ToListAsync();
        var caseworkers = found.Caseworkers.Select(c => new StaffName(c.StaffId, names.GetValueOrDefault(c.StaffId, "(former staff)"))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var givenElsewhere = await db.Cases.AsNoTracking().Where(c => c.StudentId == found.StudentId && c.Id != caseId && c.InformationGiven != ServiceInformation.None)
            .Select(c => c.InformationGiven).ToListAsync();
        var opening = new OpeningRecord(NameOf(found.InformationGivenBy), NameOf(found.ConflictCheckedBy), givenElsewhere.Aggregate(ServiceInformation.None, (all, given) => all | given));
        var followUp = found.Status == CaseStatus.Open ? await followUps.PlanAsync(db, found) : null;
        var achieved = await AchievedAsync(db, found);
        return new CaseFile(found, student, category, caseworkers, timeline, timelineCount, deadlines, plan, consents, await StudentLinks.LoadAsync(db, found.StudentId), opening, followUp, achieved);

        string? NameOf(string? staffId) => staffId is null ? null : names.GetValueOrDefault(staffId, "(former staff)");
    }

    /// <summary>What a closed case achieved, in the list's order, each as "name" or "name, £gain".</summary>
    internal static async Task<IReadOnlyList<string>> AchievedAsync(DropInDbContext db, Case found)
    {
        if (found.Achieved.Count == 0)
        {
            return [];
        }

        var kinds = found.Achieved.Select(a => a.KindId).ToList();
        var names = await db.OutcomeKinds.AsNoTracking().Where(k => kinds.Contains(k.Id)).OrderBy(k => k.SortOrder).ThenBy(k => k.Name).ToListAsync();
        return [.. names.Select(k => CaseText.Achieved(k.Name, found.Achieved.Single(a => a.KindId == k.Id).Pounds))];
    }

    /// <summary>Open cases, the user's own first, each with its next deadline not yet met and the day its follow-up is due.</summary>
    public async Task<IReadOnlyList<CaseListRow>> OpenCasesAsync(ClaimsPrincipal user)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ViewCases);
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await (from c in db.Cases.AsNoTracking()
                          join s in db.Students on c.StudentId equals s.Id
                          join category in db.CaseCategories on c.CategoryId equals category.Id
                          where c.Status == CaseStatus.Open
                          select new { Case = c, s.Name, s.PreferredName, Category = category.Name }).ToListAsync();
        var blocked = await barriers.BlockedAsync(user);
        rows.RemoveAll(r => blocked.Contains(r.Case.StudentId));
        var deadlines = await db.CaseDeadlines.AsNoTracking().Where(d => d.MetAt == null)
            .GroupBy(d => d.CaseId).Select(g => new { CaseId = g.Key, Next = g.Min(d => d.DueOn) }).ToDictionaryAsync(d => d.CaseId, d => d.Next);
        var plans = await followUps.PlansAsync(db, [.. rows.Select(r => r.Case)]);
        return [.. rows.Select(r => new CaseListRow(r.Case.Id, r.Case.Reference, r.PreferredName is null ? r.Name : $"{r.PreferredName} ({r.Name})", r.Category, r.Case.OpenedAt,
                deadlines.TryGetValue(r.Case.Id, out var next) ? next : null, r.Case.HasCaseworker(staff.Id), plans[r.Case.Id].DueOn))
            .OrderByDescending(r => r.Mine).ThenBy(r => r.NextDeadline ?? DateOnly.MaxValue).ThenBy(r => r.OpenedAt)];
    }

    public async Task<IReadOnlyList<CaseSummary>> OpenCasesOfAsync(ClaimsPrincipal user, Guid studentId) =>
        [.. ((await students.GetAsync(user, studentId)).Cases ?? []).Where(c => c.Status == CaseStatus.Open)];

    public async Task<IReadOnlyList<StaffName>> CaseworkersAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ViewCases);
        await using var db = await dbFactory.CreateDbContextAsync();
        var ids = await db.IdsInRolesAsync([Roles.Caseworker, Roles.Manager]);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => new StaffName(u.Id, u.DisplayName)).ToListAsync();
    }

    public Task ChangeSummaryAsync(ClaimsPrincipal user, Guid caseId, string summary, string basedOn) =>
        access.ChangeAsync(user, caseId, c => c.Case.ChangeSummary(summary, basedOn, c.Staff.Id, c.Now));

    public Task ChangeCategoryAsync(ClaimsPrincipal user, Guid caseId, int categoryId) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            if (!await c.Db.CaseCategories.AnyAsync(x => x.Id == categoryId && x.Active))
            {
                throw new RuleException("Choose a category from the list.");
            }

            c.Case.ChangeCategory(categoryId);
            return true;
        });

    public Task AddCaseworkerAsync(ClaimsPrincipal user, Guid caseId, string staffId) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            var caseworkers = await c.Db.IdsInRolesAsync([Roles.Caseworker, Roles.Manager]);
            if (!caseworkers.Contains(staffId))
            {
                throw new RuleException("Only a caseworker or manager can be put on a case.");
            }

            if ((await barriers.BlockedAsync(staffId)).Contains(c.Case.StudentId))
            {
                throw new RuleException("That member of staff is on the other side of a dispute involving this student, so they cannot be put on this case.");
            }

            c.Case.AddCaseworker(staffId);
            return true;
        });

    public Task RemoveCaseworkerAsync(ClaimsPrincipal user, Guid caseId, string staffId) =>
        access.ChangeAsync(user, caseId, c => c.Case.RemoveCaseworker(staffId));

    public Task ReopenAsync(ClaimsPrincipal user, Guid caseId) =>
        access.ChangeAsync(user, caseId, c => c.Case.Reopen());

    /// <summary>Records service information given to the student on this case (at first contact, or later if it was missed).</summary>
    /// <exception cref="RuleException">Nothing ticked or an unknown channel.</exception>
    public Task RecordInformationGivenAsync(ClaimsPrincipal user, Guid caseId, ServiceInformationGiven given) =>
        access.ChangeAsync(user, caseId, c => c.Case.RecordInformationGiven(given, c.Staff.Id, c.Now));

    /// <summary>Runs the conflict check again (say, after a dispute was recorded) and keeps its result on the case.</summary>
    public Task CheckConflictAsync(ClaimsPrincipal user, Guid caseId) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            c.Case.RecordConflictCheck(await DisputesOfAsync(c.Db, c.Case.StudentId), c.Staff.Id, c.Now);
            return true;
        });

    /// <summary>The conflict check: references of the open disputes the student is a party to (the same parties intake compares with).</summary>
    private static async Task<IReadOnlyList<string>> DisputesOfAsync(DropInDbContext db, Guid studentId)
    {
        var open = await db.Disputes.AsNoTracking().Where(d => d.EndedAt == null).ToListAsync();
        return [.. open.Where(d => d.Parties.Any(p => p.StudentId == studentId)).Select(d => d.Reference)];
    }

    private static BarrierTarget Target(LinkSource source) => source.Kind switch
    {
        LinkSourceKind.Visit => BarrierTarget.Ticket(source.Id),
        LinkSourceKind.Appointment => BarrierTarget.Appointment(source.Id),
        _ => BarrierTarget.Enquiry(source.Id),
    };

    /// <summary>The queue, diary or enquiries board showing the source redraws (e.g. an enquiry filed on a case leaves the board).</summary>
    private static void PublishSource(ChangeScope scope, LinkSource? source)
    {
        if (source is { Kind: LinkSourceKind.Enquiry })
        {
            scope.Publish(new EnquiryChanged(source.Id));
        }
    }

    private static async Task LinkAsync(DropInDbContext db, LinkSource source, Guid studentId, Guid? caseId, string staffId, DateTimeOffset now)
    {
        switch (source.Kind)
        {
            case LinkSourceKind.Visit:
                (await db.Tickets.SingleOrDefaultAsync(t => t.Id == source.Id) ?? throw Gone()).LinkTo(studentId, caseId);
                break;
            case LinkSourceKind.Appointment:
                (await db.Appointments.SingleOrDefaultAsync(a => a.Id == source.Id) ?? throw Gone()).LinkTo(studentId, caseId);
                break;
            default:
                var enquiry = await db.Enquiries.SingleOrDefaultAsync(e => e.Id == source.Id) ?? throw Gone();
                enquiry.LinkTo(studentId, caseId);
                if (caseId is not null && enquiry.Outcome is null)
                {
                    // Filing an enquiry on a case deals with it: it leaves the SLA board, acknowledged now if not before.
                    enquiry.Resolve(EnquiryOutcome.CaseOpened, null, staffId, now);
                }

                break;
        }

        static RuleException Gone() => new("That visit, appointment or enquiry no longer exists.");
    }
}
