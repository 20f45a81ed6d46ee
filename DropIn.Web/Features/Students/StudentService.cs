using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Students;

/// <summary>Student records: finding, registering (with a duplicate check), editing, and a manager's merge of duplicates.</summary>
public sealed class StudentService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, IAuthorizationService authorization, InformationBarriers barriers, Security.Audit.AuditLog audit)
{
    public const int MaxResults = 25;

    public async Task<IReadOnlyList<StudentSummary>> SearchAsync(ClaimsPrincipal user, string text) => (await FindAsync(user, text)).Found;

    /// <summary>
    /// By name (any part, accents ignored, or a surname that sounds the same), email, or student number / CRSid.
    /// Students an information barrier keeps from the user are left out and only counted.
    /// </summary>
    public async Task<StudentSearch> FindAsync(ClaimsPrincipal user, string text)
    {
        await authorizer.RequireAsync(user, Permissions.FindStudents);
        var key = NameKey.Normalise(text);
        if (key.Length < 2)
        {
            return new StudentSearch([], 0);
        }

        var raw = text.Trim();
        var email = UniversityEmail.Key(raw);
        var number = raw.ToUpperInvariant();
        var sound = key.Any(char.IsAsciiLetter) ? NameKey.SurnameSound(key) : "";
        await using var db = await dbFactory.CreateDbContextAsync();
        var found = await db.Students.AsNoTracking()
            .Where(s => s.MergedIntoId == null
                && (s.NameKey.Contains(key) || s.EmailKey == email || s.StudentNumber == number || (sound != "" && s.SurnameSound == sound)))
            .OrderBy(s => s.NameKey).Take(200).ToListAsync();
        var blocked = await barriers.BlockedAsync(user);
        var hidden = found.RemoveAll(s => blocked.Contains(s.Id));
        // What was searched for is not recorded (it is usually a name); how many records were shown is.
        await audit.RecordAsync(user, "student.search", detail: $"{Math.Min(found.Count, MaxResults)} shown" + (hidden > 0 ? $", {hidden} behind a barrier" : ""));
        // Exact and partial matches before sound-alikes: "Smith" lists the Smiths before the Smyths.
        return new StudentSearch([.. found.OrderByDescending(s => s.NameKey.Contains(key, StringComparison.Ordinal) || s.EmailKey == email || s.StudentNumber == number)
            .ThenBy(s => s.NameKey, StringComparer.Ordinal).Take(MaxResults).Select(Summary)], hidden);
    }

    public async Task<IReadOnlyList<PossibleDuplicate>> DuplicatesAsync(ClaimsPrincipal user, StudentProfile profile, Guid? except = null)
    {
        await authorizer.RequireAsync(user, Permissions.RegisterStudents);
        await using var db = await dbFactory.CreateDbContextAsync();
        var found = await DuplicatesAsync(db, profile, except);
        if (found.Count == 0)
        {
            return found;
        }

        // The conflict check at intake: a match who is a party to a recorded dispute is flagged, and hidden
        // altogether from staff on the other side.
        var active = await db.Disputes.AsNoTracking().Where(d => d.EndedAt == null).ToListAsync();
        var parties = active.SelectMany(d => d.Parties.Select(p => p.StudentId)).ToHashSet();
        var blocked = await barriers.BlockedAsync(user);
        return [.. found.Select(d => blocked.Contains(d.Student.Id)
                ? new PossibleDuplicate(d.Student with { DisplayName = InformationBarriers.HiddenText, Email = null, StudentNumber = null, College = null }, ["possible party to a recorded dispute: ask a manager"])
                : parties.Contains(d.Student.Id) ? d with { Reasons = [.. d.Reasons, "party to a recorded dispute: ask a manager before advising"] } : d)];
    }

    /// <summary>
    /// Registers a student. While likely duplicates exist the caller must have shown them and confirmed this is a
    /// different person; otherwise the same student ends up with two records and two half-histories.
    /// </summary>
    /// <param name="feedbackPermission">The answer to "May we email an anonymous feedback form…?", or null if not asked.</param>
    public async Task<Student> RegisterAsync(ClaimsPrincipal user, StudentProfile profile, bool confirmedNotDuplicate = false, bool? feedbackPermission = null)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.RegisterStudents);
        var valid = profile.Validated();
        // A second record for someone this user is walled off from would be a record of them they can see: a
        // colleague on no side of the dispute registers them.
        await barriers.RequireVisibleAsync(user, BarrierTarget.Someone(valid, "Student"));
        return await changes.RunAsync(ChangeOptions.Report("Student records were changing at the same moment and this one could not be saved; try again."), async scope =>
        {
            if (!confirmedNotDuplicate && (await DuplicatesAsync(scope.Db, valid, null)).Count > 0)
            {
                throw new RuleException("This may be a student who is already registered. Check the possible matches, or confirm this is a different person.");
            }

            var student = Student.Register(valid, staff.Id, scope.Now);
            if (feedbackPermission is { } given)
            {
                student.RecordFeedbackPermission(given, staff.Id, student.RegisteredAt);
            }

            scope.Db.Students.Add(student);
            scope.Audit(user, "student.register", "Student", student.Id.ToString());
            scope.Publish(new StudentChanged(student.Id));
            return student;
        });
    }

    public async Task<StudentRecord> GetAsync(ClaimsPrincipal user, Guid id)
    {
        await authorizer.RequireAsync(user, Permissions.FindStudents);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(id));
        var mayViewCases = (await authorization.AuthorizeAsync(user, Permissions.ViewCases)).Succeeded;
        await using var db = await dbFactory.CreateDbContextAsync();
        var student = await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id) ?? throw new RuleException("That student record does not exist.");
        await audit.ViewedAsync(user, "Student", id.ToString());
        if (student.MergedIntoId is { } kept)
        {
            throw new RuleException($"This record was merged into another; open /students/{kept} instead.");
        }

        List<CaseSummary>? cases = null;
        if (mayViewCases)
        {
            var rows = await (from c in db.Cases.AsNoTracking()
                              join category in db.CaseCategories on c.CategoryId equals category.Id
                              where c.StudentId == id
                              select new { c.Id, c.Number, category.Name, c.Status, c.OpenedAt, c.Outcome }).ToListAsync();
            cases = [.. rows.OrderByDescending(c => c.OpenedAt).Select(c => new CaseSummary(c.Id, Case.ReferenceOf(c.Number), c.Name, c.Status, c.OpenedAt, c.Outcome))];
        }

        var links = await StudentLinks.LoadAsync(db, id);
        var monitoring = await db.MonitoringRecords.AsNoTracking().Where(m => m.StudentId == id).Select(m => (DateTimeOffset?)m.RecordedAt).SingleOrDefaultAsync();
        return new StudentRecord(student, cases, links.Visits, links.Appointments, links.Enquiries, monitoring);
    }

    public async Task UpdateAsync(ClaimsPrincipal user, Guid id, int expectedVersion, StudentProfile profile)
    {
        await authorizer.RequireAsync(user, Permissions.RegisterStudents);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(id));
        await changes.RunAsync(ChangeOptions.Report("Someone else changed this student's details a moment ago; their version is shown."), async scope =>
        {
            var student = await scope.Db.Students.SingleOrDefaultAsync(s => s.Id == id && s.MergedIntoId == null) ?? throw new RuleException("That student record does not exist.");
            if (student.Version != expectedVersion)
            {
                throw new EditConflictException("Someone else changed this student's details while you were editing. Their version is shown; make your change again.", student.DisplayName);
            }

            student.Update(profile);
            scope.Audit(user, "student.update", "Student", id.ToString());
            scope.Publish(new StudentChanged(id));
        });
    }

    /// <summary>
    /// Folds the duplicate into the record kept: its cases, consents, visits, appointments, enquiries and monitoring
    /// answers move across in one transaction, and the duplicate is never shown again.
    /// </summary>
    public async Task MergeAsync(ClaimsPrincipal user, Guid keepId, Guid duplicateId)
    {
        await authorizer.RequireAsync(user, Permissions.MergeStudents);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(keepId));
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(duplicateId));
        // One transaction: a merge half done would leave a student's history split across two records.
        await changes.RunAsync(ChangeOptions.Report("One of these records changed while merging; nothing was merged. Try again.") with { Serialised = true }, async scope =>
        {
            var db = scope.Db;
            var keep = await db.Students.SingleOrDefaultAsync(s => s.Id == keepId) ?? throw new RuleException("The record to keep does not exist.");
            var duplicate = await db.Students.SingleOrDefaultAsync(s => s.Id == duplicateId) ?? throw new RuleException("The duplicate record does not exist.");
            keep.Absorb(duplicate);
            (await db.Cases.Where(c => c.StudentId == duplicateId).ToListAsync()).ForEach(c => c.MoveTo(keepId));
            (await db.Consents.Where(c => c.StudentId == duplicateId).ToListAsync()).ForEach(c => c.MoveTo(keepId));
            (await db.Tickets.Where(t => t.StudentId == duplicateId).ToListAsync()).ForEach(t => t.LinkTo(keepId, null));
            (await db.Appointments.Where(a => a.StudentId == duplicateId).ToListAsync()).ForEach(a => a.LinkTo(keepId, null));
            (await db.Enquiries.Where(e => e.StudentId == duplicateId).ToListAsync()).ForEach(e => e.LinkTo(keepId, null));
            // A conduct record, and a withdrawal in force, follow the student: a duplicate must not be a way round it.
            (await db.ConductIncidents.Where(i => i.StudentId == duplicateId).ToListAsync()).ForEach(i => i.MoveTo(keepId));
            (await db.ConductWarnings.Where(w => w.StudentId == duplicateId).ToListAsync()).ForEach(w => w.MoveTo(keepId));
            (await db.Withdrawals.Where(w => w.StudentId == duplicateId).ToListAsync()).ForEach(w => w.MoveTo(keepId));
            // A retention hold keeps the merged record; a review listing was for a record that no longer exists as it was.
            (await db.Set<DropIn.Domain.Retention.RetentionHold>().Where(h => h.StudentId == duplicateId).ToListAsync()).ForEach(h => h.MoveTo(keepId));
            db.RemoveRange(await db.Set<DropIn.Domain.Retention.RetentionListing>().Where(l => l.StudentId == duplicateId || l.StudentId == keepId).ToListAsync());
            var monitoring = await db.MonitoringRecords.Where(m => m.StudentId == keepId || m.StudentId == duplicateId).ToListAsync();
            if (monitoring.Count > 0 && monitoring.MaxBy(m => m.RecordedAt) is { } latest && latest.StudentId == duplicateId)
            {
                // The most recent answers are the student's current ones; they move to the kept record.
                var moved = MonitoringRecord.For(keepId);
                moved.Answer(latest.DateOfBirth, latest.Gender, latest.Ethnicity, latest.Disability, latest.LevelOfStudy, latest.FeeStatus, latest.RecordedAt);
                db.MonitoringRecords.RemoveRange(monitoring);
                await db.SaveChangesAsync();
                db.MonitoringRecords.Add(moved);
            }
            else
            {
                db.MonitoringRecords.RemoveRange(monitoring.Where(m => m.StudentId == duplicateId));
            }

            scope.Audit(user, "student.merge", "Student", keepId.ToString(), $"merged {duplicateId}");
            scope.Publish(new StudentChanged(keepId));
            scope.Publish(new StudentChanged(duplicateId));
        });
    }

    internal static StudentSummary Summary(Student s) => new(s.Id, s.DisplayName, s.Email, s.StudentNumber, s.College, s.Status, s.LastInvolvementAt);

    private static async Task<IReadOnlyList<PossibleDuplicate>> DuplicatesAsync(DropInDbContext db, StudentProfile profile, Guid? except)
    {
        var key = NameKey.Normalise(profile.Name);
        var sound = NameKey.SurnameSound(profile.Name);
        var email = profile.Email?.Trim().ToLowerInvariant();
        var emailKey = UniversityEmail.Key(email);
        var number = profile.StudentNumber?.Trim().ToUpperInvariant();
        var candidates = await db.Students.AsNoTracking()
            .Where(s => s.MergedIntoId == null && s.Id != except
                && ((emailKey != null && s.EmailKey == emailKey) || (number != null && s.StudentNumber == number) || s.NameKey == key || (sound != "" && s.SurnameSound == sound)))
            .Take(200).ToListAsync();
        var probe = profile with { Email = email, StudentNumber = number };
        return [.. candidates.Select(s => new PossibleDuplicate(Summary(s), DuplicateCheck.Reasons(probe, s)))
            .Where(d => d.Reasons.Count > 0)
            .OrderByDescending(d => d.Reasons.Count).ThenBy(d => d.Student.DisplayName, StringComparer.Ordinal)];
    }
}
