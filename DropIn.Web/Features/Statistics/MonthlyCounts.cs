using DropIn.Domain.Calendar;

namespace DropIn.Web.Features.Statistics;

/// <summary>Counts laid out month by month for a disclosure table.</summary>
internal static class MonthlyCounts
{
    /// <summary>
    /// One grouped COUNT in SQL per month. A month starts at London midnight, which moves between GMT and BST; SQL
    /// cannot work that out portably, so the boundaries are computed here and each query compares plain instants.
    /// </summary>
    public static async Task<int[][]> ByMonthAsync<TKey>(
        StatisticsPeriod period, IReadOnlyList<TKey> columns, Func<DateTimeOffset, DateTimeOffset, Task<Dictionary<TKey, int>>> count)
        where TKey : notnull
    {
        var rows = new List<int[]>();
        foreach (var month in period.Months)
        {
            var counts = await count(Start(month), Start(month.Next()));
            rows.Add([.. columns.Select(c => counts.GetValueOrDefault(c))]);
        }

        return [.. rows];
    }

    /// <summary>Adds counts that SQL grouped by stored month (remnants) onto the matching rows.</summary>
    public static void Add<TKey>(int[][] grid, StatisticsPeriod period, IReadOnlyList<TKey> columns, IEnumerable<(YearMonth Month, TKey Key, int Count)> counts)
    {
        var months = period.Months.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        foreach (var (month, key, count) in counts)
        {
            var column = columns.ToList().IndexOf(key);
            if (months.TryGetValue(month, out var row) && column >= 0)
            {
                grid[row][column] += count;
            }
        }
    }

    public static IReadOnlyList<string> MonthLabels(StatisticsPeriod period) => [.. period.Months.Select(StatisticsPeriod.MonthLabel)];

    public static DateTimeOffset Start(YearMonth month) => LondonTime.ToInstant(month.FirstDay, TimeOnly.MinValue);

    public static IReadOnlyList<IReadOnlyList<int>> AsTable(int[][] grid) => [.. grid.Select(row => (IReadOnlyList<int>)row)];
}
