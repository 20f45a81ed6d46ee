using DropIn.Domain.Confidentiality;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasKey(e => e.Sequence);
        entry.Property(e => e.Sequence).ValueGeneratedNever();
        // Two writers chaining onto the same entry: the second insert fails instead of forking the trail.
        entry.HasIndex(e => e.PreviousHash).IsUnique();
        entry.HasIndex(e => new { e.RecordType, e.RecordId });
        entry.HasIndex(e => e.At);
        entry.Property(e => e.ActorId).HasMaxLength(450);
        entry.Property(e => e.SessionId).HasMaxLength(40);
        entry.Property(e => e.Action).HasMaxLength(40);
        entry.Property(e => e.RecordType).HasMaxLength(20);
        entry.Property(e => e.RecordId).HasMaxLength(200);
        entry.Property(e => e.Detail).HasMaxLength(200);
        entry.Property(e => e.PreviousHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);
        entry.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(10);
    }
}
