using System.Globalization;
using System.Text;
using DropIn.Domain.Conduct;

namespace DropIn.Domain.Complaints;

/// <summary>
/// The complaint letters' templates. The acknowledgement is sent as written; the response is a draft the handler
/// completes with their findings before it is sent, and what is sent is what is kept.
/// </summary>
public static class ComplaintLetters
{
    /// <summary>The subject of every complaint letter email: like every letter, it says neither what it is about nor who it is from.</summary>
    public const string EmailSubject = ConductLetters.EmailSubject;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Acknowledgement(string name, string reference, int stage, DateOnly respondBy, DateOnly today, string serviceContact)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{ConductLetters.Date(today)}\n\nDear {name},\n\n");
        text.Append(stage == 1
            ? "Thank you for telling us about your experience of the Student Advice Service. We take every complaint seriously: it helps us put things right and learn for the future.\n\n"
            : "We have received your request for a review of our response to your complaint. Someone who was not involved in the first response will look at it again.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Your complaint's reference is {reference}. We will send you our full response by {respondBy.ToString("dddd d MMMM yyyy", English)}.\n\n");
        text.Append("If you have anything to add in the meantime, reply to this email quoting your reference.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Yours sincerely,\n\nStudent Advice Service\n{serviceContact}\n");
        return text.ToString();
    }

    /// <summary>The response draft: the handler writes their findings where it says so.</summary>
    public static string ResponseDraft(string name, string reference, int stage, ComplaintOutcome outcome, DateOnly today, string serviceContact)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{ConductLetters.Date(today)}\n\nDear {name},\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Your complaint, reference {reference}{(stage == 2 ? " (stage 2 review)" : "")}\n\n");
        text.Append("Thank you for your patience while we looked into your complaint.\n\n");
        text.Append("[What we looked at and what we found.]\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Our decision: {Outcome(outcome)}.\n\n");
        text.Append(outcome == ComplaintOutcome.NotUpheld
            ? "[Why.]\n\n"
            : "[What we are doing to put it right, and what we are changing.]\n\n");
        text.Append(stage == 1
            ? "If you are not satisfied with this response, you can ask for a review by someone not involved so far (stage 2 of our complaints procedure): reply to this email within 20 working days, saying why.\n\n"
            : "This is the final stage of our complaints procedure. If you remain dissatisfied, you can raise it with the Students' Union's chief executive.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Yours sincerely,\n\nStudent Advice Service\n{serviceContact}\n");
        return text.ToString();
    }

    /// <summary>
    /// The decision a response letter states in the draft's words ("Our decision: not upheld.") when it is not
    /// <paramref name="outcome"/>: a handler who changed the outcome after editing the letter would otherwise record one
    /// decision and send another. Null when the letter agrees or states none in those words.
    /// </summary>
    public static ComplaintOutcome? ContradictedBy(string letter, ComplaintOutcome outcome)
    {
        var stated = Enum.GetValues<ComplaintOutcome>().Where(o => letter.Contains($"Our decision: {Outcome(o)}.", StringComparison.OrdinalIgnoreCase)).ToList();
        return stated.Count == 0 || stated.Contains(outcome) ? null : stated[0];
    }

    /// <summary>The outcome in words, as letters and the register say it.</summary>
    public static string Outcome(ComplaintOutcome outcome) => outcome switch
    {
        ComplaintOutcome.Upheld => "upheld",
        ComplaintOutcome.PartlyUpheld => "partly upheld",
        _ => "not upheld",
    };
}
