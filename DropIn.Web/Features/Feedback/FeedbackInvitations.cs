using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Feedback;
using DropIn.Domain.Retention;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Feedback;

/// <summary>
/// The invitation job's work, found by scanning the database: students who gave permission (and have not since said
/// no) get a feedback invitation once their first contact is <see cref="FeedbackOptions.InviteAfterDays"/> behind them,
/// and an impact invitation for each case closed <see cref="FeedbackOptions.ImpactAfterMonths"/> ago. Each invitation
/// and its email are saved together, one invitation per transaction, under a unique key: a second run, or a second
/// node racing this one, finds the invitation there or has its insert refused, so every invitation goes exactly once.
/// </summary>
public sealed class FeedbackInvitations(
    IDbContextFactory<DropInDbContext> dbFactory, FeedbackEmails emails, TimeProvider clock, IOptions<FeedbackOptions> options, ILogger<FeedbackInvitations> log)
{
    /// <returns>How many invitations this run queued.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = LondonTime.Today(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var earliest = today.AddDays(-InvitationSchedule.MissedAfterDays - 7).AddMonths(-options.Value.ImpactAfterMonths);
        var calendar = await db.WorkingCalendarAsync(earliest, today.AddDays(7), ct);
        if (!InvitationSchedule.IsSendingTime(now, calendar))
        {
            return 0;
        }

        var due = new List<Due>();
        foreach (var student in await PermittedStudentsAsync(db, ct))
        {
            due.AddRange(await DueForAsync(db, student, calendar, now, ct));
        }

        var sent = 0;
        foreach (var invitation in due)
        {
            sent += await SendAsync(invitation, now, ct) ? 1 : 0;
        }

        if (sent > 0)
        {
            log.LogInformation("Queued {Count} feedback or impact invitation(s)", sent);
        }

        return sent;
    }

    private sealed record Candidate(Guid Id, string Email, StudentStatus Status, Guid[] FormerIds);

    private sealed record Due(InvitationKind Kind, Candidate Student, Guid? CaseId, EnquiryChannel? Channel);

    /// <summary>
    /// Students we may write to now: not merged away, with an email, whose latest answer is yes, and whose service
    /// has not been withdrawn (the code of practice's withdrawal: they get no unsolicited mail from us).
    /// </summary>
    private static async Task<List<Candidate>> PermittedStudentsAsync(DropInDbContext db, CancellationToken ct)
    {
        // The ticks given when booking, from appointments confirmed from the inbox: linked to a record, or booked
        // under any spelling of its email (UniversityEmail). Read first and matched in memory: they are few.
        var ticks = await db.Appointments.AsNoTracking().Where(a => a.FeedbackPermissionAt != null && a.ConfirmedAt != null)
            .Select(a => new { a.StudentId, a.StudentEmailKey, At = a.FeedbackPermissionAt!.Value }).ToListAsync(ct);
        var tickedIds = ticks.Where(t => t.StudentId != null).Select(t => t.StudentId!.Value).Distinct().ToList();
        var tickedKeys = ticks.Select(t => t.StudentEmailKey).Distinct().ToList();
        var students = await db.Students.AsNoTracking()
            .Where(s => s.MergedIntoId == null && s.Email != null
                && (s.FeedbackPermissionGiven == true || tickedIds.Contains(s.Id) || (s.EmailKey != null && tickedKeys.Contains(s.EmailKey))))
            .Select(s => new { s.Id, s.Email, s.EmailKey, s.Status, s.FeedbackPermissionGiven, s.FeedbackPermissionAt, s.FeedbackPermissionBy })
            .ToListAsync(ct);
        var rows = students.Select(s => new
        {
            s.Id, s.Email, s.Status, s.FeedbackPermissionGiven, s.FeedbackPermissionAt, s.FeedbackPermissionBy,
            Ticks = ticks.Where(t => t.StudentId == s.Id || (s.EmailKey != null && t.StudentEmailKey == s.EmailKey)).Select(t => t.At).ToList(),
        }).ToList();
        var permitted = rows.Where(r => FeedbackPermission.Effective(
            r.FeedbackPermissionGiven is { } given ? new FeedbackPermission(given, r.FeedbackPermissionAt!.Value, r.FeedbackPermissionBy ?? "") : null, r.Ticks)?.Given == true).ToList();
        var ids = permitted.Select(r => r.Id).ToList();
        // Nobody whose service is withdrawn is asked how it went.
        var withdrawn = (await db.Withdrawals.AsNoTracking().Where(w => w.LiftedAt == null && ids.Contains(w.StudentId)).Select(w => w.StudentId).ToListAsync(ct)).ToHashSet();
        var merged = await db.Students.AsNoTracking().Where(s => s.MergedIntoId != null && ids.Contains(s.MergedIntoId.Value))
            .Select(s => new { s.Id, Into = s.MergedIntoId!.Value }).ToListAsync(ct);
        return [.. permitted.Where(r => !withdrawn.Contains(r.Id))
            .Select(r => new Candidate(r.Id, r.Email!, r.Status, [.. merged.Where(m => m.Into == r.Id).Select(m => m.Id)]))];
    }

    private async Task<List<Due>> DueForAsync(DropInDbContext db, Candidate student, WorkingCalendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        // A duplicate merged into this record may already have been invited: that counts for the student.
        var ids = student.FormerIds.Append(student.Id).ToList();
        var invited = (await db.FeedbackInvitations.AsNoTracking().Where(i => ids.Contains(i.StudentId)).Select(i => new { i.Kind, i.CaseId }).ToListAsync(ct));
        var first = await FirstContactAsync(db, student.Id, ct);
        var due = new List<Due>();
        if (first is not null && invited.All(i => i.Kind != InvitationKind.Feedback)
            && InvitationSchedule.SendNow(InvitationSchedule.FeedbackDue(first.At, options.Value.InviteAfterDays, calendar), now, calendar))
        {
            due.Add(new Due(InvitationKind.Feedback, student, null, first.Channel));
        }

        // A case the student withdrew from is not followed up: they chose to stop, and a survey could feel like pressure.
        var closed = await db.Cases.AsNoTracking()
            .Where(c => c.StudentId == student.Id && c.Status == CaseStatus.Closed && c.ClosedAt != null && c.Outcome != CaseOutcome.StudentWithdrew)
            .Select(c => new { c.Id, ClosedAt = c.ClosedAt!.Value }).ToListAsync(ct);
        foreach (var c in closed.Where(c => invited.All(i => i.CaseId != c.Id)))
        {
            if (InvitationSchedule.SendNow(InvitationSchedule.ImpactDue(c.ClosedAt, options.Value.ImpactAfterMonths, calendar), now, calendar))
            {
                due.Add(new Due(InvitationKind.Impact, student, c.Id, first?.Channel));
            }
        }

        return due;
    }

    /// <summary>The earliest enquiry, drop-in visit, booking or registration linked to the record.</summary>
    private static async Task<Contact?> FirstContactAsync(DropInDbContext db, Guid studentId, CancellationToken ct)
    {
        var contacts = new List<Contact>();
        contacts.AddRange((await db.Enquiries.AsNoTracking().Where(e => e.StudentId == studentId).Select(e => new { e.ReceivedAt, e.Channel }).ToListAsync(ct))
            .Select(e => new Contact(e.ReceivedAt, e.Channel)));
        contacts.AddRange((await db.Tickets.AsNoTracking().Where(t => t.StudentId == studentId).Select(t => t.CheckedInAt).ToListAsync(ct))
            .Select(at => new Contact(at, EnquiryChannel.InPerson)));
        // A student's own booking came through the web; one made by staff could have been by phone or at the desk.
        contacts.AddRange((await db.Appointments.AsNoTracking().Where(a => a.StudentId == studentId).Select(a => new { a.CreatedAt, a.BookedBy }).ToListAsync(ct))
            .Select(a => new Contact(a.CreatedAt, a.BookedBy == null ? EnquiryChannel.WebForm : null)));
        contacts.AddRange(await db.Students.AsNoTracking().Where(s => s.Id == studentId).Select(s => new Contact(s.RegisteredAt, null)).ToListAsync(ct));
        return FirstContact.Of(contacts);
    }

    private async Task<bool> SendAsync(Due due, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var level = await db.MonitoringRecords.AsNoTracking().Where(m => m.StudentId == due.Student.Id).Select(m => m.LevelOfStudy).FirstOrDefaultAsync(ct);
        var (token, hash) = ManageToken.Create();
        db.FeedbackInvitations.Add(FeedbackInvitation.Create(due.Kind, due.Student.Id, due.CaseId, hash, due.Channel, due.Student.Status, StatisticsRemnant.BandOf(level), now));
        db.Outbox.Add(emails.Invitation(due.Kind, due.Student.Email, token, now));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another run invited this student a moment ago: the unique key refused ours, and its email with it.
            return false;
        }
    }
}
