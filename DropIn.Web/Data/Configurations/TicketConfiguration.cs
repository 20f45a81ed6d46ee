using DropIn.Domain.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> ticket)
    {
        ticket.HasKey(t => t.Id);
        ticket.HasOne<DropInSession>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        ticket.HasIndex(t => new { t.SessionId, t.Number }).IsUnique();
        // Covers the statistics' read of each session's visits (how each ended, and the waits), which otherwise looks up
        // every ticket row of the period: ten times slower over seven years (benchmarks/seven-years.md).
        ticket.HasIndex(t => new { t.SessionId, t.Status, t.CheckedInAt, t.CalledAt });
        ticket.Property(t => t.Name).HasMaxLength(StudentDetails.MaxNameLength);
        ticket.Property(t => t.Topic); // encrypted (EncryptedFields): no length limit in the database
        ticket.Property(t => t.EmailOrId).HasMaxLength(StudentDetails.MaxShortLength);
        ticket.Property(t => t.College).HasMaxLength(StudentDetails.MaxShortLength);
        ticket.Property(t => t.AccessNeeds);
        ticket.Property(t => t.MovedUpReason);
        ticket.Property(t => t.FollowUpNote);
        ticket.Property(t => t.MovedUpBy).HasMaxLength(StaffUser.MaxDisplayNameLength);
        ticket.Property(t => t.CaseworkerId).HasMaxLength(450);
        ticket.Property(t => t.CaseworkerName).HasMaxLength(StaffUser.MaxDisplayNameLength);
        ticket.Property(t => t.Room).HasMaxLength(50);
        ticket.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        ticket.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(30);
        ticket.Property(t => t.FollowUp).HasConversion<string>().HasMaxLength(30);
        ticket.Property(t => t.Version).IsConcurrencyToken();
        ticket.HasIndex(t => t.StudentId);
        ticket.HasIndex(t => t.CaseId);
        // Monitoring statistics find who came to a drop-in in a period by check-in time, across all sessions; with the
        // student in the index they need not read the rows.
        ticket.HasIndex(t => new { t.CheckedInAt, t.StudentId });
        ticket.Ignore(t => t.Code);
        ticket.Ignore(t => t.Details);
        ticket.Ignore(t => t.Priority);
        ticket.Ignore(t => t.IsWithCaseworker);
        ticket.Ignore(t => t.ServiceTime);
    }
}
