using System.Security.Claims;
using DropIn.Domain;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Visits;

/// <summary>The student's answer about file sampling as staff see it: yes or no (null: not asked), when, and who recorded it.</summary>
public sealed record SamplingConsentView(bool? Given, DateTimeOffset? At, string? RecordedByName);

/// <summary>
/// Staff reading and recording whether a student agrees that an external quality assessor may read their file with
/// their name and contact details hidden (Advice Quality Standard sampling). Nothing is assumed: "not asked" until
/// an answer is recorded, and only a yes puts the student's files in a visit's sample.
/// </summary>
public sealed class SamplingConsentService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers)
{
    public async Task<SamplingConsentView> GetAsync(ClaimsPrincipal user, Guid studentId)
    {
        await authorizer.RequireAsync(user, Permissions.FindStudents);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        await using var db = await dbFactory.CreateDbContextAsync();
        var student = await db.Students.AsNoTracking().Where(s => s.Id == studentId)
            .Select(s => new { s.SamplingConsentGiven, s.SamplingConsentAt, s.SamplingConsentBy }).SingleOrDefaultAsync()
            ?? throw new RuleException("That student record does not exist.");
        var name = student.SamplingConsentBy is { } by ? await db.Users.Where(u => u.Id == by).Select(u => u.DisplayName).SingleOrDefaultAsync() ?? "(former staff)" : null;
        return new SamplingConsentView(student.SamplingConsentGiven, student.SamplingConsentAt, name);
    }

    /// <summary>Records the student's answer; recording the answer already held keeps who recorded it and when.</summary>
    /// <exception cref="ForbiddenException">Without <see cref="Permissions.RegisterStudents"/>, or walled off from the student.</exception>
    public async Task RecordAsync(ClaimsPrincipal user, Guid studentId, bool given)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.RegisterStudents);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        await changes.RunAsync(ChangeOptions.Reapply("Someone else changed this student's record a moment ago; try again."), async scope =>
        {
            var student = await scope.Db.Students.SingleOrDefaultAsync(s => s.Id == studentId && s.MergedIntoId == null)
                ?? throw new RuleException("That student record does not exist.");
            if (student.RecordSamplingConsent(given, staff.Id, scope.Now))
            {
                scope.Audit(user, "student.sampling-consent", "Student", studentId.ToString(), given ? "yes" : "no");
                scope.Publish(new StudentChanged(studentId));
            }
        });
    }
}
