using DropIn.Domain.Statistics;

namespace DropIn.Web.Features.Statistics;

/// <summary>
/// A few sentences of headline figures for the annual report, in words, from the published figures only: a rounded
/// count reads "about 40", a hidden one "a small number of", so the prose discloses no more than the tables.
/// </summary>
public static class AnnualNarrative
{
    public static IReadOnlyList<string> For(StatisticsReport report, string yearLabel)
    {
        var wait = report.Headline("dropin-wait");
        var missed = report.Headline("no-show-rate");
        var acknowledged = report.Headline("acknowledged");
        var gain = report.Headline("financial-gain");
        return
        [
            $"In {yearLabel} the service received {People(report.Headline("enquiries"))} enquiries, opened {People(report.Headline("cases-opened"))} cases "
                + $"and closed {People(report.Headline("cases-closed"))} cases.",
            $"The drop-in had {People(report.Headline("dropin-visits"))} visits"
                + (wait.Value is null ? " (too few waits were measured to publish an average)." : $", and the average wait was {wait.Display} minutes."),
            Capitalised($"{People(report.Headline("appointments-attended"))} appointments were attended")
                + (missed.Value is null ? "." : $"; {missed.Display} of the appointments due were missed."),
            acknowledged.Value is null
                ? "Too few enquiries were due to publish the share acknowledged within two working days."
                : $"{acknowledged.Display} of enquiries were acknowledged within two working days, as the service promises.",
            gain.Value switch
            {
                null => "Too few cases recorded a financial gain for the student to publish its total.",
                0 => "No financial gain for students was recorded on the cases closed.",
                _ => $"The cases closed brought students {gain.Display} in financial gain.",
            },
        ];
    }

    private static string People(PublishedFigure figure) => figure.Value switch
    {
        null => "a small number of",
        0 => "no",
        _ => "about " + figure.Display,
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
