namespace DropIn.Domain.Cases;

/// <summary>
/// An entry in a list a manager keeps (case categories, outcome kinds). Nothing is deleted: a retired entry stays on
/// the cases that used it and only leaves the choices offered for new ones.
/// </summary>
public abstract class NamedListEntry
{
    public const int MaxNameLength = 60;

    public int Id { get; protected set; }
    public string Name { get; protected set; } = "";
    public bool Active { get; protected set; } = true;
    public int SortOrder { get; protected set; }

    /// <exception cref="RuleException">The name is empty or over <see cref="MaxNameLength"/> characters.</exception>
    public void Rename(string name) => Name = Valid(name);

    public void SetActive(bool active) => Active = active;

    /// <summary>The name trimmed.</summary>
    /// <exception cref="RuleException">The name is empty or over <see cref="MaxNameLength"/> characters.</exception>
    protected static string Valid(string name)
    {
        name = name?.Trim() ?? "";
        return name.Length is > 0 and <= MaxNameLength ? name : throw new RuleException($"A name needs 1 to {MaxNameLength} characters.");
    }
}
