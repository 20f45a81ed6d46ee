namespace DropIn.Domain.Cases;

/// <summary>Why an existing record may be the same person as one being registered.</summary>
public static class DuplicateCheck
{
    /// <summary>The reasons this existing student may be the person described, strongest first; empty when unlikely.</summary>
    public static IReadOnlyList<string> Reasons(StudentProfile candidate, Student existing)
    {
        var reasons = new List<string>();
        if (UniversityEmail.Same(candidate.Email, existing.Email))
        {
            reasons.Add("same email");
        }

        if (candidate.StudentNumber is { } number && string.Equals(number, existing.StudentNumber, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add("same student number or CRSid");
        }

        var name = NameKey.Normalise(candidate.Name);
        var existingName = NameKey.Normalise(existing.Name);
        if (name == existingName || (candidate.PreferredName is { } preferred && NameKey.Normalise(preferred + " " + LastWord(name)) == existingName))
        {
            reasons.Add("same name");
        }
        else if (SoundsAlike(name, existingName))
        {
            reasons.Add("similar name");
        }

        return reasons;
    }

    /// <summary>Same-sounding surname and the same first initial, or a spelling one or two letters apart.</summary>
    public static bool SoundsAlike(string a, string b)
    {
        a = NameKey.Normalise(a);
        b = NameKey.Normalise(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        var sameSurnameSound = NameKey.SurnameSound(a) == NameKey.SurnameSound(b);
        return (sameSurnameSound && a[0] == b[0]) || Distance(a, b) <= Math.Min(2, Math.Min(a.Length, b.Length) / 5);
    }

    private static string LastWord(string name) => name.Split(' ')[^1];

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
