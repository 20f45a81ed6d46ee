namespace DropIn.Domain.Cases;

/// <summary>A person the service advises. Knows the date of its most recent involvement: the basis of retention.</summary>
public sealed class Student
{
    private Student()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? PreferredName { get; private set; }
    public string? Pronouns { get; private set; }
    public string? Email { get; private set; }

    /// <summary>Who this student is by email (<see cref="UniversityEmail"/>), kept in step with <see cref="Email"/>: what identity checks compare.</summary>
    public string? EmailKey { get; private set; }
    public string? StudentNumber { get; private set; }
    public string? College { get; private set; }
    public string? Department { get; private set; }
    public string? Course { get; private set; }
    public string? Year { get; private set; }
    public StudentStatus Status { get; private set; }
    public ContactPreference ContactPreference { get; private set; }
    public string? Phone { get; private set; }
    public string? AccessNeeds { get; private set; }
    public string? EligibilityNote { get; private set; }

    /// <summary>Search keys, kept in step with the name: lower-case without accents, and the surname's Soundex.</summary>
    public string NameKey { get; private set; } = "";
    public string SurnameSound { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }
    public string RegisteredBy { get; private set; } = "";
    public DateTimeOffset LastInvolvementAt { get; private set; }

    /// <summary>Set when a manager merged this duplicate into another record; a merged record is never shown again.</summary>
    public Guid? MergedIntoId { get; private set; }
    public int Version { get; private set; }

    /// <summary>"May we email an anonymous feedback form and, later, an impact form?": null until asked.</summary>
    public bool? FeedbackPermissionGiven { get; private set; }
    public DateTimeOffset? FeedbackPermissionAt { get; private set; }

    /// <summary>A staff id, or one of the FeedbackPermission.ByStudent… texts.</summary>
    public string? FeedbackPermissionBy { get; private set; }

    /// <summary>
    /// "May an external quality assessor read your file, with your name and contact details hidden?": null until asked,
    /// and never assumed yes (Advice Quality Standard file sampling).
    /// </summary>
    public bool? SamplingConsentGiven { get; private set; }

    /// <summary>When the answer was recorded (UTC), and the staff id who recorded it.</summary>
    public DateTimeOffset? SamplingConsentAt { get; private set; }
    public string? SamplingConsentBy { get; private set; }

    public Feedback.FeedbackPermission? FeedbackPermission =>
        FeedbackPermissionGiven is { } given ? new(given, FeedbackPermissionAt!.Value, FeedbackPermissionBy ?? "") : null;

    public string DisplayName => PreferredName is null ? Name : $"{PreferredName} ({Name})";

    public StudentProfile Profile => new(Name, PreferredName, Pronouns, Email, StudentNumber, College, Department, Course, Year,
        Status, ContactPreference, Phone, AccessNeeds, EligibilityNote);

    public static Student Register(StudentProfile profile, string by, DateTimeOffset now)
    {
        var student = new Student { Id = Guid.NewGuid(), RegisteredAt = now, RegisteredBy = by, LastInvolvementAt = now };
        student.Apply(profile.Validated());
        return student;
    }

    public void Update(StudentProfile profile)
    {
        Apply(profile.Validated());
        Version++;
    }

    /// <summary>Something happened with this student at <paramref name="at"/>; the latest involvement wins.</summary>
    public void RecordInvolvement(DateTimeOffset at)
    {
        if (at > LastInvolvementAt)
        {
            LastInvolvementAt = at;
            Version++;
        }
    }

    /// <summary>Records the answer as of <paramref name="at"/>; it replaces any earlier one (the latest answer counts).</summary>
    public void RecordFeedbackPermission(bool given, string by, DateTimeOffset at)
    {
        (FeedbackPermissionGiven, FeedbackPermissionAt, FeedbackPermissionBy) = (given, at, by);
        Version++;
    }

    /// <summary>Records the student's answer about file sampling as of <paramref name="at"/>; it replaces any earlier one.</summary>
    /// <returns>False when that was the answer already (who recorded it and when are kept).</returns>
    public bool RecordSamplingConsent(bool given, string by, DateTimeOffset at)
    {
        if (SamplingConsentGiven == given)
        {
            return false;
        }

        (SamplingConsentGiven, SamplingConsentAt, SamplingConsentBy) = (given, at, by);
        Version++;
        return true;
    }

    /// <summary>Folds a duplicate record into this one: its details fill gaps here; its history moves with it.</summary>
    public void Absorb(Student duplicate)
    {
        if (duplicate.Id == Id)
        {
            throw new RuleException("Choose two different records to merge.");
        }

        if (duplicate.MergedIntoId is not null || MergedIntoId is not null)
        {
            throw new RuleException("One of these records has already been merged.");
        }

        PreferredName ??= duplicate.PreferredName;
        Pronouns ??= duplicate.Pronouns;
        Email ??= duplicate.Email;
        EmailKey = UniversityEmail.Key(Email);
        StudentNumber ??= duplicate.StudentNumber;
        College ??= duplicate.College;
        Department ??= duplicate.Department;
        Course ??= duplicate.Course;
        Year ??= duplicate.Year;
        Phone ??= duplicate.Phone;
        AccessNeeds ??= duplicate.AccessNeeds;
        EligibilityNote ??= duplicate.EligibilityNote;
        if (duplicate.RegisteredAt < RegisteredAt)
        {
            RegisteredAt = duplicate.RegisteredAt;
        }

        RecordInvolvement(duplicate.LastInvolvementAt);
        if (duplicate.FeedbackPermissionAt > FeedbackPermissionAt || FeedbackPermissionAt is null)
        {
            // The most recent answer about feedback emails is the student's wish now (an opt-out included).
            (FeedbackPermissionGiven, FeedbackPermissionAt, FeedbackPermissionBy) = (duplicate.FeedbackPermissionGiven, duplicate.FeedbackPermissionAt, duplicate.FeedbackPermissionBy);
        }

        if (duplicate.SamplingConsentAt > SamplingConsentAt || SamplingConsentAt is null)
        {
            // Likewise the latest answer about file sampling: a later "no" is never overridden by an older "yes".
            (SamplingConsentGiven, SamplingConsentAt, SamplingConsentBy) = (duplicate.SamplingConsentGiven, duplicate.SamplingConsentAt, duplicate.SamplingConsentBy);
        }

        duplicate.MergedIntoId = Id;
        duplicate.Version++;
        Version++;
    }

    private void Apply(StudentProfile p)
    {
        (Name, PreferredName, Pronouns, Email, StudentNumber, College, Department, Course, Year) =
            (p.Name, p.PreferredName, p.Pronouns, p.Email, p.StudentNumber, p.College, p.Department, p.Course, p.Year);
        (Status, ContactPreference, Phone, AccessNeeds, EligibilityNote) = (p.Status, p.ContactPreference, p.Phone, p.AccessNeeds, p.EligibilityNote);
        EmailKey = UniversityEmail.Key(p.Email);
        NameKey = Cases.NameKey.Normalise(p.Name + (p.PreferredName is null ? "" : " " + p.PreferredName));
        SurnameSound = Cases.NameKey.SurnameSound(p.Name);
    }
}
