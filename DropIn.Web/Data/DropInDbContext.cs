using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Notifications;
using DropIn.Domain.Queue;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DropIn.Web.Data;

/// <remarks>
/// Not sealed only for <see cref="PostgresDropInDbContext"/>: EF Core keeps one migrations set per context type, so the
/// PostgreSQL migrations belong to that subclass and the SQLite ones to this class (<see cref="DropInDbContextFactory"/>).
/// </remarks>
public class DropInDbContext(DbContextOptions<DropInDbContext> options, FieldProtection fieldProtection) : IdentityDbContext<StaffUser>(options)
{
    /// <summary>The app's field encryption; part of the model cache key (<see cref="DropInModelCacheKeyFactory"/>).</summary>
    public FieldProtection FieldProtection { get; } = fieldProtection;

    public DbSet<DropInSession> DropInSessions => Set<DropInSession>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<OnlineJoinRequest> OnlineJoinRequests => Set<OnlineJoinRequest>();
    public DbSet<KioskDevice> KioskDevices => Set<KioskDevice>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<StudentStanding> StudentStandings => Set<StudentStanding>();
    public DbSet<CaseworkerWindow> CaseworkerWindows => Set<CaseworkerWindow>();
    public DbSet<CaseworkerLeave> CaseworkerLeave => Set<CaseworkerLeave>();
    public DbSet<ClosureDay> ClosureDays => Set<ClosureDay>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Enquiry> Enquiries => Set<Enquiry>();
    public DbSet<StaffNotification> Notifications => Set<StaffNotification>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<CaseDeadline> CaseDeadlines => Set<CaseDeadline>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<CaseDocument> CaseDocuments => Set<CaseDocument>();
    public DbSet<MonitoringRecord> MonitoringRecords => Set<MonitoringRecord>();
    public DbSet<CaseCategory> CaseCategories => Set<CaseCategory>();
    public DbSet<OutcomeKind> OutcomeKinds => Set<OutcomeKind>();
    public DbSet<DropIn.Domain.Reviews.FileReview> FileReviews => Set<DropIn.Domain.Reviews.FileReview>();
    public DbSet<DropIn.Domain.Reviews.ReviewCriterion> ReviewCriteria => Set<DropIn.Domain.Reviews.ReviewCriterion>();
    public DbSet<DropIn.Domain.Reviews.ReviewPlan> ReviewPlans => Set<DropIn.Domain.Reviews.ReviewPlan>();
    public DbSet<DropIn.Domain.Reviews.AssessorVisit> AssessorVisits => Set<DropIn.Domain.Reviews.AssessorVisit>();
    public DbSet<Signpost> Signposts => Set<Signpost>();
    public DbSet<DropIn.Domain.Confidentiality.Dispute> Disputes => Set<DropIn.Domain.Confidentiality.Dispute>();
    public DbSet<DropIn.Domain.Confidentiality.AuditEntry> AuditEntries => Set<DropIn.Domain.Confidentiality.AuditEntry>();
    public DbSet<DropIn.Domain.Feedback.FeedbackInvitation> FeedbackInvitations => Set<DropIn.Domain.Feedback.FeedbackInvitation>();
    public DbSet<DropIn.Domain.Feedback.FeedbackResponse> FeedbackResponses => Set<DropIn.Domain.Feedback.FeedbackResponse>();
    public DbSet<Security.TwoFactor.UsedAuthenticatorStep> UsedAuthenticatorSteps => Set<Security.TwoFactor.UsedAuthenticatorStep>();
    public DbSet<DropIn.Domain.Conduct.ConductIncident> ConductIncidents => Set<DropIn.Domain.Conduct.ConductIncident>();
    public DbSet<DropIn.Domain.Conduct.ConductWarning> ConductWarnings => Set<DropIn.Domain.Conduct.ConductWarning>();
    public DbSet<DropIn.Domain.Conduct.Withdrawal> Withdrawals => Set<DropIn.Domain.Conduct.Withdrawal>();
    public DbSet<DropIn.Domain.Confidentiality.SubjectAccessRequest> SubjectAccessRequests => Set<DropIn.Domain.Confidentiality.SubjectAccessRequest>();
    public DbSet<DropIn.Domain.Confidentiality.SubjectAccessBundle> SubjectAccessBundles => Set<DropIn.Domain.Confidentiality.SubjectAccessBundle>();
    public DbSet<DropIn.Domain.Complaints.Complaint> Complaints => Set<DropIn.Domain.Complaints.Complaint>();
    public DbSet<DropIn.Domain.Retention.StatisticsRemnant> StatisticsRemnants => Set<DropIn.Domain.Retention.StatisticsRemnant>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DropInDbContext).Assembly);
        EncryptedFields.Apply(builder, FieldProtection);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC ticks so that every provider can compare and order them in SQL
        // (SQLite cannot order DateTimeOffset text).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
