using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Students;

/// <summary>
/// Equality-monitoring answers: staff record them, statistics count them, and nobody reads them back. Nothing here
/// returns an answer, so no screen can show one.
/// </summary>
public sealed class MonitoringService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers, ILogger<MonitoringService> logger)
{
    /// <summary>Two first saves for one student at once: one wins the key; the other may simply save again.</summary>
    private static readonly ChangeOptions SavedMeanwhile =
        ChangeOptions.Report("Someone saved answers for this student at the same moment. Save again to replace them.");

    /// <summary>Creates or replaces the student's answers; an empty answer means the question was not answered.</summary>
    public async Task<MonitoringStatus> RecordAsync(ClaimsPrincipal user, Guid studentId, DateOnly? dateOfBirth, string? gender, string? ethnicity, string? disability, string? level, string? feeStatus)
    {
        await authorizer.RequireAsync(user, Permissions.RecordMonitoring);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        var status = await changes.RunAsync(SavedMeanwhile, async scope =>
        {
            var student = await StudentAsync(scope.Db, studentId);
            var record = await scope.Db.MonitoringRecords.SingleOrDefaultAsync(r => r.StudentId == studentId);
            if (record is null)
            {
                record = MonitoringRecord.For(studentId);
                scope.Db.MonitoringRecords.Add(record);
            }

            record.Answer(dateOfBirth, gender, ethnicity, disability, level, feeStatus, scope.Now);
            scope.Audit(user, "monitoring.record", "Student", studentId.ToString());
            scope.Publish(new StudentChanged(studentId));
            return new MonitoringStatus(student.DisplayName, true, record.RecordedAt);
        });
        logger.LogInformation("Monitoring answers recorded for student {StudentId}", studentId);
        return status;
    }

    /// <summary>Whether answers exist and when they were given; never the answers.</summary>
    public async Task<MonitoringStatus> StatusAsync(ClaimsPrincipal user, Guid studentId)
    {
        await authorizer.RequireAsync(user, Permissions.RecordMonitoring);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        await using var db = await dbFactory.CreateDbContextAsync();
        var student = await StudentAsync(db, studentId);
        var recordedAt = await db.MonitoringRecords.Where(r => r.StudentId == studentId).Select(r => (DateTimeOffset?)r.RecordedAt).SingleOrDefaultAsync();
        return new MonitoringStatus(student.DisplayName, recordedAt is not null, recordedAt);
    }

    private static async Task<Student> StudentAsync(DropInDbContext db, Guid studentId)
    {
        var student = await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == studentId);
        return student switch
        {
            null => throw new RuleException("That student record does not exist; search for the student again."),
            { MergedIntoId: not null } => throw new RuleException("That record was merged into another; search for the student again."),
            _ => student,
        };
    }
}

/// <summary>Only that answers were given, and when, with the name so staff know whose form it is.</summary>
public sealed record MonitoringStatus(string StudentName, bool Answered, DateTimeOffset? RecordedAt);
