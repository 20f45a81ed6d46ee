using DropIn.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> complaint)
    {
        complaint.HasKey(c => c.Id);
        // Two complaints recorded at once would take the same number: the second is re-applied and takes the next.
        complaint.HasIndex(c => c.Number).IsUnique();
        complaint.HasIndex(c => new { c.RespondedAt, c.RespondBy });
        complaint.HasIndex(c => c.ReceivedAt);
        complaint.HasIndex(c => c.CaseId);
        complaint.HasIndex(c => c.StudentId);
        complaint.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.StageOneOutcome).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.ComplainantName).HasMaxLength(Complaint.MaxNameLength);
        complaint.Property(c => c.Contact).HasMaxLength(Complaint.MaxContactLength);
        // Summary, Response, StageOneResponse and Learning are encrypted (EncryptedFields): no length limit in the database.
        complaint.Property(c => c.RecordedBy).HasMaxLength(450);
        complaint.Property(c => c.AboutStaffId).HasMaxLength(450);
        complaint.Property(c => c.HandlerId).HasMaxLength(450);
        complaint.Property(c => c.AcknowledgedBy).HasMaxLength(450);
        complaint.Property(c => c.StageOneHandlerId).HasMaxLength(450);
        complaint.Property(c => c.Version).IsConcurrencyToken();
        complaint.Ignore(c => c.Reference);
        complaint.Ignore(c => c.IsOpen);
        complaint.Ignore(c => c.NextDeadline);
    }
}
