namespace DropIn.Domain.Cases;

/// <summary>
/// The documents a student is told about at first contact: the code of practice says the full confidentiality policy
/// and the complaints procedure are on the website, and the Advice Quality Standard asks that the record show a client
/// was given the service's terms (what it does, confidentiality, complaints) and how.
/// </summary>
[Flags]
public enum ServiceInformation
{
    None = 0,
    ConfidentialityPolicy = 1,
    CodeOfPractice = 2,
    ComplaintsProcedure = 4,
    All = ConfidentialityPolicy | CodeOfPractice | ComplaintsProcedure,
}

/// <summary>How the service information reached the student.</summary>
public enum InformationChannel
{
    InPerson,
    Printed,
    Email,
    Phone,
    Website,
}

/// <summary>Service information given to a student, and how: validated before it is kept on a case.</summary>
public sealed record ServiceInformationGiven(ServiceInformation Items, InformationChannel How)
{
    /// <summary>What a form ticked: null when nothing was, so a case opened without it shows it still to record.</summary>
    public static ServiceInformationGiven? Of(ServiceInformation items, InformationChannel how) =>
        items == ServiceInformation.None ? null : new(items, how);

    /// <exception cref="RuleException">Nothing, or something not on the list, was ticked; or the channel is unknown.</exception>
    public ServiceInformationGiven Validated()
    {
        if (Items == ServiceInformation.None)
        {
            throw new RuleException("Tick what the student was given: the confidentiality policy, the code of practice or the complaints procedure.");
        }

        if ((Items & ~ServiceInformation.All) != 0)
        {
            throw new RuleException("Tick the service information from the list.");
        }

        return Enum.IsDefined(How) ? this : throw new RuleException("Choose how the information was given.");
    }
}

/// <summary>
/// What the conflict check found when it ran on a case: whether the student is a party to a dispute the service has
/// recorded (code of practice, "Disputes between students": both sides get the same service, kept apart).
/// </summary>
public enum ConflictFinding
{
    NoneFound,
    PartyToDispute,
}
