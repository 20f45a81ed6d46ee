using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

// Free text here is encrypted (Data/EncryptedFields.cs), so it has no length limit in the database.
internal sealed class ConductIncidentConfiguration : IEntityTypeConfiguration<ConductIncident>
{
    public void Configure(EntityTypeBuilder<ConductIncident> incident)
    {
        incident.HasKey(i => i.Id);
        incident.Property(i => i.Id).ValueGeneratedNever();
        incident.HasIndex(i => i.StudentId);
        incident.HasOne<Student>().WithMany().HasForeignKey(i => i.StudentId).OnDelete(DeleteBehavior.Restrict);
        incident.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
        incident.Property(i => i.RecordedBy).HasMaxLength(450);
    }
}

internal sealed class ConductWarningConfiguration : IEntityTypeConfiguration<ConductWarning>
{
    public void Configure(EntityTypeBuilder<ConductWarning> warning)
    {
        warning.HasKey(w => w.Id);
        warning.Property(w => w.Id).ValueGeneratedNever();
        warning.HasIndex(w => w.StudentId);
        warning.HasOne<Student>().WithMany().HasForeignKey(w => w.StudentId).OnDelete(DeleteBehavior.Restrict);
        // A combination of kinds: stored as the flags' number (a string conversion would not round-trip a combination).
        warning.Property(w => w.Grounds).HasConversion<int>();
        warning.Property(w => w.Delivery).HasConversion<string>().HasMaxLength(20);
        warning.Property(w => w.IssuedBy).HasMaxLength(450);
    }
}

internal sealed class WithdrawalConfiguration : IEntityTypeConfiguration<Withdrawal>
{
    public void Configure(EntityTypeBuilder<Withdrawal> withdrawal)
    {
        withdrawal.HasKey(w => w.Id);
        withdrawal.Property(w => w.Id).ValueGeneratedNever();
        withdrawal.HasIndex(w => new { w.StudentId, w.LiftedAt });
        withdrawal.HasIndex(w => w.ReviewOn);
        withdrawal.HasOne<Student>().WithMany().HasForeignKey(w => w.StudentId).OnDelete(DeleteBehavior.Restrict);
        withdrawal.HasOne<ConductWarning>().WithMany().HasForeignKey(w => w.WarningId).OnDelete(DeleteBehavior.Restrict);
        withdrawal.Property(w => w.Grounds).HasConversion<int>();
        withdrawal.Property(w => w.Delivery).HasConversion<string>().HasMaxLength(20);
        withdrawal.Property(w => w.DecidedBy).HasMaxLength(450);
        withdrawal.Property(w => w.LiftedBy).HasMaxLength(450);
        // The directory entry's name and contact as the letter gave them; no foreign key, so the directory can change.
        withdrawal.Property(w => w.AlternativeName).HasMaxLength(100);
        withdrawal.Property(w => w.AlternativeContact).HasMaxLength(200);
        withdrawal.Property(w => w.Version).IsConcurrencyToken();
        withdrawal.Ignore(w => w.IsActive);
    }
}
