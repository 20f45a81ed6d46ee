using DropIn.Domain.Cases;
using DropIn.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class AssessorVisitConfiguration : IEntityTypeConfiguration<AssessorVisit>
{
    public void Configure(EntityTypeBuilder<AssessorVisit> visit)
    {
        visit.HasKey(v => v.Id);
        visit.Property(v => v.AssessorId).HasMaxLength(450);
        visit.Property(v => v.GrantedBy).HasMaxLength(450);
        visit.Property(v => v.EndedBy).HasMaxLength(450);
        visit.Property(v => v.Version).IsConcurrencyToken();
        visit.Ignore(v => v.AccessEnds);
        // The assessor's own lookups, and the job that ends sessions after a visit.
        visit.HasIndex(v => new { v.AssessorId, v.EndsAt });
        visit.HasIndex(v => new { v.SessionsEndedAt, v.EndsAt });
        visit.OwnsMany(v => v.Files, file =>
        {
            file.ToTable("AssessorVisitFiles");
            file.WithOwner().HasForeignKey("VisitId");
            file.HasKey("VisitId", nameof(VisitFile.CaseId));
            // No foreign key to the case: the visit is the service's record and keeps the reference if a file is destroyed.
            file.Property(f => f.Reference).HasMaxLength(20);
        });
    }
}

/// <summary>The file-sampling answer on the student record (the rest of Student is in StudentConfiguration).</summary>
internal sealed class StudentSamplingConsentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> student) => student.Property(s => s.SamplingConsentBy).HasMaxLength(450);
}
