using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Retention;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Retention;

/// <summary>
/// Destroys one student's records at the end of the retention period, in one transaction so a crash leaves the
/// student either whole or gone: the record, cases and everything on them, visits, appointments, enquiries,
/// consents, monitoring answers, mail, holds and listings. An anonymous remnant per case is kept first, so past years'
/// statistics stay right. Document files go after the commit (a crash in between leaves encrypted files with no
/// row, which the nightly sweep removes). The audit trail keeps its entries: they hold ids and actions, never names
/// or note text, and an id on its own identifies no one once the record is gone. The night's destruction log counts
/// the student in the same transaction (<see cref="DestructionLog"/>).
/// </summary>
public sealed class StudentDestroyer(IDbContextFactory<DropInDbContext> dbFactory, DocumentStore documents, Live.ILiveUpdates live)
{
    /// <summary>
    /// Destroys the student if, checked again inside the transaction, the policy says so; null otherwise, and null when
    /// another run (on another app server) destroyed them a moment ago.
    /// </summary>
    /// <param name="now">When the nightly run started (UTC); its London date is the night the destruction is logged under.</param>
    public async Task<DestroyedStudent?> DestroyIfDueAsync(Guid studentId, RetentionPolicy policy, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await DataChanges.BeginSerialisedAsync(db, ct);
        // The student's row is taken before anything is read, so that a second destroyer at the same moment waits here
        // until this one commits and then finds nobody: remnants and log counts are written once. SQLite's immediate
        // transaction already lets one writer in; on PostgreSQL this UPDATE's row lock does it.
        if (await db.Students.Where(s => s.Id == studentId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct) == 0)
        {
            return null;
        }

        var student = await db.Students.SingleAsync(s => s.Id == studentId, ct);

        var holds = await db.Set<RetentionHold>().Where(h => h.StudentId == studentId).ToListAsync(ct);
        var listing = await db.Set<RetentionListing>().SingleOrDefaultAsync(l => l.StudentId == studentId, ct);
        if (policy.Decide(student.LastInvolvementAt, listing?.Entry, holds, now) != RetentionDecision.Destroy)
        {
            return null;
        }

        var cases = await db.Cases.AsNoTracking().Where(c => c.StudentId == studentId).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var remnants = await RemnantsAsync(db, student, cases, ct);
        db.Set<StatisticsRemnant>().AddRange(remnants);
        await db.SaveChangesAsync(ct);

        foreach (var dispute in await db.Disputes.Where(d => d.Parties.Any(p => p.StudentId == studentId)).ToListAsync(ct))
        {
            dispute.Forget(studentId);
        }

        await db.SaveChangesAsync(ct);
        var documentCount = await db.CaseDocuments.CountAsync(d => caseIds.Contains(d.CaseId), ct);
        var other = await DeleteAroundAsync(db, student, caseIds, ct);
        await db.SaveChangesAsync(ct);
        // Duplicates merged into this record hold nothing of their own any more, but still carry the name.
        await db.Students.Where(s => s.Id == studentId || s.MergedIntoId == studentId).ExecuteDeleteAsync(ct);
        var counts = new DestructionCounts(1, caseIds.Count, documentCount, other, remnants.Count);
        await DestructionLog.AddAsync(db, DestructionLog.NightOf(now), counts, ct);
        await tx.CommitAsync(ct);

        foreach (var caseId in caseIds)
        {
            documents.DeleteCase(caseId);
        }

        // Screens, and the reads they share (the queue, the parties to disputes), drop what they held of the student.
        await live.PublishAsync(new Live.StudentChanged(studentId));
        return new DestroyedStudent(counts, student.Email);
    }

    private static async Task<int> DeleteAroundAsync(DropInDbContext db, Student student, List<Guid> caseIds, CancellationToken ct)
    {
        var id = student.Id;
        var email = student.Email;
        var links = caseIds.Select(c => c.ToString()).Append(id.ToString()).ToList();
        var count = 0;
        count += await db.TimelineEntries.Where(e => caseIds.Contains(e.CaseId)).ExecuteDeleteAsync(ct);
        count += await db.CaseDeadlines.Where(e => caseIds.Contains(e.CaseId)).ExecuteDeleteAsync(ct);
        count += await db.ActionItems.Where(e => caseIds.Contains(e.CaseId)).ExecuteDeleteAsync(ct);
        await db.CaseDocuments.Where(e => caseIds.Contains(e.CaseId)).ExecuteDeleteAsync(ct);
        count += await db.Consents.Where(c => c.StudentId == id).ExecuteDeleteAsync(ct);
        count += await db.MonitoringRecords.Where(m => m.StudentId == id).ExecuteDeleteAsync(ct);
        count += await db.Tickets.Where(t => t.StudentId == id || (email != null && t.EmailOrId == email)).ExecuteDeleteAsync(ct);
        // Appointments and no-show counts under any spelling of the student's email (UniversityEmail), and mail to each spelling.
        var key = student.EmailKey;
        var addresses = key is null ? [] : await db.Appointments.Where(a => a.StudentEmailKey == key).Select(a => a.StudentEmail).Distinct().ToListAsync(ct);
        if (email is not null)
        {
            addresses.Add(email);
        }

        count += await db.Appointments.Where(a => a.StudentId == id || (key != null && a.StudentEmailKey == key)).ExecuteDeleteAsync(ct);
        count += await db.Enquiries.Where(e => e.StudentId == id || (email != null && e.Contact == email)).ExecuteDeleteAsync(ct);
        // A complaint from the student, or about their case, holds their name and words: it goes with their record.
        count += await db.Complaints.Where(c => c.StudentId == id || (email != null && c.Contact == email)).ExecuteDeleteAsync(ct);
        if (key is not null)
        {
            count += await db.StudentStandings.Where(s => s.Email == key).ExecuteDeleteAsync(ct);
        }

        count += await db.Outbox.Where(m => addresses.Contains(m.To)).ExecuteDeleteAsync(ct);

        // Staff notifications link to the record they are about, and older ones may name the student. The text is
        // encrypted, so it is searched in memory (notifications are few and go by age anyway).
        var naming = (await db.Notifications.AsNoTracking().Select(n => new { n.Id, n.Text }).ToListAsync(ct))
            .Where(n => n.Text.Contains(student.Name, StringComparison.OrdinalIgnoreCase)).Select(n => n.Id).ToList();
        count += await db.Notifications.Where(n => naming.Contains(n.Id)).ExecuteDeleteAsync(ct);
        foreach (var link in links)
        {
            count += await db.Notifications.Where(n => n.Link.Contains(link)).ExecuteDeleteAsync(ct);
        }

        // Invitations are the only link between a student and the anonymous forms; the responses themselves stay.
        count += await db.FeedbackInvitations.Where(i => i.StudentId == id).ExecuteDeleteAsync(ct);
        count += await db.ConductIncidents.Where(i => i.StudentId == id).ExecuteDeleteAsync(ct);
        count += await db.ConductWarnings.Where(w => w.StudentId == id).ExecuteDeleteAsync(ct);
        count += await db.Withdrawals.Where(w => w.StudentId == id).ExecuteDeleteAsync(ct);
        var requests = await db.SubjectAccessRequests.Where(r => r.StudentId == id).ToListAsync(ct);
        var requestIds = requests.Select(r => r.Id).ToList();
        count += await db.SubjectAccessBundles.Where(b => requestIds.Contains(b.RequestId)).ExecuteDeleteAsync(ct);
        db.SubjectAccessRequests.RemoveRange(requests); // tracked, so their flags (owned rows) go with them
        count += requests.Count;
        await db.Cases.Where(c => c.StudentId == id).ExecuteDeleteAsync(ct);
        await db.Set<RetentionHold>().Where(h => h.StudentId == id).ExecuteDeleteAsync(ct);
        await db.Set<RetentionListing>().Where(l => l.StudentId == id).ExecuteDeleteAsync(ct);
        return count;
    }

    /// <summary>One per case; a student who never had one leaves one remnant dated by their first involvement.</summary>
    private static async Task<List<StatisticsRemnant>> RemnantsAsync(DropInDbContext db, Student student, List<Case> cases, CancellationToken ct)
    {
        var level = await db.MonitoringRecords.AsNoTracking().Where(m => m.StudentId == student.Id)
            .OrderByDescending(m => m.RecordedAt).Select(m => m.LevelOfStudy).FirstOrDefaultAsync(ct);
        var categories = await db.CaseCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var enquiries = await db.Enquiries.AsNoTracking().Where(e => e.StudentId == student.Id)
            .Select(e => new { e.CaseId, e.Channel, e.ReceivedAt }).ToListAsync(ct);
        var visits = await db.Tickets.AsNoTracking().Where(t => t.StudentId == student.Id).Select(t => new { t.CaseId, t.CheckedInAt }).ToListAsync(ct);

        // How the student came to us: through what was filed on the case, else their first contact of any kind.
        EnquiryChannel? FirstChannel(Func<Guid?, bool> on) =>
            enquiries.Where(e => on(e.CaseId)).Select(e => (e.ReceivedAt, Channel: (EnquiryChannel?)e.Channel))
                .Concat(visits.Where(v => on(v.CaseId)).Select(v => (ReceivedAt: v.CheckedInAt, Channel: (EnquiryChannel?)EnquiryChannel.InPerson)))
                .OrderBy(c => c.ReceivedAt).Select(c => c.Channel).FirstOrDefault();
        EnquiryChannel? ChannelOf(Guid? caseId) => (caseId is null ? null : FirstChannel(c => c == caseId)) ?? FirstChannel(_ => true);

        if (cases.Count == 0)
        {
            var first = enquiries.Select(e => e.ReceivedAt).Concat(visits.Select(v => v.CheckedInAt)).DefaultIfEmpty(student.RegisteredAt).Min();
            return [StatisticsRemnant.From(null, first, null, null, ChannelOf(null), student.Status, level)];
        }

        return [.. cases.Select(c => StatisticsRemnant.From(categories.GetValueOrDefault(c.CategoryId), c.OpenedAt, c.ClosedAt, c.Outcome, ChannelOf(c.Id), student.Status, level))];
    }
}

/// <summary>What went, and the address whose mail copies (if the transport keeps any) go too.</summary>
public sealed record DestroyedStudent(DestructionCounts Counts, string? Email);
