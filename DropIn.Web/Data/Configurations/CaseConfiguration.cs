using DropIn.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

// Encrypted fields (Data/EncryptedFields.cs) have no length limit in the database: ciphertext is longer than the
// text, and the domain already limits what may be written.
internal sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> student)
    {
        student.HasKey(s => s.Id);
        student.HasIndex(s => s.NameKey);
        student.HasIndex(s => s.SurnameSound);
        student.HasIndex(s => s.Email);
        // Identity checks (withdrawal, duplicates, no-shows, feedback permission) look students up by this key.
        student.HasIndex(s => s.EmailKey);
        student.HasIndex(s => s.StudentNumber);
        student.HasIndex(s => s.LastInvolvementAt);
        student.Property(s => s.Name).HasMaxLength(StudentProfile.MaxNameLength);
        student.Property(s => s.PreferredName).HasMaxLength(StudentProfile.MaxNameLength);
        student.Property(s => s.Pronouns);
        student.Property(s => s.Email).HasMaxLength(StudentProfile.MaxShortLength);
        student.Property(s => s.EmailKey).HasMaxLength(StudentProfile.MaxShortLength);
        student.Property(s => s.StudentNumber).HasMaxLength(30);
        student.Property(s => s.College).HasMaxLength(StudentProfile.MaxShortLength);
        student.Property(s => s.Department).HasMaxLength(StudentProfile.MaxShortLength);
        student.Property(s => s.Course).HasMaxLength(StudentProfile.MaxShortLength);
        student.Property(s => s.Year).HasMaxLength(30);
        student.Property(s => s.Phone);
        student.Property(s => s.AccessNeeds);
        student.Property(s => s.EligibilityNote);
        student.Property(s => s.NameKey).HasMaxLength(210);
        student.Property(s => s.SurnameSound).HasMaxLength(4);
        student.Property(s => s.RegisteredBy).HasMaxLength(450);
        student.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        student.Property(s => s.ContactPreference).HasConversion<string>().HasMaxLength(20);
        student.Property(s => s.Version).IsConcurrencyToken();
        student.Ignore(s => s.DisplayName);
        student.Ignore(s => s.Profile);
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> @case)
    {
        @case.ToTable("Cases");
        @case.HasKey(c => c.Id);
        @case.HasIndex(c => c.Number).IsUnique();
        @case.HasIndex(c => new { c.StudentId, c.Status });
        // Statistics count cases opened and closed in a period; without these every report scans every case ever kept.
        // They cover what statistics read (category and student; outcome), so seven years of cases are counted from the
        // index alone rather than by a lookup of each row (benchmarks/seven-years.md).
        @case.HasIndex(c => new { c.OpenedAt, c.CategoryId, c.StudentId });
        @case.HasIndex(c => new { c.ClosedAt, c.Outcome });
        @case.HasOne<Student>().WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Restrict);
        @case.HasOne<CaseCategory>().WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        @case.Property(c => c.Summary);
        @case.Property(c => c.OutcomeNote);
        @case.Property(c => c.OpenedBy).HasMaxLength(450);
        @case.Property(c => c.ClosedBy).HasMaxLength(450);
        @case.Property(c => c.SummaryChangedBy).HasMaxLength(450);
        @case.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        @case.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(30);
        @case.Property(c => c.Version).IsConcurrencyToken();
        // Flags: a number, so "confidentiality and complaints" is one value whatever the names' order.
        @case.Property(c => c.InformationGiven).HasConversion<int>();
        @case.Property(c => c.ClosingChecks).HasConversion<int>();
        @case.Property(c => c.InformationGivenHow).HasConversion<string>().HasMaxLength(20);
        @case.Property(c => c.InformationGivenBy).HasMaxLength(450);
        @case.Property(c => c.ConflictCheckedBy).HasMaxLength(450);
        @case.Property(c => c.ConflictFinding).HasConversion<string>().HasMaxLength(20);
        @case.Property(c => c.ConflictDisputes).HasMaxLength(400);
        @case.Ignore(c => c.Reference);
        @case.OwnsMany(c => c.Caseworkers, caseworker =>
        {
            caseworker.ToTable("CaseCaseworkers");
            caseworker.WithOwner().HasForeignKey(c => c.CaseId);
            caseworker.HasKey(c => new { c.CaseId, c.StaffId });
            caseworker.HasIndex(c => c.StaffId);
            caseworker.Property(c => c.StaffId).HasMaxLength(450);
        });
        @case.Navigation(c => c.Caseworkers).HasField("_caseworkers").UsePropertyAccessMode(PropertyAccessMode.Field);
        @case.Property(c => c.Level).HasConversion<string>().HasMaxLength(20);
        @case.OwnsMany(c => c.Achieved, achieved =>
        {
            achieved.ToTable("CaseOutcomes");
            achieved.WithOwner().HasForeignKey("CaseId");
            achieved.HasKey("CaseId", nameof(OutcomeAchieved.KindId));
            // Statistics count outcomes by kind; a retired kind stays on the cases that used it.
            achieved.HasIndex(a => a.KindId);
            achieved.HasOne<OutcomeKind>().WithMany().HasForeignKey(a => a.KindId).OnDelete(DeleteBehavior.Restrict);
        });
        @case.Navigation(c => c.Achieved).HasField("_achieved").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> entry)
    {
        entry.HasKey(e => e.Id);
        entry.HasIndex(e => new { e.CaseId, e.OccurredAt });
        entry.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.Method).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.Role).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.Text);
        entry.Property(e => e.ThirdParty);
        entry.Property(e => e.MeetingBody);
        entry.Property(e => e.RecordedBy).HasMaxLength(450);
        entry.Ignore(e => e.IsCorrected);
    }
}

internal sealed class CaseDeadlineConfiguration : IEntityTypeConfiguration<CaseDeadline>
{
    public void Configure(EntityTypeBuilder<CaseDeadline> deadline)
    {
        deadline.HasKey(d => d.Id);
        deadline.HasIndex(d => new { d.MetAt, d.DueOn });
        deadline.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        deadline.Property(d => d.Title); // encrypted
        deadline.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> item)
    {
        item.HasKey(i => i.Id);
        item.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        item.Property(i => i.Party).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.What); // encrypted
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> consent)
    {
        consent.HasKey(c => c.Id);
        consent.HasOne<Student>().WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Cascade);
        consent.Property(c => c.ThirdParty);
        consent.Property(c => c.Information);
        consent.Property(c => c.Purpose);
        consent.Property(c => c.RecordedBy).HasMaxLength(450);
        consent.Property(c => c.GivenBy).HasConversion<string>().HasMaxLength(20);
        consent.Property(c => c.RenewedBy).HasConversion<string>().HasMaxLength(20);
        consent.Property(c => c.Version).IsConcurrencyToken();
        // The renewal prompt's scan: current consent nearing its expiry.
        consent.HasIndex(c => c.ExpiresOn);
        consent.Ignore(c => c.IsActive);
    }
}

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> document)
    {
        document.HasKey(d => d.Id);
        document.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        document.Property(d => d.FileName); // encrypted
        document.Property(d => d.StoredName).HasMaxLength(40);
        document.Property(d => d.UploadedBy).HasMaxLength(450);
        document.Property(d => d.Type).HasConversion<string>().HasMaxLength(20);
        document.Ignore(d => d.ContentType);
    }
}

internal sealed class MonitoringRecordConfiguration : IEntityTypeConfiguration<MonitoringRecord>
{
    public void Configure(EntityTypeBuilder<MonitoringRecord> record)
    {
        record.HasKey(r => r.StudentId);
        record.HasOne<Student>().WithOne().HasForeignKey<MonitoringRecord>(r => r.StudentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseCategoryConfiguration : IEntityTypeConfiguration<CaseCategory>
{
    public void Configure(EntityTypeBuilder<CaseCategory> category)
    {
        category.HasKey(c => c.Id);
        category.HasIndex(c => c.Name).IsUnique();
        category.Property(c => c.Name).HasMaxLength(60);
    }
}

internal sealed class OutcomeKindConfiguration : IEntityTypeConfiguration<OutcomeKind>
{
    public void Configure(EntityTypeBuilder<OutcomeKind> kind)
    {
        kind.HasKey(k => k.Id);
        kind.HasIndex(k => k.Name).IsUnique();
        kind.Property(k => k.Name).HasMaxLength(NamedListEntry.MaxNameLength);
    }
}

internal sealed class SignpostConfiguration : IEntityTypeConfiguration<Signpost>
{
    public void Configure(EntityTypeBuilder<Signpost> signpost)
    {
        signpost.HasKey(s => s.Id);
        signpost.HasIndex(s => s.Name).IsUnique();
        signpost.Property(s => s.Name).HasMaxLength(100);
        signpost.Property(s => s.Description).HasMaxLength(500);
        signpost.Property(s => s.Contact).HasMaxLength(200);
    }
}
