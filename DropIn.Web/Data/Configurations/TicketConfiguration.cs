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
        ticket.HasIndex(t => new { t.SessionId, t.Status });
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
        // Monitoring statistics find who came to a drop-in in a period by check-in time, across all sessions.
        ticket.HasIndex(t => t.CheckedInAt);
        ticket.Ignore(t => t.Code);
        ticket.Ignore(t => t.Details);
        ticket.Ignore(t => t.Priority);
        ticket.Ignore(t => t.IsWithCaseworker);
        ticket.Ignore(t => t.ServiceTime);
    }
}
