using DropIn.Domain.Complaints;
using MudBlazor;

namespace DropIn.Web.Features.Complaints;

/// <summary>The words for complaint values on screens: one place, so no raw value (e.g. "PartlyUpheld") shows.</summary>
public static class ComplaintText
{
    public static string State(ComplaintState state) => state switch
    {
        ComplaintState.ToAcknowledge => "To acknowledge",
        ComplaintState.InHand => "In hand",
        ComplaintState.Overdue => "Overdue",
        _ => "Answered",
    };

    public static Color StateColor(ComplaintState state) => state switch
    {
        ComplaintState.ToAcknowledge => Color.Warning,
        ComplaintState.Overdue => Color.Error,
        ComplaintState.Answered => Color.Default,
        _ => Color.Success,
    };

    /// <summary>"Upheld", "Partly upheld", "Not upheld".</summary>
    public static string Outcome(ComplaintOutcome outcome)
    {
        var words = ComplaintLetters.Outcome(outcome);
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
