using DropIn.Domain.Confidentiality;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> dispute)
    {
        dispute.HasKey(d => d.Id);
        dispute.HasIndex(d => d.Number).IsUnique();
        dispute.Property(d => d.Title); // encrypted (EncryptedFields): no length limit in the database
        dispute.Property(d => d.OpenedBy).HasMaxLength(450);
        dispute.Property(d => d.Version).IsConcurrencyToken();
        dispute.Ignore(d => d.Reference);
        dispute.OwnsMany(d => d.Parties, party =>
        {
            party.ToTable("DisputeParties");
            party.WithOwner().HasForeignKey(p => p.DisputeId);
            party.HasKey(p => new { p.DisputeId, p.StudentId });
            // Part of the key, but the student's id: never generated, so a new party is inserted, not updated.
            party.Property(p => p.StudentId).ValueGeneratedNever();
            party.HasIndex(p => p.StudentId);
        });
        dispute.Navigation(d => d.Parties).HasField("_parties").UsePropertyAccessMode(PropertyAccessMode.Field);
        dispute.OwnsMany(d => d.Assignments, assignment =>
        {
            assignment.ToTable("DisputeAssignments");
            assignment.WithOwner().HasForeignKey(a => a.DisputeId);
            assignment.HasKey(a => a.Id);
            // The domain makes the id; a new assignment must be inserted, not taken for an existing row to update.
            assignment.Property(a => a.Id).ValueGeneratedNever();
            assignment.HasIndex(a => a.StaffId);
            assignment.Property(a => a.StaffId).HasMaxLength(450);
        });
        dispute.Navigation(d => d.Assignments).HasField("_assignments").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
