using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class FeedbackInvitationConfiguration : IEntityTypeConfiguration<FeedbackInvitation>
{
    public void Configure(EntityTypeBuilder<FeedbackInvitation> invitation)
    {
        invitation.HasKey(i => i.Id);
        invitation.Property(i => i.Id).ValueGeneratedNever();
        // Exactly once, by the database: a racing second insert of the same student's feedback (or the same case's impact) fails.
        invitation.HasIndex(i => i.OnceKey).IsUnique();
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => i.StudentId);
        invitation.HasOne<Student>().WithMany().HasForeignKey(i => i.StudentId).OnDelete(DeleteBehavior.Cascade);
        invitation.Property(i => i.OnceKey).HasMaxLength(80);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        invitation.Property(i => i.Channel).HasConversion<string>().HasMaxLength(20);
        invitation.Property(i => i.StudentStatus).HasConversion<string>().HasMaxLength(20);
        invitation.Property(i => i.LevelOfStudy).HasConversion<string>().HasMaxLength(20);
        invitation.Property(i => i.Version).IsConcurrencyToken();
    }
}

/// <summary>No key to a student, case or invitation, on purpose: the response is anonymous (see FeedbackResponse).</summary>
internal sealed class FeedbackResponseConfiguration : IEntityTypeConfiguration<FeedbackResponse>
{
    public void Configure(EntityTypeBuilder<FeedbackResponse> response)
    {
        response.HasKey(r => r.Id);
        response.Property(r => r.Id).ValueGeneratedNever();
        response.Property(r => r.Month).HasConversion(m => m.ToNumber(), n => YearMonth.FromNumber(n));
        response.HasIndex(r => new { r.Kind, r.Month });
        response.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        response.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        response.Property(r => r.StudentStatus).HasConversion<string>().HasMaxLength(20);
        response.Property(r => r.LevelOfStudy).HasConversion<string>().HasMaxLength(20);
        response.Property(r => r.WouldRecommend).HasConversion<string>().HasMaxLength(20);
        response.Property(r => r.UnderstoodOptions).HasConversion<string>().HasMaxLength(20);
        response.Property(r => r.WhatHappened).HasConversion<string>().HasMaxLength(30);
        response.Property(r => r.Studies).HasConversion<string>().HasMaxLength(20);
        response.Property(r => r.Wellbeing).HasConversion<string>().HasMaxLength(20);
        response.Property(r => r.Comments);
    }
}

/// <summary>The feedback-email permission columns on the student record (the rest of Student is in StudentConfiguration).</summary>
internal sealed class StudentFeedbackPermissionConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> student)
    {
        student.Property(s => s.FeedbackPermissionBy).HasMaxLength(450);
        student.Ignore(s => s.FeedbackPermission);
    }
}
