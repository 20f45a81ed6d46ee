using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

internal static class QueueTestData
{
    public static readonly DateTimeOffset TuesdayNoon = London.At(2026, 11, 24, 12, 0);

    public static SessionWindow TuesdayWindow => new DropInSchedule(SessionTime.Default).CurrentOrNext(TuesdayNoon)!;

    public static DropInSession OpenTuesday() => DropInSession.Scheduled(TuesdayWindow);

    public static StudentDetails Student(string name = "Ada Student", bool urgent = false) =>
        new(name, null, "Girton", "Appeal", urgent, null);
}
