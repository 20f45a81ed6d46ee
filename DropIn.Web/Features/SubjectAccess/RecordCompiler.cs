using System.Security.Cryptography;
using System.Text;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.SubjectAccess;

/// <summary>
/// Gathers everything the service holds about one student into a <see cref="SubjectAccessRecord"/>, and finds what in
/// it concerns someone else: anything from a case in dispute with another student, text naming another registered
/// student, and third parties (consents' recipients, people contacted). Reads monitoring answers back: the one place
/// they are, because the student is entitled to their own (the caller audits it).
/// </summary>
internal static class RecordCompiler
{
    public sealed record Compiled(SubjectAccessRecord Record, IReadOnlyList<FlagCandidate> Flags);

    public static async Task<Compiled> CompileAsync(DropInDbContext db, SubjectAccessRequest request, string service, DateTimeOffset now)
    {
        var id = request.StudentId;
        var student = await db.Students.AsNoTracking().SingleAsync(s => s.Id == id);
        var staff = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        string Staff(string? staffId) => staffId is null ? "" : staff.GetValueOrDefault(staffId, "(former member of staff)");

        var cases = await db.Cases.AsNoTracking().Where(c => c.StudentId == id).OrderBy(c => c.Number).ToListAsync();
        var caseIds = cases.Select(c => c.Id).ToList();
        var references = cases.ToDictionary(c => c.Id, c => c.Reference);
        string? Reference(Guid? caseId) => caseId is { } c ? references.GetValueOrDefault(c) : null;
        var categories = await db.CaseCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name);
        var outcomes = await db.OutcomeKinds.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Name);
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => caseIds.Contains(e.CaseId)).ToListAsync();
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => caseIds.Contains(d.CaseId)).ToListAsync();
        var deadlines = await db.CaseDeadlines.AsNoTracking().Where(d => caseIds.Contains(d.CaseId)).ToListAsync();
        var actions = await db.ActionItems.AsNoTracking().Where(a => caseIds.Contains(a.CaseId)).ToListAsync();
        var signposts = await db.Signposts.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.StudentId == id).ToListAsync();
        // Appointments booked under any spelling of the student's email are theirs too, linked to the record or not.
        var emailKey = student.EmailKey;
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.StudentId == id || (emailKey != null && a.StudentEmailKey == emailKey)).ToListAsync();
        var enquiries = await db.Enquiries.AsNoTracking().Where(e => e.StudentId == id).ToListAsync();
        var consents = await db.Consents.AsNoTracking().Where(c => c.StudentId == id).ToListAsync();
        var monitoring = await db.MonitoringRecords.AsNoTracking().SingleOrDefaultAsync(m => m.StudentId == id);
        var disputes = await db.Disputes.AsNoTracking().Where(d => d.Parties.Any(p => p.StudentId == id)).ToListAsync();
        var email = student.Email;
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.StudentId == id || (email != null && c.Contact == email)).ToListAsync();

        var record = new SubjectAccessRecord(
            SubjectAccessRecord.SchemaName, SubjectAccessRecord.CurrentVersion, request.Reference, request.ReceivedOn, now, service,
            new RecordStudent(student.Id, student.Name, student.PreferredName, student.Pronouns, student.Email, student.StudentNumber, student.College,
                student.Department, student.Course, student.Year, student.Status.ToString(), student.ContactPreference.ToString(), student.Phone,
                student.AccessNeeds, student.EligibilityNote, student.RegisteredAt, student.LastInvolvementAt, student.SamplingConsentGiven),
            [.. cases.Select(c => new RecordCase(c.Id, c.Reference, categories.GetValueOrDefault(c.CategoryId, "(category removed)"), c.Status.ToString(),
                c.OpenedAt, c.ClosedAt, c.Summary, c.Outcome?.ToString(), c.OutcomeNote,
                [.. c.Caseworkers.Select(w => Staff(w.StaffId)).Order(StringComparer.Ordinal)],
                [.. deadlines.Where(d => d.CaseId == c.Id).OrderBy(d => d.DueOn).Select(d => new RecordDeadline(d.Id, d.Title, d.DueOn, d.MetAt))],
                [.. actions.Where(a => a.CaseId == c.Id).OrderBy(a => a.AgreedAt).Select(a => new RecordAction(a.Id, a.Party.ToString(), a.What, a.By, a.AgreedAt, a.DoneAt))],
                [.. entries.Where(e => e.CaseId == c.Id).OrderBy(e => e.OccurredAt).ThenBy(e => e.RecordedAt).Select(e => new RecordTimelineEntry(
                    e.Id, e.Kind.ToString(), e.OccurredAt, e.RecordedAt, Staff(e.RecordedBy), e.Text, e.Method?.ToString(), e.ThirdParty, e.MeetingBody,
                    e.Role?.ToString(), e.SignpostId is { } s ? signposts.GetValueOrDefault(s) : null, e.SharesInformation, e.IsCorrected, e.CorrectedById, e.CorrectsId))],
                [.. documents.Where(d => d.CaseId == c.Id).OrderBy(d => d.UploadedAt).Select(d => new RecordDocument(d.Id, DocumentRules.SafeName(d.FileName), d.Type.ToString(), d.Size, d.UploadedAt))],
                new RecordFirstContact(Names(c.InformationGiven, Cases.CaseText.InformationItems.Select(i => i.Item)), c.InformationGivenHow?.ToString(), c.InformationGivenAt,
                    c.InformationGivenBy is { } informedBy ? Staff(informedBy) : null, c.ConflictCheckedAt, c.ConflictCheckedBy is { } checkedBy ? Staff(checkedBy) : null, c.ConflictFinding?.ToString()),
                c.FollowUpOn, Names(c.ClosingChecks, [ClosingCheck.DocumentsReturned, ClosingCheck.StudentTold]),
                [.. c.Achieved.Select(a => new RecordOutcomeAchieved(outcomes.GetValueOrDefault(a.KindId, "(outcome removed)"), a.Pounds))], c.Level?.ToString()))],
            [.. tickets.OrderBy(t => t.CheckedInAt).Select(t => new RecordVisit(t.Id, t.CheckedInAt, t.Topic, t.Status.ToString(), t.Outcome?.ToString(), t.CaseworkerName, Reference(t.CaseId)))],
            [.. appointments.OrderBy(a => a.Start).Select(a => new RecordAppointment(a.Id, a.Start, a.End, a.Kind.ToString(), a.Topic, a.Status.ToString(), Staff(a.StaffId), a.CancelReason, Reference(a.CaseId)))],
            [.. enquiries.OrderBy(e => e.ReceivedAt).Select(e => new RecordEnquiry(e.Id, e.ReceivedAt, e.Channel.ToString(), e.Summary, e.AcknowledgedAt, e.Outcome?.ToString(), e.ClosedReason, Reference(e.CaseId)))],
            [.. consents.OrderBy(c => c.GivenOn).Select(c => new RecordConsent(c.Id, c.ThirdParty, c.Information, c.Purpose, c.GivenOn, c.GivenBy.ToString(), c.WithdrawnAt, c.ExpiresOn, c.RenewedOn))],
            monitoring is null ? null : new RecordMonitoring(monitoring.RecordedAt, monitoring.DateOfBirth, monitoring.Gender, monitoring.Ethnicity, monitoring.Disability, monitoring.LevelOfStudy, monitoring.FeeStatus),
            [.. disputes.OrderBy(d => d.Number).Select(d => new RecordDispute(d.Id, d.Reference, d.Title, d.Parties.Single(p => p.StudentId == id).Side, d.OpenedAt, d.EndedAt))],
            [.. complaints.OrderBy(c => c.Number).Select(c => new RecordComplaint(c.Id, c.Reference, c.ReceivedAt, c.Channel.ToString(), c.Summary, c.Stage,
                c.StageOneOutcome?.ToString(), c.StageOneResponse, c.Outcome?.ToString(), c.Response, c.RespondedAt, Reference(c.CaseId)))]);

        var others = await db.Students.AsNoTracking().Where(s => s.Id != id && s.MergedIntoId == null).Select(s => new { s.Id, s.Name, s.PreferredName }).ToListAsync();
        var disputed = disputes.SelectMany(d => d.Parties.Where(p => p.StudentId == id && p.CaseId != null).Select(p => p.CaseId!.Value)).ToHashSet();
        return new Compiled(record, Flags(record, new NameMentions(others.Select(o => (o.Id, o.Name, o.PreferredName))), disputed));
    }

    /// <summary>What a manager must decide on before release, in the order the record reads.</summary>
    private static List<FlagCandidate> Flags(SubjectAccessRecord record, NameMentions mentions, IReadOnlySet<Guid> disputedCases)
    {
        var flags = new List<FlagCandidate>();
        void Check(Guid itemId, string field, string? text, FlagConcern? always = null)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var concern = always ?? (mentions.In(text).Count > 0 ? FlagConcern.NamesAnotherStudent : null);
            if (concern is { } c)
            {
                flags.Add(new FlagCandidate(itemId, field, c, Fingerprint(text)));
            }
        }

        foreach (var c in record.Cases)
        {
            FlagConcern? dispute = disputedCases.Contains(c.Id) ? FlagConcern.Dispute : null;
            Check(c.Id, "summary", c.Summary, dispute);
            Check(c.Id, "outcomeNote", c.OutcomeNote, dispute);
            c.Deadlines.ToList().ForEach(d => Check(d.Id, "title", d.Title));
            c.ActionPlan.ToList().ForEach(a => Check(a.Id, "what", a.What));
            foreach (var e in c.Timeline)
            {
                Check(e.Id, "thirdParty", e.ThirdParty, FlagConcern.ThirdParty);
                Check(e.Id, "text", e.Text, dispute);
                Check(e.Id, "meetingBody", e.MeetingBody);
            }
        }

        record.Visits.ToList().ForEach(v => Check(v.Id, "topic", v.Topic));
        record.Appointments.ToList().ForEach(a => Check(a.Id, "topic", a.Topic));
        record.Enquiries.ToList().ForEach(e => Check(e.Id, "summary", e.Summary));
        foreach (var c in record.Consents)
        {
            Check(c.Id, "thirdParty", c.ThirdParty, FlagConcern.ThirdParty);
            Check(c.Id, "information", c.Information);
            Check(c.Id, "purpose", c.Purpose);
        }

        record.Disputes.ToList().ForEach(d => Check(d.Id, "title", d.Title, FlagConcern.Dispute));
        foreach (var c in record.Complaints ?? [])
        {
            Check(c.Id, "summary", c.Summary);
            Check(c.Id, "stageOneResponse", c.StageOneResponse);
            Check(c.Id, "response", c.Response);
        }

        return flags;
    }

    /// <summary>Identifies the text without keeping it: a decision holds only while the text is unchanged.</summary>
    public static string Fingerprint(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    /// <summary>The single flags set in <paramref name="value"/>, by name ("A, B"; never a combined name like "All"); null when none is.</summary>
    private static string? Names<TFlags>(TFlags value, IEnumerable<TFlags> each)
        where TFlags : struct, Enum
    {
        var set = each.Where(f => value.HasFlag(f)).Select(f => f.ToString()).ToList();
        return set.Count == 0 ? null : string.Join(", ", set);
    }
}
