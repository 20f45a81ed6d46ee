using DropIn.Domain.Cases;
using DropIn.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class FileReviewConfiguration : IEntityTypeConfiguration<FileReview>
{
    public void Configure(EntityTypeBuilder<FileReview> review)
    {
        review.HasKey(r => r.Id);
        review.Property(r => r.Month).HasConversion(YearMonthConverter.Instance);
        // The plan's limit, atomically: each drawn file takes one of the caseworker's slots for the month, so two draws
        // at once cannot both take slot 3; and no case is drawn twice in one month.
        review.HasIndex(r => new { r.CaseworkerId, r.Month, r.Slot }).IsUnique();
        review.HasIndex(r => new { r.CaseId, r.Month }).IsUnique();
        review.HasIndex(r => r.ReviewerId);
        // Reviews are the service's records: destroying a student's record unlinks them (FileReview.ForgetCase) and keeps them.
        review.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.SetNull);
        review.Property(r => r.CaseReference).HasMaxLength(20);
        review.Property(r => r.CaseworkerId).HasMaxLength(450);
        review.Property(r => r.ReviewerId).HasMaxLength(450);
        review.Property(r => r.DrawnBy).HasMaxLength(450);
        review.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        review.Property(r => r.Comments);
        review.Property(r => r.Version).IsConcurrencyToken();
        review.OwnsMany(r => r.Scores, score =>
        {
            score.ToTable("FileReviewScores");
            score.WithOwner().HasForeignKey("ReviewId");
            score.HasKey("ReviewId", nameof(ReviewScore.CriterionId));
            score.Property(s => s.Score).HasConversion<string>().HasMaxLength(20);
            score.HasOne<ReviewCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
        });
        review.Navigation(r => r.Scores).HasField("_scores").UsePropertyAccessMode(PropertyAccessMode.Field);
        review.OwnsMany(r => r.Actions, action =>
        {
            action.ToTable("FileReviewActions");
            action.WithOwner().HasForeignKey("ReviewId");
            action.HasKey(a => a.Id);
            // Set by the domain: a key EF thinks it generates would make a new action look like an existing one to update.
            action.Property(a => a.Id).ValueGeneratedNever();
            action.Property(a => a.What).HasMaxLength(ReviewAction.MaxLength);
            // The reminder job looks for actions due and not done.
            action.HasIndex(a => new { a.DoneAt, a.DueOn });
        });
        review.Navigation(r => r.Actions).HasField("_actions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReviewCriterionConfiguration : IEntityTypeConfiguration<ReviewCriterion>
{
    public void Configure(EntityTypeBuilder<ReviewCriterion> criterion)
    {
        criterion.HasKey(c => c.Id);
        criterion.HasIndex(c => c.Name).IsUnique();
        criterion.Property(c => c.Name).HasMaxLength(NamedListEntry.MaxNameLength);
    }
}

internal sealed class ReviewPlanConfiguration : IEntityTypeConfiguration<ReviewPlan>
{
    public void Configure(EntityTypeBuilder<ReviewPlan> plan)
    {
        plan.HasKey(p => p.StaffId);
        plan.Property(p => p.StaffId).HasMaxLength(450);
        plan.Ignore(p => p.PerQuarter);
    }
}
