using System.Linq.Expressions;
using DropIn.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace DropIn.Web.Features.Statistics;

/// <summary>Counts laid out month by month for a disclosure table.</summary>
internal static class MonthlyCounts
{
    /// <summary>
    /// One grouped COUNT in SQL for the whole period, by month and <paramref name="key"/>. A month starts at London
    /// midnight, which moves between GMT and BST; SQL cannot work that out portably, so the boundaries are computed here
    /// and SQL only compares plain instants with them (<see cref="IndexOf{T}"/>). The query's size grows with the
    /// period's months (at most <see cref="StatisticsPeriod.MaxMonths"/>), never with the rows.
    /// </summary>
    /// <param name="rows">What to count, already filtered on anything but the time.</param>
    /// <param name="at">The instant that places a row in a month (UTC offset, as stored).</param>
    public static async Task<int[][]> ByMonthAsync<T, TKey>(
        StatisticsPeriod period, IReadOnlyList<TKey> columns, IQueryable<T> rows, Expression<Func<T, DateTimeOffset>> at, Expression<Func<T, TKey>> key)
        where TKey : notnull
    {
        var counts = await InPeriod(rows, period, at)
            .GroupBy(IndexedBy(Starts(period), at, key))
            .Select(g => new { Month = g.Key.Index, g.Key.Key, Count = g.Count() })
            .ToListAsync();

        var grid = period.Months.Select(_ => new int[columns.Count]).ToArray();
        var column = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        foreach (var count in counts)
        {
            if (column.TryGetValue(count.Key, out var i))
            {
                grid[count.Month][i] += count.Count;
            }
        }

        return grid;
    }

    /// <summary>Rows whose instant falls in the period, as a range on the stored column (so an index on it serves).</summary>
    public static IQueryable<T> InPeriod<T>(IQueryable<T> rows, StatisticsPeriod period, Expression<Func<T, DateTimeOffset>> at) =>
        rows.Where(Expression.Lambda<Func<T, bool>>(
            Expression.AndAlso(
                Expression.GreaterThanOrEqual(at.Body, Expression.Constant(period.Start)),
                Expression.LessThan(at.Body, Expression.Constant(period.End))),
            at.Parameters));

    /// <summary>The first instant of each month of the period.</summary>
    public static IReadOnlyList<DateTimeOffset> Starts(StatisticsPeriod period) => [.. period.Months.Select(Start)];

    /// <summary>
    /// Which of the runs starting at <paramref name="starts"/> (ascending) an instant falls in, as an expression SQL can
    /// run: a CASE that halves the runs at each step, so a row costs about log2(runs) comparisons of plain instants.
    /// An instant before the first start counts in the first run; the caller filters on the period first.
    /// </summary>
    public static Expression<Func<T, int>> IndexOf<T>(IReadOnlyList<DateTimeOffset> starts, Expression<Func<T, DateTimeOffset>> at)
    {
        return Expression.Lambda<Func<T, int>>(Runs(0, starts.Count - 1), at.Parameters);

        Expression Runs(int first, int last)
        {
            if (first == last)
            {
                return Expression.Constant(first);
            }

            var middle = (first + last + 1) / 2;
            return Expression.Condition(Expression.LessThan(at.Body, Expression.Constant(starts[middle])), Runs(first, middle - 1), Runs(middle, last));
        }
    }

    /// <summary>The group key <c>new Indexed { Index = IndexOf(starts, at), Key = key }</c>, as one expression SQL can run.</summary>
    public static Expression<Func<T, Indexed<TKey>>> IndexedBy<T, TKey>(
        IReadOnlyList<DateTimeOffset> starts, Expression<Func<T, DateTimeOffset>> at, Expression<Func<T, TKey>> key)
    {
        var item = at.Parameters[0];
        return Expression.Lambda<Func<T, Indexed<TKey>>>(
            Expression.MemberInit(Expression.New(typeof(Indexed<TKey>)),
                Expression.Bind(typeof(Indexed<TKey>).GetProperty(nameof(Indexed<TKey>.Index))!, IndexOf(starts, at).Body),
                Expression.Bind(typeof(Indexed<TKey>).GetProperty(nameof(Indexed<TKey>.Key))!, ReplacingExpressionVisitor.Replace(key.Parameters[0], item, key.Body))),
            item);
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

    /// <summary>A group key: the run's place (<see cref="IndexOf{T}"/>) and another key.</summary>
    public sealed class Indexed<TKey>
    {
        public int Index { get; init; }

        public TKey Key { get; init; } = default!;
    }
}
