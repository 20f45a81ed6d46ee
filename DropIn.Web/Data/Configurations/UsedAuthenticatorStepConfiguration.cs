using DropIn.Web.Security.TwoFactor;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class UsedAuthenticatorStepConfiguration : IEntityTypeConfiguration<UsedAuthenticatorStep>
{
    public void Configure(EntityTypeBuilder<UsedAuthenticatorStep> used)
    {
        used.ToTable("UsedAuthenticatorSteps");
        used.HasKey(u => u.StaffId);
        used.Property(u => u.StaffId).HasMaxLength(450);
        used.HasOne<StaffUser>().WithMany().HasForeignKey(u => u.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
