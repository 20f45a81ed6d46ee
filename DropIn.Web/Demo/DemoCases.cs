using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Demo;

/// <summary>Development only: a few registered students with case files in different states. All names are invented.</summary>
internal static class DemoCases
{
    public static async Task SeedAsync(DropInDbContext db, (string Id, string Name)[] caseworkers, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Students.AnyAsync(ct))
        {
            return;
        }

        var (sam, priya) = (caseworkers[0].Id, caseworkers[1].Id);
        var today = LondonTime.Today(now);
        var categories = await db.CaseCategories.ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var outcomes = await db.OutcomeKinds.ToDictionaryAsync(k => k.Name, k => k.Id, ct);
        var aisha = Student.Register(new StudentProfile("Aisha Rahman", Pronouns: "she/her", Email: "ar123@cam.ac.uk", StudentNumber: "AR123", College: "Girton",
            Department: "Engineering", Course: "Engineering Tripos", Year: "2nd year"), sam, now.AddDays(-12));
        var mei = Student.Register(new StudentProfile("Mei Chen", Email: "mc456@cam.ac.uk", StudentNumber: "MC456", College: "Trinity", Course: "Natural Sciences",
            Year: "3rd year", AccessNeeds: "Step-free room"), priya, now.AddDays(-30));
        var liam = Student.Register(new StudentProfile("Liam O'Brien", PreferredName: "Li", Email: "lo777@cam.ac.uk", College: "Churchill", Course: "History", Year: "1st year"), sam, now.AddDays(-5));
        var sofia = Student.Register(new StudentProfile("Sofia García", Email: "sg789@cam.ac.uk", College: "Newnham", Status: StudentStatus.Former,
            EligibilityNote: "Complaint about supervision during her MPhil, which ended in June"), priya, now.AddDays(-90));
        db.Students.AddRange(aisha, mei, liam, sofia);
        // Aisha and Sofia agreed that an assessor may read their files, names hidden; Liam said no; Mei was not asked.
        aisha.RecordSamplingConsent(true, sam, now.AddDays(-12));
        sofia.RecordSamplingConsent(true, priya, now.AddDays(-90));
        liam.RecordSamplingConsent(false, sam, now.AddDays(-5));

        var appeal = Case.Open(aisha.Id, categories["Academic appeal"], 1, "Appeal against the Part IB result: medical evidence of illness during exams was not considered.", sam, now.AddDays(-12));
        var allowances = Case.Open(mei.Id, categories["Examination allowances"], 2, "Exam allowances after a broken wrist: extra time and a scribe.", priya, now.AddDays(-30));
        var discipline = Case.Open(liam.Id, categories["Disciplinary"], 3, "College disciplinary meeting about a noise complaint.", sam, now.AddDays(-5));
        var complaint = Case.Open(sofia.Id, categories["Complaint"], 4, "Complaint about supervision.", priya, now.AddDays(-90));
        // First contact kept on the two newer cases: Aisha was given everything in person; Mei was emailed two of the
        // three documents, so her file asks for the complaints procedure.
        appeal.RecordConflictCheck([], sam, now.AddDays(-12));
        appeal.RecordInformationGiven(new ServiceInformationGiven(ServiceInformation.All, InformationChannel.InPerson), sam, now.AddDays(-12));
        allowances.RecordConflictCheck([], priya, now.AddDays(-30));
        allowances.RecordInformationGiven(new ServiceInformationGiven(ServiceInformation.ConfidentialityPolicy | ServiceInformation.CodeOfPractice, InformationChannel.Email), priya, now.AddDays(-30));
        complaint.Close(new CaseClosing(CaseOutcome.PartlyResolved, "Faculty apologised; no change to the mark.", ClosingCheck.All)
        {
            Level = ServiceLevel.Casework,
            Achieved = [new(outcomes["Complaint resolved"], null)],
        }, priya, now.AddDays(-20));
        discipline.AddCaseworker(priya);
        db.Cases.AddRange(appeal, allowances, discipline, complaint);

        // Seven years and a few days since Tom was last in touch: the retention review at /retention has him to show.
        var longAgo = now.AddYears(-7).AddDays(-10);
        var tom = Student.Register(new StudentProfile("Tom Reed", Email: "tr100@cam.ac.uk", College: "King's", Course: "Economics", Year: "2nd year"), priya, longAgo);
        var deposit = Case.Open(tom.Id, categories["Housing"], 5, "Deposit dispute with a private landlord.", priya, longAgo);
        deposit.Close(new CaseClosing(CaseOutcome.Resolved, "Deposit returned in full.", ClosingCheck.All)
        {
            Level = ServiceLevel.AdviceOnly,
            Achieved = [new(outcomes["Deposit recovered"], 650)],
        }, priya, longAgo);
        db.Students.Add(tom);
        db.Cases.Add(deposit);

        var consent = Consent.Record(aisha.Id, "Senior Tutor, Girton", "The grounds of her appeal and her medical evidence", "To ask for a letter of support", today.AddDays(-10), ConsentGivenBy.InPerson, new Features.Cases.CaseOptions().ConsentMonths, sam, now.AddDays(-10));
        db.Consents.Add(consent);
        Entry(db, appeal.Id, new EntryDraft(EntryKind.Note, "First meeting. Aisha was ill with glandular fever in the exam period; her GP letter arrived after the exams.", now.AddDays(-12)), [], sam, now.AddDays(-12));
        Entry(db, appeal.Id, new EntryDraft(EntryKind.Advice, "Explained the grounds for appeal (material circumstances not known at the time) and that the decision is hers.", now.AddDays(-12)), [], sam, now.AddDays(-12));
        Entry(db, appeal.Id, new EntryDraft(EntryKind.Contact, "Emailed the Senior Tutor asking for a letter of support.", now.AddDays(-9), ContactMethod.Email, "Senior Tutor, Girton"), [consent], sam, now.AddDays(-9));
        Entry(db, appeal.Id, new EntryDraft(EntryKind.Meeting, "Preparation: Sam to attend as supporter; Aisha will speak.", LondonTime.ToInstant(today.AddDays(9), new TimeOnly(14, 0)),
            MeetingBody: "Faculty Appeals Committee", Role: MeetingRole.Support), [], sam, now.AddDays(-2));
        db.CaseDeadlines.Add(CaseDeadline.Add(appeal.Id, "Appeal form and evidence to the Examinations Office", today.AddDays(3), today));
        db.ActionItems.Add(ActionItem.Agree(appeal.Id, PlanParty.Student, "Ask the GP for a dated letter", today.AddDays(2), now.AddDays(-12)));
        db.ActionItems.Add(ActionItem.Agree(appeal.Id, PlanParty.Service, "Check the draft appeal statement", today.AddDays(2), now.AddDays(-12)));
        Entry(db, allowances.Id, new EntryDraft(EntryKind.Note, "Allowances agreed by the Faculty: 25% extra time and a scribe.", now.AddDays(-25)), [], priya, now.AddDays(-25));
        Entry(db, discipline.Id, new EntryDraft(EntryKind.Meeting, "Meeting with the Dean on Thursday; Li asked us to take notes.", LondonTime.ToInstant(today.AddDays(2), new TimeOnly(10, 0)),
            MeetingBody: "College Dean's meeting", Role: MeetingRole.NoteTaker), [], sam, now.AddDays(-5));
        Entry(db, complaint.Id, new EntryDraft(EntryKind.Note, "Faculty responded with an apology; Sofia content to close.", now.AddDays(-20)), [], priya, now.AddDays(-20));
        // Follow-up in both states: Li's caseworker plans to call after the Dean's meeting; Mei has heard nothing since
        // her allowances were agreed, so her file says a follow-up is due (and the prompt goes from 09:00).
        discipline.SetFollowUp(today.AddDays(4), today);
        foreach (var student in new[] { aisha, mei, liam })
        {
            student.RecordInvolvement(now.AddDays(-2));
        }

        await db.SaveChangesAsync(ct);
        await ReviewAsync(db, appeal, sam, priya, now, ct);
    }

    /// <summary>A file review for the demo: Priya reviewed Sam's appeal file and left him an action to acknowledge at /reviews.</summary>
    private static async Task ReviewAsync(DropInDbContext db, Case appeal, string sam, string priya, DateTimeOffset now, CancellationToken ct)
    {
        var criteria = await db.ReviewCriteria.Where(c => c.Active).Select(c => c.Id).ToListAsync(ct);
        var review = DropIn.Domain.Reviews.FileReview.Draw(appeal.Id, appeal.Reference, sam, new DropIn.Domain.Reviews.DrawnFile(appeal.Id, priya),
            YearMonth.Of(now), 1, 2026, priya, now.AddDays(-3));
        review.Complete(priya, criteria, [.. criteria.Select(c => new DropIn.Domain.Reviews.ReviewScore(c, DropIn.Domain.Reviews.CriterionScore.Met))],
            "A clear, well-kept file: options explained and Aisha's decision recorded.",
            [DropIn.Domain.Reviews.ReviewAction.Agree("Add the appeal hearing date to the key dates once it is set", LondonTime.Today(now).AddDays(14), LondonTime.Today(now))], now.AddDays(-1));
        db.FileReviews.Add(review);
        await db.SaveChangesAsync(ct);
    }

    private static void Entry(DropInDbContext db, Guid caseId, EntryDraft draft, IReadOnlyList<Consent> consents, string by, DateTimeOffset at) =>
        db.TimelineEntries.Add(TimelineEntry.Record(caseId, draft, consents, null, by, at));
}
