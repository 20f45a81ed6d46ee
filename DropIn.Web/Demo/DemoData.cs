using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Queue;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Demo;

/// <summary>
/// Development only: demo staff (README lists them) and a realistic drop-in history plus a queue running now.
/// All names are invented. Runs once, on an empty database.
/// </summary>
internal sealed class DemoData(UserManager<StaffUser> users, IDbContextFactory<DropInDbContext> dbFactory, SessionLocator sessions, SlotFinder availability, TimeProvider clock)
{
    public const string Password = "DropIn-demo-2026";

    private static readonly (string Email, string Name, string Role, string? Room)[] Staff =
    [
        ("reception@dropin.local", "Rita Patel", Roles.Reception, null),
        ("caseworker@dropin.local", "Sam Okafor", Roles.Caseworker, "Advice room 1"),
        ("caseworker2@dropin.local", "Priya Shah", Roles.Caseworker, "Advice room 2"),
        ("manager@dropin.local", "Morgan Ellis", Roles.Manager, "Interview room"),
        ("admin@dropin.local", "Alex Admin", Roles.Admin, null),
        // An external assessor's account: a manager gives it a visit at /visits; it always signs in with two steps.
        ("assessor@dropin.local", "Jo Assessor", Roles.Assessor, null),
    ];

    private static readonly StudentDetails[] Students =
    [
        new("Aisha Rahman", "ar123@cam.ac.uk", "Girton", "Academic appeal deadline", true, null),
        new("Tom Whitfield", null, "King's", "Housing contract dispute", false, null),
        new("Mei Chen", "mc456@cam.ac.uk", "Trinity", "Exam allowances", false, "Step-free room"),
        new("Daniel Okoye", null, "Homerton", "Intermission and funding", false, null),
        new("Sofia García", "sg789@cam.ac.uk", "Newnham", "Complaint about supervision", false, null),
        new("Liam O'Brien", null, "Churchill", "Disciplinary meeting next week", false, null),
        new("Priya Natarajan", "pn321@cam.ac.uk", "Selwyn", "Hardship fund application", false, null),
        new("Jonas Weber", null, "Jesus", "Fitness to practise", true, null),
        new("Hannah Lloyd", "hl654@cam.ac.uk", "Girton", "Change of course", false, "BSL interpreter"),
        new("Kwame Mensah", null, "Trinity", "Money worries", false, null),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        var ids = new List<(string Id, string Name)>();
        foreach (var (email, name, role, room) in Staff)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, Room = room };
                await users.CreateAsync(user, Password);
                await users.AddToRoleAsync(user, role);
            }

            ids.Add((user.Id, name));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SeedSignpostsAsync(db, ct);
        if (await db.DropInSessions.AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var caseworkers = ids.Skip(1).Take(2).ToArray();
        for (var weeksAgo = 4; weeksAgo >= 1; weeksAgo--)
        {
            var window = sessions.NextWindowAfter(now.AddDays(-7 * weeksAgo))!;
            var past = DropInSession.Scheduled(window);
            db.DropInSessions.Add(past);
            db.Tickets.AddRange(PastVisits(past, window, caseworkers, weeksAgo));
        }

        var today = await TodaysSessionAsync(db, now, ids[0].Id, ct);
        db.Tickets.AddRange(TodaysQueue(today, now, caseworkers));
        await db.SaveChangesAsync(ct);
        await SeedAppointmentsAsync(db, caseworkers, now, ct);
        await SeedEnquiriesAsync(db, caseworkers, ids[3].Id, now, ct);
        await DemoCases.SeedAsync(db, caseworkers, now, ct);
        await SeedComplaintsAsync(db, caseworkers, ids[3].Id, now, ct);
    }

    /// <summary>A complaint about a caseworker waiting for its acknowledgement, and one answered at stage 1 with what was learned.</summary>
    private static async Task SeedComplaintsAsync(DropInDbContext db, (string Id, string Name)[] caseworkers, string manager, DateTimeOffset now, CancellationToken ct)
    {
        var today = LondonTime.Today(now);
        var calendar = await db.WorkingCalendarAsync(today.AddDays(-60), today.AddDays(60), ct);
        var timescales = DropIn.Domain.Complaints.ComplaintTimescales.Default;
        db.Complaints.Add(DropIn.Domain.Complaints.Complaint.Record(1, EnquiryChannel.WebForm, now.AddDays(-2), now, "Tom Whitfield", "tw301@cam.ac.uk",
            "I was told someone would ring me back about my housing contract the same week, and nobody did.", caseworkers[1].Id, null, null, null, calendar, timescales));
        var answered = DropIn.Domain.Complaints.Complaint.Record(2, EnquiryChannel.Email, now.AddDays(-30), now.AddDays(-30), Students[2].Name, null,
            "The drop-in closed early and I had waited an hour.", null, null, null, manager, calendar, timescales);
        answered.Assign(manager);
        answered.Respond(DropIn.Domain.Complaints.ComplaintOutcome.Upheld, $"Dear {Students[2].Name},\n\nYou are right: the drop-in closed early that day without notice. We are sorry.\n\nYours sincerely,\nStudent Advice Service", manager, now.AddDays(-20));
        answered.RecordLearning("Early closures are now put on the door poster and the board by 11:00.");
        db.Complaints.Add(answered);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>How long before now the demo queue's first student checked in (see <see cref="TodaysQueue"/>).</summary>
    private static readonly TimeSpan QueueSoFar = TimeSpan.FromMinutes(50);

    /// <summary>
    /// A session that has been open for the last <see cref="QueueSoFar"/>, whatever the clock says, so every demo
    /// check-in is one the queue accepts: the scheduled session if it was already open then; the scheduled one opened
    /// early (as reception may) if it started since or starts within the early-opening allowance; otherwise an extra
    /// session, ending before the next scheduled one today so that the two never overlap.
    /// </summary>
    private async Task<DropInSession> TodaysSessionAsync(DropInDbContext db, DateTimeOffset now, string reception, CancellationToken ct)
    {
        var opened = now - QueueSoFar;
        var current = await sessions.CurrentAsync(db, now, ct);
        if (current.StateAt(opened) == SessionState.Open && current.StateAt(now) == SessionState.Open)
        {
            return current;
        }

        if (current.StateAt(now) != SessionState.Closed && current.ScheduledStart <= now + (DropInSession.EarliestEarlyOpening - QueueSoFar))
        {
            current.OpenEarly(opened, reception);
            return current;
        }

        var nextToday = sessions.WindowsOn(LondonTime.Today(now)).Where(w => w.Start > now).Select(w => (DateTimeOffset?)w.Start).Min();
        var end = now.AddMinutes(70);
        var extra = DropInSession.Extra(opened, nextToday < end ? nextToday.Value : end, reception);
        db.DropInSessions.Add(extra);
        return extra;
    }

    /// <summary>The referral directory as a Cambridge advice service would start it; a manager edits it at /cases/settings.</summary>
    private static async Task SeedSignpostsAsync(DropInDbContext db, CancellationToken ct)
    {
        if (await db.Signposts.AnyAsync(ct))
        {
            return;
        }

        db.Signposts.AddRange(
            Signpost.Create("University Counselling Service", "Free, confidential counselling and mental health support for students.", "Self-referral form on the Counselling Service website"),
            Signpost.Create("Disability Resource Centre", "Support and reasonable adjustments for disabled students, including exam access arrangements.", "Email the DRC or book a drop-in appointment"),
            Signpost.Create("College tutor (senior tutor's office)", "Pastoral and academic support from the student's college; needed for most exam allowance and intermission applications.", "Through the student's college"),
            Signpost.Create("Citizens Advice", "Independent advice on housing, debt, consumer and immigration problems outside the university.", "Local Citizens Advice office or adviceline 0800 144 8848"),
            Signpost.Create("Students' Union Welfare Officer", "The elected sabbatical officer for welfare: campaigns, peer support and wellbeing events.", "Students' Union office"),
            Signpost.Create("Student Funding and Hardship Fund", "Bursaries and hardship grants for students in unexpected financial difficulty.", "Apply through the Student Funding team's online form"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Enquiries in every state of the acknowledgement promise, and some answered earlier for the report.</summary>
    private static async Task SeedEnquiriesAsync(DropInDbContext db, (string Id, string Name)[] caseworkers, string manager, DateTimeOffset now, CancellationToken ct)
    {
        var today = LondonTime.Today(now);
        var calendar = await db.WorkingCalendarAsync(today.AddDays(-60), today.AddDays(30), ct);
        var open = new (int DaysAgo, EnquiryChannel Channel, string From, string Summary, string? Assignee)[]
        {
            (8, EnquiryChannel.Email, "Tom Whitfield", "Email asking about a housing contract dispute", null),
            (4, EnquiryChannel.Phone, "Mei Chen", "Voicemail: exam allowances for a broken wrist", caseworkers[0].Id),
            (2, EnquiryChannel.Letter, "Daniel Okoye", "Letter about an intermission funding decision", caseworkers[1].Id),
            (0, EnquiryChannel.WebForm, "Sofia García", "Web form: how to complain about supervision", null),
        };
        foreach (var (daysAgo, channel, from, summary, assignee) in open)
        {
            db.Enquiries.Add(Enquiry.Record(channel, now.AddDays(-daysAgo).AddMinutes(-30), now, from, null, summary, assignee, manager, calendar));
        }

        for (var i = 0; i < 6; i++)
        {
            var received = now.AddDays(-20 - (i * 4));
            var answered = Enquiry.Record((EnquiryChannel)(i % 3), received, now, Students[i].Name, null, "Earlier enquiry", caseworkers[i % 2].Id, manager, calendar);
            answered.Acknowledge(caseworkers[i % 2].Id, AcknowledgementMethod.Email, received.AddDays(i % 4 == 3 ? 5 : 1), now);
            db.Enquiries.Add(answered);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sam takes appointments every weekday and staffs the drop-in; Priya on Monday, Wednesday and Friday.</summary>
    private async Task SeedAppointmentsAsync(DropInDbContext db, (string Id, string Name)[] caseworkers, DateTimeOffset now, CancellationToken ct)
    {
        var (sam, priya) = (caseworkers[0].Id, caseworkers[1].Id);
        await db.Users.Where(u => u.Id == sam).ExecuteUpdateAsync(u => u.SetProperty(x => x.TakesAppointments, true).SetProperty(x => x.StaffsDropIn, true), ct);
        await db.Users.Where(u => u.Id == priya).ExecuteUpdateAsync(u => u.SetProperty(x => x.TakesAppointments, true), ct);
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            db.CaseworkerWindows.Add(new CaseworkerWindow(sam, day, new TimeOnly(9, 0), new TimeOnly(17, 0)));
            if (day is DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Friday)
            {
                db.CaseworkerWindows.Add(new CaseworkerWindow(priya, day, new TimeOnly(10, 0), new TimeOnly(16, 0)));
            }
        }

        await db.SaveChangesAsync(ct);
        var today = LondonTime.Today(now);
        var free = await availability.FreeSlotsAsync(db, availability.StaffRules, now, today, today.AddDays(7), ct: ct);
        var kinds = new[] { AppointmentKind.InPerson, AppointmentKind.Phone, AppointmentKind.Video };
        var chosen = free.Where((_, i) => i % 3 == 0).Take(8).ToList();
        for (var i = 0; i < chosen.Count; i++)
        {
            var student = Students[(i + 2) % Students.Length];
            var email = student.EmailOrId is { } e && e.Contains('@', StringComparison.Ordinal) ? e : $"demo{i}@cam.ac.uk";
            var booking = new StudentBooking(student.Name, email, "07700 900" + (100 + i), AdviceTopics.All[i % AdviceTopics.All.Count], kinds[i % kinds.Length]);
            var (_, hash) = ManageToken.Create();
            var appointment = Appointment.BookedByStaff(chosen[i], booking, SlotFinder.RoomOf(db, chosen[i].StaffId), "https://video.example.ac.uk/advice/demo" + i, hash, now, caseworkers[0].Id);
            db.Appointments.Add(appointment);
        }

        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<Ticket> PastVisits(DropInSession session, SessionWindow window, (string Id, string Name)[] caseworkers, int seed)
    {
        var at = window.Start.AddMinutes(2);
        for (var i = 0; i < 6 + seed; i++)
        {
            var ticket = session.CheckIn(Students[(i + seed) % Students.Length], at);
            var caseworker = caseworkers[i % caseworkers.Length];
            if (i == 3)
            {
                ticket.MarkLeft(at.AddMinutes(25));
            }
            else
            {
                var called = at.AddMinutes(5 + (i * 4));
                ticket.Call(caseworker.Id, caseworker.Name, i % 2 == 0 ? "Advice room 1" : "Advice room 2", called);
                ticket.Start(caseworker.Id, called.AddMinutes(1));
                // Not "case opened": that outcome needs a case the visit is filed on, and these visitors have none.
                ticket.Finish(caseworker.Id, (VisitOutcome)(i % 3), called.AddMinutes(14 + (i % 3 * 5)));
            }

            at = at.AddMinutes(6);
            yield return ticket;
        }
    }

    private static IEnumerable<Ticket> TodaysQueue(DropInSession session, DateTimeOffset now, (string Id, string Name)[] caseworkers)
    {
        // Two seen, one with Priya now, five waiting: the middle of a busy Tuesday.
        var first = session.CheckIn(Students[1], now.AddMinutes(-45));
        first.Call(caseworkers[0].Id, caseworkers[0].Name, "Advice room 1", now.AddMinutes(-44));
        first.Finish(caseworkers[0].Id, VisitOutcome.AdviceGiven, now.AddMinutes(-28));
        var second = session.CheckIn(Students[3], now.AddMinutes(-40));
        second.Call(caseworkers[1].Id, caseworkers[1].Name, "Advice room 2", now.AddMinutes(-39));
        second.Finish(caseworkers[1].Id, VisitOutcome.AppointmentBooked, now.AddMinutes(-20));
        var third = session.CheckIn(Students[4], now.AddMinutes(-35));
        third.Call(caseworkers[1].Id, caseworkers[1].Name, "Advice room 2", now.AddMinutes(-19));
        third.Start(caseworkers[1].Id, now.AddMinutes(-18));
        yield return first;
        yield return second;
        yield return third;
        var arrivals = new[] { -30, -22, -15, -9, -4 };
        for (var i = 0; i < arrivals.Length; i++)
        {
            yield return session.CheckIn(Students[(i + 5) % Students.Length], now.AddMinutes(arrivals[i]));
        }
    }
}
