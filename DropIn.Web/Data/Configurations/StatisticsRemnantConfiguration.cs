using DropIn.Domain.Calendar;
using DropIn.Domain.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DropIn.Web.Data.Configurations;

/// <summary>
/// What the retention job keeps of a destroyed case. The key is a shadow column: a remnant must not carry an id that
/// could be matched with anything else, and nothing ever looks one up. Months are stored as yyyymm integers so that
/// statistics can filter and group them in SQL.
/// </summary>
internal sealed class StatisticsRemnantConfiguration : IEntityTypeConfiguration<StatisticsRemnant>
{
    public const string Table = "StatisticsRemnants";

    public void Configure(EntityTypeBuilder<StatisticsRemnant> remnant)
    {
        remnant.ToTable(Table);
        remnant.Property<long>("Id").ValueGeneratedOnAdd();
        remnant.HasKey("Id");
        remnant.Property(r => r.Category).HasMaxLength(60);
        remnant.Property(r => r.Opened).HasConversion(YearMonthConverter.Instance);
        remnant.Property(r => r.Closed).HasConversion(YearMonthConverter.Instance);
        remnant.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
        remnant.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        remnant.Property(r => r.StudentStatus).HasConversion<string>().HasMaxLength(20);
        remnant.Property(r => r.LevelOfStudy).HasConversion<string>().HasMaxLength(20);
        remnant.HasIndex(r => r.Opened);
        remnant.HasIndex(r => r.Closed);
    }
}

/// <summary>A month as yyyymm: ordered like the months themselves, so range filters translate to plain integer comparisons.</summary>
internal sealed class YearMonthConverter() : ValueConverter<YearMonth, int>(m => m.ToNumber(), n => YearMonth.FromNumber(n))
{
    public static readonly YearMonthConverter Instance = new();
}
