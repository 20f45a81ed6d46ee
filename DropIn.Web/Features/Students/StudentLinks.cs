using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Students;

/// <summary>The drop-in visits, appointments and enquiries linked to a student, newest first.</summary>
public sealed record StudentLinks(IReadOnlyList<VisitLink> Visits, IReadOnlyList<AppointmentLink> Appointments, IReadOnlyList<EnquiryLink> Enquiries)
{
    public static async Task<StudentLinks> LoadAsync(DropInDbContext db, Guid studentId)
    {
        var visits = await db.Tickets.AsNoTracking().Where(t => t.StudentId == studentId)
            .Select(t => new VisitLink(t.Id, t.CheckedInAt, t.Topic, t.Outcome, t.CaseId)).ToListAsync();
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.StudentId == studentId)
            .Select(a => new AppointmentLink(a.Id, a.Start, a.Kind, a.Topic, a.Status, a.CaseId)).ToListAsync();
        var enquiries = await db.Enquiries.AsNoTracking().Where(e => e.StudentId == studentId)
            .Select(e => new EnquiryLink(e.Id, e.ReceivedAt, e.Channel, e.Summary, e.Outcome, e.CaseId)).ToListAsync();
        return new StudentLinks([.. visits.OrderByDescending(v => v.At)], [.. appointments.OrderByDescending(a => a.Start)], [.. enquiries.OrderByDescending(e => e.ReceivedAt)]);
    }
}
