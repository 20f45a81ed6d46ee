using DropIn.Domain.Confidentiality;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class SubjectAccessRequestConfiguration : IEntityTypeConfiguration<SubjectAccessRequest>
{
    public void Configure(EntityTypeBuilder<SubjectAccessRequest> request)
    {
        request.HasKey(r => r.Id);
        request.HasIndex(r => r.Number).IsUnique();
        request.HasIndex(r => r.StudentId);
        request.Property(r => r.ReceivedHow).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.RecordedBy).HasMaxLength(450);
        request.Property(r => r.ExtendedBy).HasMaxLength(450);
        request.Property(r => r.CompiledBy).HasMaxLength(450);
        request.Property(r => r.ReviewedBy).HasMaxLength(450);
        request.Property(r => r.ClosedBy).HasMaxLength(450);
        request.Property(r => r.ExtensionReason); // encrypted (EncryptedFields): no length limit in the database
        request.Property(r => r.ClosedReason);
        request.Property(r => r.Version).IsConcurrencyToken();
        request.Ignore(r => r.Reference);
        request.Ignore(r => r.Deadline);
        request.Ignore(r => r.IsOpen);
        request.Ignore(r => r.Undecided);
        request.OwnsMany(r => r.Flags, flag =>
        {
            flag.ToTable("SubjectAccessFlags");
            flag.WithOwner().HasForeignKey(f => f.RequestId);
            flag.HasKey(f => f.Id);
            // The domain makes the id; a new flag must be inserted, not taken for an existing row to update.
            flag.Property(f => f.Id).ValueGeneratedNever();
            flag.Property(f => f.Field).HasMaxLength(40);
            flag.Property(f => f.Concern).HasConversion<string>().HasMaxLength(30);
            flag.Property(f => f.Decision).HasConversion<string>().HasMaxLength(20);
            flag.Property(f => f.Fingerprint).HasMaxLength(64);
            flag.Property(f => f.DecisionReason); // encrypted
            flag.Property(f => f.DecidedBy).HasMaxLength(450);
        });
        request.Navigation(r => r.Flags).HasField("_flags").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SubjectAccessBundleConfiguration : IEntityTypeConfiguration<SubjectAccessBundle>
{
    public void Configure(EntityTypeBuilder<SubjectAccessBundle> bundle)
    {
        // One compiled record per request, kept apart so the board never loads it. Encrypted (EncryptedFields).
        bundle.HasKey(b => b.RequestId);
        bundle.Property(b => b.RequestId).ValueGeneratedNever();
        bundle.HasOne<SubjectAccessRequest>().WithOne().HasForeignKey<SubjectAccessBundle>(b => b.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
