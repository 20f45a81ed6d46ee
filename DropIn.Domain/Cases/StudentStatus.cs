namespace DropIn.Domain.Cases;

public enum StudentStatus
{
    Current,
    Intermitting,
    Former,
    Prospective,
}

public enum ContactPreference
{
    Email,
    Phone,
    InPerson,
}
