using DropIn.Domain.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class KioskDeviceConfiguration : IEntityTypeConfiguration<KioskDevice>
{
    public void Configure(EntityTypeBuilder<KioskDevice> kiosk)
    {
        kiosk.HasKey(k => k.Id);
        kiosk.Property(k => k.Name).HasMaxLength(KioskDevice.MaxNameLength);
        kiosk.Property(k => k.AddedBy).HasMaxLength(450);
        kiosk.Property(k => k.RevokedBy).HasMaxLength(450);
        kiosk.Property(k => k.EnrolmentCodeHash).HasMaxLength(64);
        kiosk.Property(k => k.TokenHash).HasMaxLength(64);
        kiosk.HasIndex(k => k.EnrolmentCodeHash).IsUnique();
        kiosk.HasIndex(k => k.TokenHash).IsUnique();
        kiosk.Property(k => k.Version).IsConcurrencyToken();
        kiosk.Ignore(k => k.IsRevoked);
    }
}
