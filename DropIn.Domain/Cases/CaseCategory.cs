namespace DropIn.Domain.Cases;

/// <summary>What a case is about; the list is managed by a manager. A retired category stays on old cases.</summary>
public sealed class CaseCategory : NamedListEntry
{
    public static readonly string[] Defaults =
    [
        "Academic appeal", "Complaint", "Disciplinary", "Examination allowances", "Intermission", "Fitness to practise",
        "Harassment and misconduct", "Housing", "Money", "Other",
    ];

    private CaseCategory()
    {
    }

    /// <exception cref="RuleException">The name is empty or too long.</exception>
    public static CaseCategory Create(string name, int sortOrder) => new() { Name = Valid(name), SortOrder = sortOrder };
}

/// <summary>An entry in the managed directory of other services a student can be referred or signposted to.</summary>
public sealed class Signpost
{
    private Signpost()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public string? Contact { get; private set; }
    public bool Active { get; private set; } = true;

    public static Signpost Create(string name, string? description, string? contact)
    {
        var signpost = new Signpost { Id = Guid.NewGuid() };
        signpost.Update(name, description, contact);
        return signpost;
    }

    public void Update(string name, string? description, string? contact)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            throw new RuleException("A service in the directory needs a name of 1 to 100 characters.");
        }

        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        if (description is { Length: > 500 } || contact is { Length: > 200 })
        {
            throw new RuleException("The description can be at most 500 characters and the contact details 200.");
        }

        (Name, Description, Contact) = (name, description, contact);
    }

    public void SetActive(bool active) => Active = active;
}
