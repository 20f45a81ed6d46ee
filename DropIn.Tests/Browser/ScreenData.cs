using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Feedback;
using DropIn.Domain.Queue;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Demo;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Browser;

/// <summary>
/// The Development demo data plus what it lacks, so that every screen has rows to lay out: a "Moved up" ticket
/// among those waiting, a case with a long timeline, a conduct record with its letters, a subject access request,
/// a dispute, and the private links a student gets by email. <see cref="PathOf"/> turns each route into an address
/// of one of these rows.
/// </summary>
public sealed record ScreenData(
    Guid StudentId, Guid CaseId, Guid ConductStudentId, Guid LetterId, Guid SubjectAccessId, string AcademicYear, DateOnly DiaryDate,
    string ConfirmToken, string ManageToken, string FeedbackToken, string ImpactToken, string QueueToken, Guid ComplaintId, Guid ReviewId, byte[] AssessorKey)
{
    /// <summary>A concrete address for a route template; a new route with parameters must be given a row here.</summary>
    public string PathOf(string template) => template switch
    {
        "/cases/{Id:guid}" => $"/cases/{CaseId}",
        "/students/{Id:guid}" => $"/students/{StudentId}",
        "/students/{StudentId:guid}/monitoring" => $"/students/{StudentId}/monitoring",
        "/students/{Id:guid}/conduct" => $"/students/{ConductStudentId}/conduct",
        "/conduct/letters/{Id:guid}" => $"/conduct/letters/{LetterId}",
        "/subject-access/{Id:guid}" => $"/subject-access/{SubjectAccessId}",
        "/complaints/{Id:guid}" => $"/complaints/{ComplaintId}",
        "/reviews/{Id:guid}" => $"/reviews/{ReviewId}",
        "/assess/{CaseId:guid}" => $"/assess/{CaseId}",
        "/statistics/annual/{Year}" => $"/statistics/annual/{AcademicYear}",
        "/book/confirm/{Token}" => $"/book/confirm/{ConfirmToken}",
        "/book/manage/{Token}" => $"/book/manage/{ManageToken}",
        "/feedback/{Token}" => $"/feedback/{FeedbackToken}",
        "/feedback/opt-out/{Token}" => $"/feedback/opt-out/{FeedbackToken}",
        "/impact/{Token}" => $"/impact/{ImpactToken}",
        "/dropin/t/{Token}" => $"/dropin/t/{QueueToken}",
        // The day of the first booked appointment, so the day view has cards whatever the time now.
        "/diary" => $"/diary?date={DiaryDate:yyyy-MM-dd}",
        _ when template.Contains('{', StringComparison.Ordinal) =>
            throw new InvalidOperationException($"{template} has parameters: give it a seeded row in {nameof(ScreenData)}.{nameof(PathOf)}"),
        _ => template,
    };

    public static async Task<ScreenData> SeedAsync(AppFactory app)
    {
        _ = app.ServerAddress;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(CancellationToken.None);
        }

        var now = TimeProvider.System.GetUtcNow();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var staff = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id);
        var (sam, priya, manager) = (staff["caseworker@dropin.local"], staff["caseworker2@dropin.local"], staff["manager@dropin.local"]);

        // Reception's widest row: moved up, with a deadline today and access needs beside it.
        var waiting = await db.Tickets.Where(t => t.Status == TicketStatus.Waiting).ToListAsync();
        var last = waiting.OrderBy(t => t.CheckedInAt).Last();
        last.MoveUp("Appeal deadline at 5pm today; has a lecture at 1.30", "Rita Patel", now);

        var students = await db.Students.ToDictionaryAsync(s => s.Name, s => s.Id);
        var (aisha, mei, sofia, liam) = (students["Aisha Rahman"], students["Mei Chen"], students["Sofia García"], students["Liam O'Brien"]);
        var appeal = await db.Cases.Where(c => c.StudentId == aisha).Select(c => c.Id).SingleAsync();
        for (var i = 1; i <= 14; i++)
        {
            var draft = i % 3 == 0
                ? new EntryDraft(EntryKind.Contact, $"Emailed senior.tutor.office@girton.cam.ac.uk about the appeal statement (draft {i}); reference APPEAL-2026-PART-IB-ENGINEERING-000{i}.",
                    now.AddDays(-12 + (i * 0.5)), ContactMethod.Email)
                : new EntryDraft(EntryKind.Note, $"Follow-up {i}: went through the evidence with Aisha again. The GP letter is dated after the exams, so the committee will want to know why "
                    + "it could not have been provided earlier; Aisha will ask the surgery to add a line about the appointment she had in May.", now.AddDays(-12 + (i * 0.5)));
            db.TimelineEntries.Add(TimelineEntry.Record(appeal, draft, [], null, i % 2 == 0 ? sam : priya, now.AddDays(-12 + (i * 0.5))));
        }

        db.ConductIncidents.Add(ConductIncident.Record(liam, IncidentKind.AggressiveLanguage, now.AddDays(-3), "Shouted at the reception desk when told the queue was full.", manager, now.AddDays(-3)));
        var warning = ConductWarning.Issue(liam, IncidentKind.AggressiveLanguage,
            "Dear Liam O'Brien\n\nOn the afternoon of the drop-in you shouted at our reception staff. We ask everyone who uses the service to treat staff with respect.\n\nYours sincerely\nMorgan Ellis",
            LetterDelivery.Email, manager, now.AddDays(-2));
        db.ConductWarnings.Add(warning);
        // The demo's assessor on a visit today, with both files whose students agreed: the appeal's long timeline among them.
        var closedComplaint = await db.Cases.SingleAsync(c => c.StudentId == sofia);
        db.AssessorVisits.Add(DropIn.Domain.Reviews.AssessorVisit.Grant(staff["assessor@dropin.local"], DropIn.Domain.Calendar.LondonTime.Today(now), 3,
            [new(appeal, (await db.Cases.SingleAsync(c => c.Id == appeal)).Reference), new(closedComplaint.Id, closedComplaint.Reference)], 10, 1, manager, now));
        db.SubjectAccessRequests.Add(SubjectAccessRequest.Record(1, mei, DropIn.Domain.Calendar.LondonTime.Today(now).AddDays(-3), SubjectAccessChannel.Email, manager, now));
        var dispute = Dispute.Open(1, "Complaint between two students, Trinity", manager, now.AddDays(-1));
        dispute.AddParty(mei, 1, null);
        dispute.AddParty(sofia, 2, null);
        dispute.Assign(priya, 2, now.AddDays(-1));
        db.Disputes.Add(dispute);

        // A complaint at stage 2, so its page shows stage 1's long letter above the open stage's form.
        var calendar = new DropIn.Domain.Calendar.WorkingCalendar([]);
        var complaint = DropIn.Domain.Complaints.Complaint.Record(await db.Complaints.MaxAsync(c => (int?)c.Number) + 1 ?? 1, DropIn.Domain.Enquiries.EnquiryChannel.Email, now.AddDays(-20), now.AddDays(-20), "Hannah Lloyd", "hl654@cam.ac.uk",
            "I was told at the drop-in that someone would call me back about my appeal the same week, and nobody did; by the time I got an appointment the deadline had passed.",
            null, null, null, manager, calendar, DropIn.Domain.Complaints.ComplaintTimescales.Default);
        complaint.Assign(manager);
        complaint.Respond(DropIn.Domain.Complaints.ComplaintOutcome.PartlyUpheld, string.Join("\n\n", Enumerable.Repeat("We looked at the notes of your visit and spoke to the adviser you saw; the call-back was booked for the wrong week.", 6)), manager, now.AddDays(-10));
        complaint.Escalate(now.AddDays(-2), now.AddDays(-2), calendar, DropIn.Domain.Complaints.ComplaintTimescales.Default);
        db.Complaints.Add(complaint);

        // The private links a student gets by email: a held time to confirm, a booking to manage, feedback and impact surveys.
        var finder = app.Services.GetRequiredService<SlotFinder>();
        var today = DropIn.Domain.Calendar.LondonTime.Today(now);
        var slots = await finder.FreeSlotsAsync(db, finder.StaffRules, now, today.AddDays(1), today.AddDays(21));
        var (confirm, confirmHash) = DropIn.Web.Features.Appointments.ManageToken.Create();
        var (manage, manageHash) = DropIn.Web.Features.Appointments.ManageToken.Create();
        var booking = new StudentBooking("Hannah Lloyd", "hl654@cam.ac.uk", "07700 900123", AdviceTopics.All[0], AppointmentKind.InPerson);
        db.Appointments.Add(Appointment.Hold(slots[^1], booking, "Advice room 1", null, confirmHash, now, TimeSpan.FromMinutes(30)));
        db.Appointments.Add(Appointment.BookedByStaff(slots[^3], booking with { Email = "hl655@cam.ac.uk" }, "Advice room 1", null, manageHash, now, sam));
        var (feedback, feedbackHash) = DropIn.Web.Features.Appointments.ManageToken.Create();
        var (impact, impactHash) = DropIn.Web.Features.Appointments.ManageToken.Create();
        var closed = await db.Cases.Where(c => c.StudentId == sofia).Select(c => c.Id).SingleAsync();
        db.FeedbackInvitations.Add(FeedbackInvitation.Create(InvitationKind.Feedback, aisha, null, feedbackHash, DropIn.Domain.Enquiries.EnquiryChannel.InPerson,
            StudentStatus.Current, LevelOfStudyBand.Undergraduate, now));
        db.FeedbackInvitations.Add(FeedbackInvitation.Create(InvitationKind.Impact, sofia, closed, impactHash, DropIn.Domain.Enquiries.EnquiryChannel.WebForm,
            StudentStatus.Former, LevelOfStudyBand.Postgraduate, now));
        await db.SaveChangesAsync();

        // A student who joined from a phone and has yet to press "Take my place" (a place taken would add a row to the
        // queue the other screen tests count; the waiting page's fit is StudentQueueBrowserTests').
        var session = await app.Services.GetRequiredService<DropIn.Web.Features.Queue.SessionLocator>().CurrentAsync(db, now);
        var (queue, queueHash) = DropIn.Web.Features.Appointments.ManageToken.Create();
        db.OnlineJoinRequests.Add(OnlineJoinRequest.Request(session.Id, new StudentDetails("Ada", "al124@cam.ac.uk", null, "Housing deposit", false, null), queueHash, declined: false, now));
        await db.SaveChangesAsync();

        var diaryDate = DropIn.Domain.Calendar.LondonTime.Today((await db.Appointments.Where(a => a.BookedBy != null).Select(a => a.Start).ToListAsync()).Min());
        var year = StatisticsPeriod.AcademicYearOf(DropIn.Domain.Calendar.YearMonth.Of(now)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ScreenData(aisha, appeal, liam, warning.Id, (await db.SubjectAccessRequests.SingleAsync()).Id, year, diaryDate, confirm, manage, feedback, impact, queue, complaint.Id, (await db.FileReviews.SingleAsync()).Id,
            await app.EnrolAuthenticatorAsync("assessor@dropin.local"));
    }
}
