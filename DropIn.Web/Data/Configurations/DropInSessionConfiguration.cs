using DropIn.Domain.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DropIn.Web.Data.Configurations;

internal sealed class DropInSessionConfiguration : IEntityTypeConfiguration<DropInSession>
{
    public void Configure(EntityTypeBuilder<DropInSession> session)
    {
        session.HasKey(s => s.Id);
        // One row per scheduled window: two screens creating today's session at once end up with the same one.
        session.HasIndex(s => s.ScheduledStart).IsUnique();
        session.HasIndex(s => s.Date);
        session.Property(s => s.OpenedBy).HasMaxLength(450);
        session.Property(s => s.ClosedBy).HasMaxLength(450);
        session.Property(s => s.Version).IsConcurrencyToken();
        session.Property(s => s.Notice).HasMaxLength(DropInSession.MaxNoticeLength);
        session.Ignore(s => s.EndedAt);
        session.Ignore(s => s.StartsAt);
        session.Ignore(s => s.Window);
    }
}
