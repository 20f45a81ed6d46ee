using DropIn.Domain;
namespace DropIn.Domain.Queue;

/// <summary>What reception takes at check-in. Only the name and what it is about are required.</summary>
public sealed record StudentDetails(
    string Name,
    string? EmailOrId,
    string? College,
    string Topic,
    bool UrgentDeadlineToday,
    string? AccessNeeds)
{
    public const int MaxNameLength = 100;
    public const int MaxTopicLength = 200;
    public const int MaxShortLength = 100;

    public StudentDetails Validated()
    {
        var name = Name?.Trim() ?? "";
        var topic = Topic?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new RuleException("Enter the student's name.");
        }

        if (name.Length > MaxNameLength)
        {
            throw new RuleException($"The name can be at most {MaxNameLength} characters.");
        }

        if (topic.Length == 0)
        {
            throw new RuleException("Enter what the visit is about.");
        }

        if (topic.Length > MaxTopicLength)
        {
            throw new RuleException($"What it is about can be at most {MaxTopicLength} characters.");
        }

        return this with
        {
            Name = name,
            Topic = topic,
            EmailOrId = Optional(EmailOrId, "email or ID"),
            College = Optional(College, "college"),
            AccessNeeds = Optional(AccessNeeds, "access needs"),
        };
    }

    private static string? Optional(string? value, string what)
    {
        var trimmed = value?.Trim();
        if (trimmed is { Length: > MaxShortLength })
        {
            throw new RuleException($"The {what} can be at most {MaxShortLength} characters.");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
