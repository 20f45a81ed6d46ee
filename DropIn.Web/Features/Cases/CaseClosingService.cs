using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// Closing a case: the checklist, and the closing letter to the student through the outbox, kept on the timeline as
/// the contact it is. The impact invitation follows later by itself (<c>FeedbackInvitations</c>).
/// </summary>
public sealed class CaseClosingService(IDbContextFactory<DropInDbContext> dbFactory, CaseAccess access, TimeProvider clock, IOptions<AppointmentOptions> service)
{
    /// <summary>The closing letter's draft, signed by the user, or null when the student has no email address to send it to.</summary>
    /// <exception cref="ForbiddenException">The user may not edit cases, or a barrier walls them off from the student.</exception>
    public async Task<string?> LetterDraftAsync(ClaimsPrincipal user, Guid caseId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var (staff, found) = await access.RequireAsync(db, user, caseId, Permissions.EditCases);
        var student = await db.Students.AsNoTracking().SingleAsync(s => s.Id == found.StudentId);
        return student.Email is null ? null
            : ClosingLetter.Draft(student.PreferredName ?? student.Name, found.Reference, LondonTime.Today(clock.GetUtcNow()), staff.DisplayName, service.Value.ServiceContact);
    }

    /// <summary>
    /// Closes the case (<see cref="Case.Close"/>) with its outcomes, each from the managed list and still in use. With
    /// a letter, it is queued to the student's email address under a subject that gives nothing away, and recorded on
    /// the timeline as an email contact, in the same transaction.
    /// </summary>
    /// <exception cref="RuleException">The checklist or the outcomes are incomplete, an outcome was retired meanwhile, the letter is not ready (<see cref="ClosingLetter.Validated"/>), the student has no email address, or the case is closed already.</exception>
    public Task CloseAsync(ClaimsPrincipal user, Guid caseId, CaseClosing closing) =>
        access.ChangeAsync(user, caseId, async c =>
        {
            var kinds = closing.Achieved.Select(a => a.KindId).ToList();
            if (await c.Db.OutcomeKinds.CountAsync(k => kinds.Contains(k.Id) && k.Active) != kinds.Distinct().Count())
            {
                throw new RuleException("One of the outcomes chosen has just been retired from the list; choose again.");
            }

            string? email = null;
            if (closing.Letter is { } written)
            {
                closing = closing with { Letter = ClosingLetter.Validated(written) };
                email = await c.Db.Students.Where(s => s.Id == c.Case.StudentId).Select(s => s.Email).SingleAsync()
                    ?? throw new RuleException("This student has no email address on their record: tell them the case is closing another way, and tick that they were told.");
            }

            c.Case.Close(closing, c.Staff.Id, c.Now);
            if (closing.Letter is { } letter && email is not null)
            {
                c.Db.TimelineEntries.Add(TimelineEntry.Record(caseId, new EntryDraft(EntryKind.Contact, letter, Method: ContactMethod.Email), [], null, c.Staff.Id, c.Now));
                c.Db.Outbox.Add(new OutboxMessage(email, ConductLetters.EmailSubject, EmailBody.Letter(letter), null, c.Now));
            }

            return true;
        });
}
