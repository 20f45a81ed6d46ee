using System.Net.Mail;

namespace DropIn.Domain.Cases;

/// <summary>What the registration form takes. Only the name is required; eligibility is checked by status.</summary>
public sealed record StudentProfile(
    string Name,
    string? PreferredName = null,
    string? Pronouns = null,
    string? Email = null,
    string? StudentNumber = null,
    string? College = null,
    string? Department = null,
    string? Course = null,
    string? Year = null,
    StudentStatus Status = StudentStatus.Current,
    ContactPreference ContactPreference = ContactPreference.Email,
    string? Phone = null,
    string? AccessNeeds = null,
    string? EligibilityNote = null)
{
    public const int MaxNameLength = 100;
    public const int MaxShortLength = 100;
    public const int MaxLongLength = 500;

    public StudentProfile Validated()
    {
        var name = Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new RuleException("Enter the student's name.");
        }

        if (name.Length > MaxNameLength)
        {
            throw new RuleException($"The name can be at most {MaxNameLength} characters.");
        }

        var email = Optional(Email, "email", MaxShortLength)?.ToLowerInvariant();
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            throw new RuleException("The email address does not look right; check it or leave it empty.");
        }

        var profile = this with
        {
            Name = name,
            PreferredName = Optional(PreferredName, "preferred name", MaxNameLength),
            Pronouns = Optional(Pronouns, "pronouns", 30),
            Email = email,
            StudentNumber = Optional(StudentNumber, "student number or CRSid", 30)?.ToUpperInvariant(),
            College = Optional(College, "college", MaxShortLength),
            Department = Optional(Department, "faculty or department", MaxShortLength),
            Course = Optional(Course, "course", MaxShortLength),
            Year = Optional(Year, "year", 30),
            Phone = Optional(Phone, "phone", 30),
            AccessNeeds = Optional(AccessNeeds, "access needs", MaxLongLength),
            EligibilityNote = Optional(EligibilityNote, "eligibility note", MaxLongLength),
        };
        if (!Enum.IsDefined(Status) || !Enum.IsDefined(ContactPreference))
        {
            throw new RuleException("Choose a status and a contact preference from the lists.");
        }

        Eligibility.Check(profile.Status, profile.EligibilityNote);
        if (profile.ContactPreference == ContactPreference.Email && profile.Email is null && profile.Phone is not null)
        {
            throw new RuleException("The student prefers email but no email address is given; add one or choose phone.");
        }

        if (profile.ContactPreference == ContactPreference.Phone && profile.Phone is null)
        {
            throw new RuleException("The student prefers phone calls; add a phone number or choose another preference.");
        }

        return profile;
    }

    private static string? Optional(string? value, string what, int max)
    {
        var trimmed = value?.Trim();
        if (trimmed is not null && trimmed.Length > max)
        {
            throw new RuleException($"The {what} can be at most {max} characters.");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}

/// <summary>
/// Who the service is for: current students (intermitting students are still students), and former or prospective
/// students only when the matter relates to their time as a student, which is recorded.
/// </summary>
public static class Eligibility
{
    public static void Check(StudentStatus status, string? note)
    {
        if (status is StudentStatus.Former or StudentStatus.Prospective && string.IsNullOrWhiteSpace(note))
        {
            throw new RuleException(status == StudentStatus.Former
                ? "Former students are eligible only when the matter relates to their time as a student: record how it does."
                : "Prospective students are eligible only when the matter relates to their application or admission: record how it does.");
        }
    }
}
