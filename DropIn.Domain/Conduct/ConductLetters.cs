using System.Globalization;
using System.Text;

namespace DropIn.Domain.Conduct;

/// <summary>
/// The letters' templates: plain, factual, in the code of practice's words. Staff see the draft and may edit it before it
/// is issued; what is sent is what is kept.
/// </summary>
public static class ConductLetters
{
    /// <summary>The subject of every letter email: it must say neither what the letter is about nor who it is from (a shared inbox, a lock screen).</summary>
    public const string EmailSubject = "A letter for you";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);

    public static string Warning(string studentName, IncidentKind grounds, DateOnly today, string serviceContact)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Date(today)}\n\nDear {studentName},\n\n");
        text.Append("We are writing to you about your recent contact with the Student Advice Service. Our code of practice asks our staff to be supportive, professional and non-directive, and we will always try to keep supporting you. It also says that the service may be withdrawn from someone for:\n\n");
        foreach (var kind in IncidentKinds.Split(grounds))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {IncidentKinds.Letter(kind)}\n");
        }

        text.Append("\nThis letter is a written warning. If this continues, the Student Advice Service may withdraw its service from you. If that happened, we would write to you with the reasons and, where possible, the details of another source of advice.\n\n");
        text.Append("If you think we have misunderstood what happened, or there is something we should know, please tell us.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Yours sincerely,\n\nStudent Advice Service\n{serviceContact}\n");
        return text.ToString();
    }

    public static string Notice(string studentName, WithdrawalDecision decision, AlternativeSource? alternative, DateOnly today, string serviceContact)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Date(today)}\n\nDear {studentName},\n\n");
        text.Append("We are writing to tell you that the Student Advice Service has decided to withdraw its service from you.\n\n");
        text.Append("Our code of practice allows the service to be withdrawn from someone for:\n\n");
        foreach (var kind in IncidentKinds.Split(decision.Grounds))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {IncidentKinds.Letter(kind)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nThe reasons for our decision:\n\n{decision.Reasons.Trim()}\n\n");
        if (alternative is not null)
        {
            text.Append("For advice and assistance you can contact:\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{alternative.Name}\n");
            if (alternative.Description is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"{alternative.Description}\n");
            }

            if (alternative.Contact is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"{alternative.Contact}\n");
            }

            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"We will review this decision on {Date(decision.ReviewOn)} and write to you if it changes. Until then we cannot book appointments for you or see you at the drop-in.\n\n");
        text.Append("If you wish to complain about this decision, our complaints procedure is on the Student Advice Service website.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Yours sincerely,\n\nStudent Advice Service\n{serviceContact}\n");
        return text.ToString();
    }
}
