using DropIn.Domain.Cases;

namespace DropIn.Domain.Reviews;

/// <summary>
/// What a file review scores, from a list a manager keeps. The defaults are what the Advice Quality Standard's file
/// review asks, and the code of practice promises: advice within competence, non-directive, consent before sharing.
/// </summary>
public sealed class ReviewCriterion : NamedListEntry
{
    public static readonly string[] Defaults =
    [
        "Advice accurate and within competence",
        "Options explored and the student's decision recorded",
        "Consent in place before sharing",
        "Key dates recorded",
        "Student kept informed",
        "File tidy and up to date",
    ];

    private ReviewCriterion()
    {
    }

    /// <exception cref="RuleException">The name is empty or too long.</exception>
    public static ReviewCriterion Create(string name, int sortOrder) => new() { Name = Valid(name), SortOrder = sortOrder };
}
