using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Feedback;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Feedback;

/// <summary>The feedback-email permission as staff see and record it on a student's record.</summary>
public sealed record FeedbackPermissionView(FeedbackPermission? Permission, string? RecordedByName);

/// <summary>Staff reading and recording whether a student may be emailed the anonymous feedback and impact forms.</summary>
public sealed class FeedbackPermissionService(
    IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers)
{
    public async Task<FeedbackPermissionView> GetAsync(ClaimsPrincipal user, Guid studentId)
    {
        await authorizer.RequireAsync(user, Permissions.FindStudents);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        await using var db = await dbFactory.CreateDbContextAsync();
        var student = await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == studentId) ?? throw new RuleException("That student record does not exist.");
        var ticks = await TicksAsync(db, student);
        var permission = FeedbackPermission.Effective(student.FeedbackPermission, ticks);
        var by = permission?.By;
        var name = by is null ? null : await db.Users.Where(u => u.Id == by).Select(u => u.DisplayName).SingleOrDefaultAsync() ?? by;
        return new FeedbackPermissionView(permission, name);
    }

    public async Task RecordAsync(ClaimsPrincipal user, Guid studentId, bool given)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.RegisterStudents);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        await changes.RunAsync(ChangeOptions.Report("Someone else changed this student's record a moment ago; the page shows it now. Try again if still needed."), async scope =>
        {
            var student = await scope.Db.Students.SingleOrDefaultAsync(s => s.Id == studentId && s.MergedIntoId == null) ?? throw new RuleException("That student record does not exist.");
            var ticks = await TicksAsync(scope.Db, student);
            if (FeedbackPermission.Effective(student.FeedbackPermission, ticks)?.Given == given)
            {
                return; // Already the answer that counts: keep who recorded it and when.
            }

            student.RecordFeedbackPermission(given, staff.Id, scope.Now);
            scope.Audit(user, "student.feedback-permission", "Student", studentId.ToString());
            scope.Publish(new StudentChanged(studentId));
        });
    }

    /// <summary>
    /// The student's own ticks when booking, from appointments confirmed from their inbox: linked to the record, or
    /// booked under any spelling of its email (<see cref="Domain.Cases.UniversityEmail"/>), since confirming proved the mailbox.
    /// </summary>
    private static Task<List<DateTimeOffset>> TicksAsync(DropInDbContext db, Domain.Cases.Student student) =>
        db.Appointments.AsNoTracking()
            .Where(a => (a.StudentId == student.Id || (student.EmailKey != null && a.StudentEmailKey == student.EmailKey)) && a.FeedbackPermissionAt != null && a.ConfirmedAt != null)
            .Select(a => a.FeedbackPermissionAt!.Value).ToListAsync();
}
