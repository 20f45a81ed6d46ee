using DropIn.Domain.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class OnlineJoinRequestConfiguration : IEntityTypeConfiguration<OnlineJoinRequest>
{
    public void Configure(EntityTypeBuilder<OnlineJoinRequest> request)
    {
        request.HasKey(r => r.Id);
        request.HasOne<DropInSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        request.HasIndex(r => r.LinkHash).IsUnique();
        request.HasIndex(r => r.SessionId);
        request.Property(r => r.LinkHash).HasMaxLength(64);
        request.Property(r => r.Name).HasMaxLength(StudentDetails.MaxNameLength);
        request.Property(r => r.Email).HasMaxLength(OnlineJoinRequest.MaxEmailLength);
        request.Property(r => r.Topic); // encrypted (EncryptedFields)
        request.Property(r => r.AccessNeeds);
        request.Property(r => r.Version).IsConcurrencyToken();
        request.Ignore(r => r.Details);
    }
}
