using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DropIn.Web.Data;

/// <summary>
/// The columns encrypted at rest, in one list so that what is and is not protected can be read in one place. Names,
/// emails, student numbers and the search keys stay plain: reception must find a student by them in SQL. Nothing may
/// filter or sort on an encrypted column in a query (each write gives new ciphertext); compare in memory instead.
/// </summary>
internal static class EncryptedFields
{
    public static void Apply(ModelBuilder builder, FieldProtection protection)
    {
        // The provider type stays string, so the columns (and the migrations snapshot) are unchanged.
        var text = new ValueConverter<string, string>(v => protection.Protect(v), v => protection.Unprotect(v));
        // EF does not pass nulls to a converter, so an optional column stays NULL rather than encrypted emptiness.
        var optional = new ValueConverter<string?, string>(v => protection.Protect(v!), v => protection.Unprotect(v));
        var date = new ValueConverter<DateOnly, string>(v => protection.ProtectDate(v), v => protection.UnprotectDate(v));

        builder.Entity<TimelineEntry>(e =>
        {
            e.Property(x => x.Text).HasConversion(text);
            e.Property(x => x.ThirdParty).HasConversion(optional);
            e.Property(x => x.MeetingBody).HasConversion(optional);
        });
        builder.Entity<Case>(e =>
        {
            e.Property(x => x.Summary).HasConversion(text);
            e.Property(x => x.OutcomeNote).HasConversion(optional);
        });
        builder.Entity<Consent>(e =>
        {
            e.Property(x => x.ThirdParty).HasConversion(text);
            e.Property(x => x.Information).HasConversion(text);
            e.Property(x => x.Purpose).HasConversion(text);
        });
        builder.Entity<Student>(e =>
        {
            e.Property(x => x.AccessNeeds).HasConversion(optional);
            e.Property(x => x.EligibilityNote).HasConversion(optional);
        });
        // A reviewer's comments speak of the student's case.
        builder.Entity<DropIn.Domain.Reviews.FileReview>(e => e.Property(x => x.Comments).HasConversion(optional));
        // Anonymous, but free text can still name someone or something recognisable.
        builder.Entity<DropIn.Domain.Feedback.FeedbackResponse>(e => e.Property(x => x.Comments).HasConversion(optional));
        builder.Entity<MonitoringRecord>(e =>
        {
            e.Property(x => x.DateOfBirth).HasConversion(date);
            e.Property(x => x.Gender).HasConversion(optional);
            e.Property(x => x.Ethnicity).HasConversion(optional);
            e.Property(x => x.Disability).HasConversion(optional);
            e.Property(x => x.LevelOfStudy).HasConversion(optional);
            e.Property(x => x.FeeStatus).HasConversion(optional);
        });
        builder.Entity<ConductIncident>(e => e.Property(x => x.Description).HasConversion(text));
        builder.Entity<ConductWarning>(e => e.Property(x => x.LetterText).HasConversion(text));
        builder.Entity<Withdrawal>(e =>
        {
            e.Property(x => x.Reasons).HasConversion(text);
            e.Property(x => x.NoWarningReason).HasConversion(optional);
            e.Property(x => x.NoAlternativeReason).HasConversion(optional);
            e.Property(x => x.NoticeText).HasConversion(text);
            e.Property(x => x.LiftReason).HasConversion(optional);
        });
        // What a student tells the service when they first get in touch, wherever it is copied: the enquiry, the drop-in
        // ticket and a phone's request to join the queue, the booking (topic, phone, why it was cancelled), the
        // registration (phone, pronouns), the case plan and deadlines, a document's name, staff notifications (which may
        // name the student), the dispute's title, and the reasons staff record for holds, extensions, closures and
        // subject access decisions.
        builder.Entity<DropIn.Domain.Enquiries.Enquiry>(e =>
        {
            e.Property(x => x.Summary).HasConversion(text);
            e.Property(x => x.ClosedReason).HasConversion(optional);
        });
        builder.Entity<DropIn.Domain.Queue.Ticket>(e =>
        {
            e.Property(x => x.Topic).HasConversion(text);
            e.Property(x => x.AccessNeeds).HasConversion(optional);
            e.Property(x => x.MovedUpReason).HasConversion(optional);
            e.Property(x => x.FollowUpNote).HasConversion(optional);
        });
        builder.Entity<DropIn.Domain.Queue.OnlineJoinRequest>(e =>
        {
            e.Property(x => x.Topic).HasConversion(text);
            e.Property(x => x.AccessNeeds).HasConversion(optional);
        });
        builder.Entity<DropIn.Domain.Appointments.Appointment>(e =>
        {
            e.Property(x => x.Topic).HasConversion(text);
            e.Property(x => x.StudentPhone).HasConversion(optional);
            e.Property(x => x.CancelReason).HasConversion(optional);
        });
        builder.Entity<Student>(e =>
        {
            e.Property(x => x.Phone).HasConversion(optional);
            e.Property(x => x.Pronouns).HasConversion(optional);
        });
        builder.Entity<ActionItem>(e => e.Property(x => x.What).HasConversion(text));
        builder.Entity<CaseDeadline>(e => e.Property(x => x.Title).HasConversion(text));
        builder.Entity<CaseDocument>(e => e.Property(x => x.FileName).HasConversion(text));
        builder.Entity<Domain.Notifications.StaffNotification>(e => e.Property(x => x.Text).HasConversion(text));
        builder.Entity<DropIn.Domain.Confidentiality.Dispute>(e => e.Property(x => x.Title).HasConversion(text));
        builder.Entity<DropIn.Domain.Retention.RetentionHold>(e => e.Property(x => x.Reason).HasConversion(text));
        builder.Entity<DropIn.Domain.Confidentiality.SubjectAccessRequest>(e =>
        {
            e.Property(x => x.ExtensionReason).HasConversion(optional);
            e.Property(x => x.ClosedReason).HasConversion(optional);
            e.OwnsMany(x => x.Flags, flag => flag.Property(f => f.DecisionReason).HasConversion(optional));
        });
        builder.Entity<DropIn.Domain.Complaints.Complaint>(e =>
        {
            e.Property(x => x.Summary).HasConversion(text);
            e.Property(x => x.Response).HasConversion(optional);
            e.Property(x => x.StageOneResponse).HasConversion(optional);
            e.Property(x => x.Learning).HasConversion(optional);
        });
        // Mail waiting to go, and mail kept after sending: letters about conduct, booking details, reminders.
        builder.Entity<Messaging.OutboxMessage>(e =>
        {
            e.Property(x => x.TextBody).HasConversion(text);
            e.Property(x => x.HtmlBody).HasConversion(text);
            e.Property(x => x.Calendar).HasConversion(optional);
        });
        // A compiled subject access record holds all of the above in one JSON document.
        builder.Entity<DropIn.Domain.Confidentiality.SubjectAccessBundle>(e => e.Property(x => x.Json).HasConversion(text));
    }
}

/// <summary>
/// The model holds converters bound to one app's key ring, so it is cached per <see cref="FieldProtection"/>: EF otherwise
/// shares one model per context type across every host in the process (tests run several apps with different keys).
/// </summary>
internal sealed class DropInModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is DropInDbContext dropIn ? (object)(context.GetType(), dropIn.FieldProtection, designTime) : (context.GetType(), designTime);
}
