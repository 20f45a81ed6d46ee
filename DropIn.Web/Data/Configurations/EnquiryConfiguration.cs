using DropIn.Domain.Enquiries;
using DropIn.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class EnquiryConfiguration : IEntityTypeConfiguration<Enquiry>
{
    public void Configure(EntityTypeBuilder<Enquiry> enquiry)
    {
        enquiry.HasKey(e => e.Id);
        enquiry.HasIndex(e => new { e.AcknowledgedAt, e.TargetAt });
        // Everything statistics read of an enquiry in a period (who, channel, the acknowledgement promise), so that
        // counting seven years reads the index alone rather than each row (benchmarks/seven-years.md).
        // Named: the name EF would give it is longer than PostgreSQL's 63 characters.
        enquiry.HasIndex(e => new { e.ReceivedAt, e.StudentId, e.Channel, e.AcknowledgedAt, e.TargetAt, e.BreachAt }).HasDatabaseName("IX_Enquiries_ReceivedAt_Statistics");
        enquiry.Property(e => e.Channel).HasConversion<string>().HasMaxLength(20);
        enquiry.Property(e => e.AcknowledgedHow).HasConversion<string>().HasMaxLength(20);
        enquiry.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(30);
        enquiry.Property(e => e.FromName).HasMaxLength(Enquiry.MaxNameLength);
        enquiry.Property(e => e.Contact).HasMaxLength(Enquiry.MaxContactLength);
        enquiry.Property(e => e.Summary); // encrypted (EncryptedFields): no length limit in the database
        enquiry.Property(e => e.ClosedReason);
        enquiry.Property(e => e.AssigneeId).HasMaxLength(450);
        enquiry.Property(e => e.RecordedBy).HasMaxLength(450);
        enquiry.Property(e => e.AcknowledgedBy).HasMaxLength(450);
        enquiry.Property(e => e.Version).IsConcurrencyToken();
        enquiry.HasIndex(e => e.StudentId);
        enquiry.HasIndex(e => e.CaseId);
        enquiry.Ignore(e => e.IsOpen);
    }
}

internal sealed class StaffNotificationConfiguration : IEntityTypeConfiguration<StaffNotification>
{
    public void Configure(EntityTypeBuilder<StaffNotification> notification)
    {
        notification.HasKey(n => n.Id);
        notification.HasIndex(n => new { n.StaffId, n.ReadAt });
        notification.Property(n => n.StaffId).HasMaxLength(450);
        notification.Property(n => n.Text); // encrypted
        notification.Property(n => n.Link).HasMaxLength(200);
    }
}
