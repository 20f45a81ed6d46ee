using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Conduct;

/// <summary>A withdrawal in force, as the booking and check-in checks need it.</summary>
public sealed record ActiveWithdrawal(Guid WithdrawalId, Guid StudentId, DateOnly ReviewOn);

/// <summary>
/// Which students' service is withdrawn, found by what each entry point has: self-booking an email, check-in an email or
/// student number/CRSid, a linked record its id. One place, so booking, the diary and the queue agree.
/// </summary>
public static class WithdrawalRegister
{
    /// <summary>Whether the student this email names (any spelling of it: <see cref="UniversityEmail"/>) has their service withdrawn.</summary>
    public static Task<bool> IsWithdrawnAsync(DropInDbContext db, string email, CancellationToken ct = default)
    {
        var key = UniversityEmail.Key(email);
        return db.Withdrawals.AnyAsync(w => w.LiftedAt == null && db.Students.Any(s => s.Id == w.StudentId && s.EmailKey == key), ct);
    }

    /// <summary>By what reception typed in the check-in form's "email or ID" box.</summary>
    public static async Task<ActiveWithdrawal?> FindAsync(DropInDbContext db, string? emailOrId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(emailOrId))
        {
            return null;
        }

        var email = UniversityEmail.Key(emailOrId);
        var number = emailOrId.Trim().ToUpperInvariant();
        return await (from w in db.Withdrawals.AsNoTracking()
                      join s in db.Students on w.StudentId equals s.Id
                      where w.LiftedAt == null && s.MergedIntoId == null && (s.EmailKey == email || s.StudentNumber == number)
                      select new ActiveWithdrawal(w.Id, w.StudentId, w.ReviewOn)).FirstOrDefaultAsync(ct);
    }

    public static Task<ActiveWithdrawal?> ForStudentAsync(DropInDbContext db, Guid studentId, CancellationToken ct = default) =>
        db.Withdrawals.AsNoTracking().Where(w => w.StudentId == studentId && w.LiftedAt == null)
            .Select(w => new ActiveWithdrawal(w.Id, w.StudentId, w.ReviewOn)).FirstOrDefaultAsync(ct);

    /// <summary>What staff walled off from the student (an information barrier) see instead of <see cref="Flag"/>: only that a manager is needed.</summary>
    public const string FlagBehindBarrier = "This student cannot be checked in here; speak to a manager.";

    /// <summary>The words reception sees: enough to act on, nothing about why.</summary>
    public static string Flag(ActiveWithdrawal withdrawal) =>
        $"Service withdrawn — review date {ConductLetters.Date(withdrawal.ReviewOn)}; speak to a manager.";
}
