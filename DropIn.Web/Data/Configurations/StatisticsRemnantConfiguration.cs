using DropIn.Domain.Calendar;
using DropIn.Domain.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DropIn.Web.Data.Configurations;

/// <summary>Remnants have no identity of their own (that is the point): a shadow key only for the database.</summary>
internal sealed class StatisticsRemnantConfiguration : IEntityTypeConfiguration<StatisticsRemnant>
{
    public void Configure(EntityTypeBuilder<StatisticsRemnant> remnant)
    {
        remnant.ToTable("StatisticsRemnants");
        remnant.Property<long>("Id").ValueGeneratedOnAdd();
        remnant.HasKey("Id");
        remnant.Property(r => r.Category).HasMaxLength(100);
        var month = new ValueConverter<YearMonth, int>(m => m.ToNumber(), n => YearMonth.FromNumber(n));
        remnant.Property(r => r.Opened).HasConversion(month);
        remnant.Property(r => r.Closed).HasConversion(month);
        remnant.HasIndex(r => r.Opened);
    }
}
