using DropIn.Domain;
using DropIn.Domain.Feedback;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Feedback;

/// <summary>
/// Behind the public forms. Nothing here returns anything about a student: a page learns only which form a link is
/// for and whether it still works. Submitting spends the link and stores the anonymous response in one transaction.
/// </summary>
public sealed class FeedbackFormService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, TimeProvider clock)
{
    public const string AlreadyUsed = "This form has already been sent in, or the link is not one of ours. Thank you: each link works once.";

    /// <summary>The form a link opens, while it is unused; otherwise null.</summary>
    public async Task<InvitationKind?> FormForAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = ManageToken.Hash(token);
        return await db.FeedbackInvitations.AsNoTracking().Where(i => i.TokenHash == hash && !i.Used).Select(i => (InvitationKind?)i.Kind).SingleOrDefaultAsync(ct);
    }

    public Task SubmitAsync(string token, FeedbackAnswers answers, CancellationToken ct = default) =>
        SubmitAsync(token, invitation => FeedbackResponse.Feedback(invitation, answers, clock.GetUtcNow()), ct);

    public Task SubmitAsync(string token, ImpactAnswers answers, CancellationToken ct = default) =>
        SubmitAsync(token, invitation => FeedbackResponse.Impact(invitation, answers, clock.GetUtcNow()), ct);

    /// <summary>
    /// Records "no more invitations" on the student's record, from the link in any invitation (used or not). Says
    /// the same whatever the link, so it cannot be used to test links; pressed twice at once, both presses succeed.
    /// </summary>
    public async Task OptOutAsync(string token, CancellationToken ct = default)
    {
        var hash = ManageToken.Hash(token);
        // Read and written in one transaction (IMMEDIATE on SQLite: one writer at a time), so the same link pressed
        // twice at once is two opt-outs in turn; where writers are not serialised, a conflict is read again, and the
        // second finds the first's answer.
        await changes.RunAsync(ChangeOptions.Reapply("Your answer could not be saved just now; please try again.") with { Serialised = true }, async scope =>
        {
            var studentId = await scope.Db.FeedbackInvitations.Where(i => i.TokenHash == hash).Select(i => (Guid?)i.StudentId).SingleOrDefaultAsync(ct);
            var student = studentId is null ? null : await scope.Db.Students.SingleOrDefaultAsync(s => s.Id == studentId, ct);
            if (student is null)
            {
                return;
            }

            student.RecordFeedbackPermission(false, FeedbackPermission.ByStudentOptOut, scope.Now);
            scope.Audit(null, "feedback.opt-out", "Student", student.Id.ToString());
        }, ct);
    }

    private async Task SubmitAsync(string token, Func<FeedbackInvitation, FeedbackResponse> respond, CancellationToken ct)
    {
        var hash = ManageToken.Hash(token);
        // The version check makes a second, simultaneous submission of the same link fail at the save, response and all.
        await changes.RunAsync(ChangeOptions.Report(AlreadyUsed), async scope =>
        {
            var invitation = await scope.Db.FeedbackInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash && !i.Used, ct)
                ?? throw new RuleException(AlreadyUsed);
            invitation.MarkUsed();
            scope.Db.FeedbackResponses.Add(respond(invitation));
        }, ct);
    }
}
