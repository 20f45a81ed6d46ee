using DropIn.Domain.Calendar;
using DropIn.Domain.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class RetentionHoldConfiguration : IEntityTypeConfiguration<RetentionHold>
{
    public void Configure(EntityTypeBuilder<RetentionHold> hold)
    {
        hold.HasKey(h => h.Id);
        hold.Property(h => h.Id).ValueGeneratedNever();
        hold.Property(h => h.Reason); // encrypted (EncryptedFields): no length limit in the database
        hold.Property(h => h.PlacedBy).HasMaxLength(450);
        hold.Property(h => h.LiftedBy).HasMaxLength(450);
        hold.HasIndex(h => h.StudentId);
        hold.Ignore(h => h.IsActive);
    }
}

internal sealed class RetentionListingConfiguration : IEntityTypeConfiguration<RetentionListing>
{
    public void Configure(EntityTypeBuilder<RetentionListing> listing)
    {
        listing.HasKey(l => l.StudentId);
        listing.Property(l => l.StudentId).ValueGeneratedNever();
        listing.Property(l => l.ListedBy).HasMaxLength(450);
        listing.Ignore(l => l.Entry);
    }
}

internal sealed class DestructionLogConfiguration : IEntityTypeConfiguration<DestructionLogEntry>
{
    public void Configure(EntityTypeBuilder<DestructionLogEntry> entry)
    {
        entry.ToTable("DestructionLog");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedNever();
        // One entry per night, whichever server's run writes it first (DestructionLog.OpenAsync). Older entries have no
        // night (null), and a unique index lets any number of those be.
        entry.HasIndex(e => e.Night).IsUnique();
    }
}
