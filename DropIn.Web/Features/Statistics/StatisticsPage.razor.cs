using DropIn.Domain.Calendar;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DropIn.Web.Features.Statistics;

public partial class StatisticsPage
{
    /// <summary>
    /// How far back the custom period's month lists go: as far as the longest period, so that any choice the lists allow
    /// is a period the service accepts.
    /// </summary>
    private const int MonthsOffered = StatisticsPeriod.MaxMonths;

    private PeriodPreset _preset = PeriodPreset.ThisAcademicYear;
    private int _from;
    private int _to;
    private List<YearMonth> _months = [];
    private StatisticsReport? _report;
    private string? _error;

    [Inject] public required StatisticsService Statistics { get; init; }
    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var thisMonth = YearMonth.Of(Statistics.Now);
        _months = [.. Enumerable.Range(0, MonthsOffered).Select(i => YearMonth.Of(thisMonth.FirstDay.AddMonths(-i)))];
        await LoadAsync(StatisticsPeriod.Of(_preset, Statistics.Now));
    }

    private async Task SetPresetAsync(PeriodPreset preset)
    {
        _preset = preset;
        if (preset != PeriodPreset.Custom)
        {
            await LoadAsync(StatisticsPeriod.Of(preset, Statistics.Now));
        }
        else if (_report is not null)
        {
            (_from, _to) = (_report.Period.From.ToNumber(), _report.Period.To.ToNumber());
        }
    }

    private Task SetFromAsync(int from)
    {
        _from = from;
        return LoadCustomAsync();
    }

    private Task SetToAsync(int to)
    {
        _to = to;
        return LoadCustomAsync();
    }

    private async Task LoadCustomAsync()
    {
        if (_to < _from)
        {
            _error = "The period must end in or after the month it starts.";
            return;
        }

        await LoadAsync(new StatisticsPeriod(YearMonth.FromNumber(_from), YearMonth.FromNumber(_to)));
    }

    private async Task LoadAsync(StatisticsPeriod period)
    {
        _error = null;
        var user = (await AuthenticationState).User;
        _report = await Statistics.ReportAsync(user, period);
    }
}
