using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Cases;

/// <summary>The day-to-day work on a case: timeline entries and their corrections, deadlines, the action plan and consent.</summary>
public sealed class CaseWorkService(CaseAccess access, Microsoft.Extensions.Options.IOptions<CaseOptions> options)
{
    public Task<TimelineEntry> AddEntryAsync(ClaimsPrincipal user, Guid caseId, EntryDraft draft) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            c.Case.RequireOpen();
            var consents = await c.Db.Consents.AsNoTracking().Where(x => x.StudentId == c.Case.StudentId).ToListAsync();
            string? signpostName = null;
            if (draft.Kind == EntryKind.Referral && draft.SignpostId is { } signpostId)
            {
                signpostName = await c.Db.Signposts.Where(s => s.Id == signpostId && s.Active).Select(s => s.Name).SingleOrDefaultAsync()
                    ?? throw new RuleException("Choose a service from the directory.");
            }

            var entry = TimelineEntry.Record(caseId, draft, consents, signpostName, c.Staff.Id, c.Now);
            c.Db.TimelineEntries.Add(entry);
            return entry;
        });

    /// <summary>A tracked edit: the original stays on the timeline, marked as corrected, next to the new text.</summary>
    public Task<TimelineEntry> CorrectEntryAsync(ClaimsPrincipal user, Guid caseId, Guid entryId, string text) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            var original = await c.Db.TimelineEntries.SingleOrDefaultAsync(e => e.Id == entryId && e.CaseId == caseId) ?? throw new RuleException("That entry is not on this case.");
            var correction = original.CorrectWith(text, c.Staff.Id, c.Now);
            c.Db.TimelineEntries.Add(correction);
            return correction;
        });

    public Task AddDeadlineAsync(ClaimsPrincipal user, Guid caseId, string title, DateOnly dueOn) =>
        access.ChangeAsync(user, caseId, c =>
        {
            c.Case.RequireOpen();
            c.Db.CaseDeadlines.Add(CaseDeadline.Add(caseId, title, dueOn, LondonTime.Today(c.Now)));
        });

    public Task MarkDeadlineMetAsync(ClaimsPrincipal user, Guid caseId, Guid deadlineId) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            var deadline = await c.Db.CaseDeadlines.SingleOrDefaultAsync(d => d.Id == deadlineId && d.CaseId == caseId) ?? throw new RuleException("That deadline is not on this case.");
            deadline.MarkMet(c.Now);
            return true;
        });

    public Task AgreeActionAsync(ClaimsPrincipal user, Guid caseId, PlanParty party, string what, DateOnly? by) =>
        access.ChangeAsync(user, caseId, c =>
        {
            c.Case.RequireOpen();
            c.Db.ActionItems.Add(ActionItem.Agree(caseId, party, what, by, c.Now));
        });

    public Task MarkActionDoneAsync(ClaimsPrincipal user, Guid caseId, Guid actionId) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            var item = await c.Db.ActionItems.SingleOrDefaultAsync(a => a.Id == actionId && a.CaseId == caseId) ?? throw new RuleException("That action is not on this case.");
            item.MarkDone(c.Now);
            return true;
        });

    /// <summary>Consent belongs to the student (it may cover several cases); it is recorded from one of their cases.</summary>
    /// <remarks>It lasts <see cref="CaseOptions.ConsentMonths"/> from <paramref name="givenOn"/> (a London day).</remarks>
    public Task<Consent> RecordConsentAsync(ClaimsPrincipal user, Guid caseId, string thirdParty, string information, string purpose, DateOnly givenOn, ConsentGivenBy givenBy) =>
        access.ChangeAsync(user, caseId, c =>
        {
            var consent = Consent.Record(c.Case.StudentId, thirdParty, information, purpose, givenOn, givenBy, options.Value.ConsentMonths, c.Staff.Id, c.Now);
            c.Db.Consents.Add(consent);
            return Task.FromResult(consent);
        });

    /// <summary>The student agrees again: the consent lasts <see cref="CaseOptions.ConsentMonths"/> from <paramref name="renewedOn"/> (a London day).</summary>
    /// <exception cref="RuleException">Not this student's consent, withdrawn (also when withdrawn at the same moment), or the day is in the future.</exception>
    public Task RenewConsentAsync(ClaimsPrincipal user, Guid caseId, Guid consentId, DateOnly renewedOn, ConsentGivenBy givenBy) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            var consent = await c.Db.Consents.SingleOrDefaultAsync(x => x.Id == consentId && x.StudentId == c.Case.StudentId) ?? throw new RuleException("That consent is not this student's.");
            consent.Renew(renewedOn, givenBy, options.Value.ConsentMonths, c.Now);
            return true;
        }, CaseAccess.ReappliedMeanwhile); // the renewal job marking it prompted at that moment is no reason to ask again

    /// <summary>Sets, or with null clears, the London day a caseworker plans to be next in touch with the student (<see cref="Case.SetFollowUp"/>).</summary>
    /// <exception cref="RuleException">The case is closed, or the day is past or more than a year ahead.</exception>
    public Task SetFollowUpAsync(ClaimsPrincipal user, Guid caseId, DateOnly? on) =>
        access.ChangeAsync(user, caseId, c => c.Case.SetFollowUp(on, LondonTime.Today(c.Now)), CaseAccess.ReappliedMeanwhile); // the prompt job marking the case is no reason to ask again

    /// <summary>The student withdraws consent: nothing more may be shared on it. Re-applied over a renewal saved at the same moment.</summary>
    /// <exception cref="RuleException">Not this student's consent.</exception>
    public Task WithdrawConsentAsync(ClaimsPrincipal user, Guid caseId, Guid consentId) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            var consent = await c.Db.Consents.SingleOrDefaultAsync(x => x.Id == consentId && x.StudentId == c.Case.StudentId) ?? throw new RuleException("That consent is not this student's.");
            consent.Withdraw(c.Now);
            return true;
        }, CaseAccess.ReappliedMeanwhile); // a withdrawal always stands: a renewal or a prompt saved at that moment is no reason to lose it
}
