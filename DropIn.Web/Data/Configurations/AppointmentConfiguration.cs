using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> appointment)
    {
        appointment.HasKey(a => a.Id);
        // The guarantee against double booking: one row per caseworker and start while it holds the time.
        appointment.HasIndex(a => a.SlotKey).IsUnique();
        // The student too, so that statistics (by month and status, and who came in a period) read the index alone.
        appointment.HasIndex(a => new { a.Start, a.Status, a.StudentId });
        // The booking limit and no-show counts are per student, whatever spelling of the address they typed.
        appointment.HasIndex(a => a.StudentEmailKey);
        appointment.HasIndex(a => a.ManageTokenHash).IsUnique();
        appointment.Property(a => a.SlotKey).HasMaxLength(500);
        appointment.Property(a => a.StaffId).HasMaxLength(450);
        appointment.Property(a => a.BookedBy).HasMaxLength(450);
        appointment.Property(a => a.CancelledBy).HasMaxLength(450);
        appointment.Property(a => a.Room).HasMaxLength(50);
        appointment.Property(a => a.VideoLink).HasMaxLength(300);
        appointment.Property(a => a.Topic); // encrypted (EncryptedFields): no length limit in the database
        appointment.Property(a => a.StudentName).HasMaxLength(StudentBooking.MaxNameLength);
        appointment.Property(a => a.StudentEmail).HasMaxLength(StudentBooking.MaxEmailLength);
        appointment.Property(a => a.StudentEmailKey).HasMaxLength(StudentBooking.MaxEmailLength);
        appointment.Property(a => a.StudentPhone);
        appointment.Property(a => a.CancelReason);
        appointment.Property(a => a.ManageTokenHash).HasMaxLength(64);
        appointment.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        appointment.Property(a => a.Status).HasConversion<string>().HasMaxLength(30);
        appointment.Property(a => a.Version).IsConcurrencyToken();
        appointment.HasIndex(a => a.StudentId);
        appointment.HasIndex(a => a.CaseId);
        appointment.Ignore(a => a.HoldsTime);
    }
}

internal sealed class StudentStandingConfiguration : IEntityTypeConfiguration<StudentStanding>
{
    public void Configure(EntityTypeBuilder<StudentStanding> standing)
    {
        standing.HasKey(s => s.Email);
        standing.Property(s => s.Email).HasMaxLength(StudentBooking.MaxEmailLength);
        standing.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class CaseworkerWindowConfiguration : IEntityTypeConfiguration<CaseworkerWindow>
{
    public void Configure(EntityTypeBuilder<CaseworkerWindow> window)
    {
        window.HasKey(w => w.Id);
        window.HasIndex(w => w.StaffId);
        window.Property(w => w.StaffId).HasMaxLength(450);
        window.HasOne<StaffUser>().WithMany().HasForeignKey(w => w.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseworkerLeaveConfiguration : IEntityTypeConfiguration<CaseworkerLeave>
{
    public void Configure(EntityTypeBuilder<CaseworkerLeave> leave)
    {
        leave.HasKey(l => l.Id);
        leave.HasIndex(l => l.StaffId);
        leave.Property(l => l.StaffId).HasMaxLength(450);
        leave.HasOne<StaffUser>().WithMany().HasForeignKey(l => l.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClosureDayConfiguration : IEntityTypeConfiguration<ClosureDay>
{
    public void Configure(EntityTypeBuilder<ClosureDay> closure)
    {
        closure.HasKey(c => c.Date);
        closure.Property(c => c.Reason).HasMaxLength(100);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.HasKey(m => m.Id);
        message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        message.Property(m => m.To).HasMaxLength(200);
        message.Property(m => m.Subject).HasMaxLength(200);
        message.Property(m => m.LastError).HasMaxLength(500);
        message.Property(m => m.ClaimedBy).HasMaxLength(OutboxDispatcher.ClaimantLength);
        message.Property(m => m.Version).IsConcurrencyToken();
    }
}
