using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class EndedSignInConfiguration : IEntityTypeConfiguration<EndedSignIn>
{
    public void Configure(EntityTypeBuilder<EndedSignIn> ended)
    {
        ended.ToTable("EndedSignIns");
        ended.HasKey(e => e.SessionId);
        ended.Property(e => e.SessionId).HasMaxLength(64);
        ended.HasIndex(e => e.EndedAt);
    }
}
