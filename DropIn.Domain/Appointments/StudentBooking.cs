namespace DropIn.Domain.Appointments;

/// <summary>Who an appointment is for and what it is about, as the student or a member of staff gave it.</summary>
public sealed record StudentBooking(string Name, string Email, string? Phone, string Topic, AppointmentKind Kind)
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 200;

    /// <summary>Trimmed, email lower-cased, and checked; <paramref name="allowedDomains"/> empty means any domain.</summary>
    public StudentBooking Validated(IReadOnlyCollection<string> allowedDomains)
    {
        var name = Name?.Trim() ?? "";
        var phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw new RuleException(name.Length == 0 ? "Enter your name." : $"Your name can be at most {MaxNameLength} characters.");
        }

        var email = Cases.UniversityEmail.Validated(Email, allowedDomains, MaxEmailLength);

        if (!Enum.IsDefined(Kind))
        {
            throw new RuleException("Choose how you would like to meet.");
        }

        if (!AdviceTopics.All.Contains(Topic))
        {
            throw new RuleException("Choose what your appointment is about.");
        }

        if (Kind == AppointmentKind.Phone && phone is null)
        {
            throw new RuleException("Give a phone number we can call you on.");
        }

        if (phone is { Length: > 30 })
        {
            throw new RuleException("The phone number can be at most 30 characters.");
        }

        return new StudentBooking(name, email, phone, Topic, Kind);
    }
}
