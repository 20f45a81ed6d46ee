using System.Globalization;
using System.Text;

namespace DropIn.Domain.Cases;

/// <summary>What a caseworker confirms before closing a case (Advice Quality Standard: a file is closed properly, and the student knows).</summary>
[Flags]
public enum ClosingCheck
{
    None = 0,

    /// <summary>The student's original documents were returned to them, or none were held.</summary>
    DocumentsReturned = 1,

    /// <summary>The student has been told, in person, by phone or by email, that the case is closing.</summary>
    StudentTold = 2,

    /// <summary>Every check ticked.</summary>
    All = DocumentsReturned | StudentTold,
}

/// <summary>
/// A case being closed: the outcome, a note, the checklist, and the closing letter sent with it (null when none is);
/// with what it achieved for the student (<see cref="Achieved"/>) and how much the service did (<see cref="Level"/>).
/// </summary>
public sealed record CaseClosing(CaseOutcome Outcome, string? Note, ClosingCheck Checks, string? Letter = null)
{
    /// <summary>Advice only or casework; null until chosen, which closing refuses.</summary>
    public ServiceLevel? Level { get; init; }

    /// <summary>The outcomes from the managed list, each with the student's financial gain when there was one.</summary>
    public IReadOnlyList<OutcomeAchieved> Achieved { get; init; } = [];

    /// <summary>
    /// The closing is complete: an outcome from the list, what it achieved and how much the service did, the documents
    /// returned, and the student told or written to, unless the outcome is that they could not be reached
    /// (<see cref="CaseOutcome.NoFurtherContact"/>).
    /// </summary>
    /// <exception cref="RuleException">Everything missing, in words, in the order the dialog asks it.</exception>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
        {
            throw new RuleException(string.Join(" ", problems));
        }
    }

    private IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Outcome))
        {
            yield return "Choose an outcome from the list.";
        }

        if (OutcomeAchieved.Problem(Achieved) is { } achieved)
        {
            yield return achieved;
        }

        if (Level is not { } level || !Enum.IsDefined(level))
        {
            yield return "Choose whether the case was advice only or casework.";
        }

        if (!Checks.HasFlag(ClosingCheck.DocumentsReturned))
        {
            yield return "Return the student's original documents first, then tick that they were returned (or that none were held).";
        }

        // A student who stopped replying cannot be told; the outcome records why they were not.
        if (!Checks.HasFlag(ClosingCheck.StudentTold) && Letter is null && Outcome != CaseOutcome.NoFurtherContact)
        {
            yield return "Tell the student the case is closing, or send them the closing letter (or, if they stopped replying, choose the outcome \"No further contact\").";
        }
    }
}

/// <summary>
/// The closing letter's template. The caseworker completes it, and what is sent is what is kept, on the case's timeline.
/// Its email subject, like every letter's, says neither what it is about nor who it is from.
/// </summary>
public static class ClosingLetter
{
    /// <summary>The part of the draft the caseworker replaces with what was done and where things stand.</summary>
    public const string Placeholder = "[What we did together, and where things stand now.]";

    /// <summary>The draft, dated <paramref name="today"/> (a London day), signed by the caseworker.</summary>
    public static string Draft(string name, string reference, DateOnly today, string caseworker, string serviceContact)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Conduct.ConductLetters.Date(today)}\n\nDear {name},\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Your case with us, reference {reference}\n\n");
        text.Append("We are writing to let you know that we have now closed your case.\n\n");
        text.Append(Placeholder).Append("\n\n");
        text.Append("If anything changes, or you would like our help again, get in touch and quote your reference: we can reopen your case. ");
        text.Append("We may email you in a few months to ask how things turned out; you do not have to reply.\n\n");
        text.Append("Everything you told us stays confidential, as our confidentiality policy sets out. If you are unhappy with the service you received, our complaints procedure explains what to do.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Yours sincerely,\n\n{caseworker}\nStudent Advice Service\n{serviceContact}\n");
        return text.ToString();
    }

    /// <summary>The letter as it will be sent: trimmed, completed, and short enough to keep on the timeline.</summary>
    /// <exception cref="RuleException">Empty, still carrying [square brackets], or too long.</exception>
    public static string Validated(string letter)
    {
        letter = letter?.Trim() ?? "";
        if (letter.Length == 0)
        {
            throw new RuleException("Write the closing letter, or choose not to send one.");
        }

        // Any bracketed part, not only the template's: typing inside the brackets and leaving them is the easy slip.
        if (letter.Contains('[', StringComparison.Ordinal) || letter.Contains(']', StringComparison.Ordinal))
        {
            throw new RuleException("Replace the part of the letter in [square brackets] with what you did together and where things stand.");
        }

        return letter.Length <= TimelineEntry.MaxTextLength ? letter : throw new RuleException($"Keep the closing letter to {TimelineEntry.MaxTextLength} characters.");
    }
}
