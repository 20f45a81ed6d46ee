using DropIn.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Data;

public static class ServiceCalendar
{
    /// <summary>The working calendar with the closure days a manager has recorded between the two dates.</summary>
    public static async Task<WorkingCalendar> WorkingCalendarAsync(this DropInDbContext db, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        new(await db.ClosureDays.AsNoTracking().Where(c => c.Date >= from && c.Date <= to).Select(c => c.Date).ToListAsync(ct));
}
