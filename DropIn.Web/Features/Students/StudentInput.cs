using DropIn.Domain.Cases;

namespace DropIn.Web.Features.Students;

/// <summary>The registration and edit form's fields; the domain's <see cref="StudentProfile"/> validates them.</summary>
public sealed class StudentInput
{
    public string Name { get; set; } = "";
    public string? PreferredName { get; set; }
    public string? Pronouns { get; set; }
    public string? Email { get; set; }
    public string? StudentNumber { get; set; }
    public string? College { get; set; }
    public string? Department { get; set; }
    public string? Course { get; set; }
    public string? Year { get; set; }
    public StudentStatus Status { get; set; } = StudentStatus.Current;
    public ContactPreference ContactPreference { get; set; } = ContactPreference.Email;
    public string? Phone { get; set; }
    public string? AccessNeeds { get; set; }
    public string? EligibilityNote { get; set; }

    public StudentProfile ToProfile() => new(Name, PreferredName, Pronouns, Email, StudentNumber, College, Department, Course, Year, Status, ContactPreference, Phone, AccessNeeds, EligibilityNote);

    public static StudentInput From(StudentProfile p) => new()
    {
        Name = p.Name, PreferredName = p.PreferredName, Pronouns = p.Pronouns, Email = p.Email, StudentNumber = p.StudentNumber, College = p.College,
        Department = p.Department, Course = p.Course, Year = p.Year, Status = p.Status, ContactPreference = p.ContactPreference, Phone = p.Phone,
        AccessNeeds = p.AccessNeeds, EligibilityNote = p.EligibilityNote,
    };
}

public static class StudentText
{
    public static string Status(StudentStatus status) => status switch
    {
        StudentStatus.Current => "Current student",
        StudentStatus.Intermitting => "Intermitting",
        StudentStatus.Former => "Former student",
        _ => "Prospective student",
    };

    public static string Contact(ContactPreference preference) => preference switch
    {
        ContactPreference.Email => "Email",
        ContactPreference.Phone => "Phone",
        _ => "In person",
    };
}
