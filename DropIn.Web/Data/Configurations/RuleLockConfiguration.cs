using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class RuleLockConfiguration : IEntityTypeConfiguration<RuleLock>
{
    public void Configure(EntityTypeBuilder<RuleLock> ruleLock)
    {
        ruleLock.ToTable("RuleLocks");
        ruleLock.HasKey(l => l.Name);
        ruleLock.Property(l => l.Name).HasMaxLength(500);
    }
}
