using DropIn.Domain.Cases;
using MudBlazor;

namespace DropIn.Web.Features.Cases;

public static class CaseText
{
    public static string Kind(EntryKind kind) => kind switch
    {
        EntryKind.Note => "Note",
        EntryKind.Advice => "Advice given",
        EntryKind.Action => "Action taken",
        EntryKind.Contact => "Contact",
        EntryKind.Meeting => "Meeting or hearing",
        EntryKind.Document => "Document",
        _ => "Referral",
    };

    public static string Icon(EntryKind kind) => kind switch
    {
        EntryKind.Note => Icons.Material.Filled.StickyNote2,
        EntryKind.Advice => Icons.Material.Filled.Lightbulb,
        EntryKind.Action => Icons.Material.Filled.TaskAlt,
        EntryKind.Contact => Icons.Material.Filled.Call,
        EntryKind.Meeting => Icons.Material.Filled.Gavel,
        EntryKind.Document => Icons.Material.Filled.Description,
        _ => Icons.Material.Filled.Signpost,
    };

    public static string Method(ContactMethod method) => method switch
    {
        ContactMethod.InPerson => "in person",
        ContactMethod.Phone => "phone",
        ContactMethod.Email => "email",
        ContactMethod.Letter => "letter",
        _ => "video",
    };

    public static string Role(MeetingRole role) => role switch
    {
        MeetingRole.Support => "support",
        MeetingRole.Representation => "representation",
        _ => "note-taker",
    };

    /// <summary>Who an action-plan line is for.</summary>
    public static string Party(PlanParty party) => party == PlanParty.Student ? "The student" : "The advice service";

    public static string Status(CaseStatus status) => status == CaseStatus.Open ? "Open" : "Closed";

    public static string Outcome(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Resolved => "Resolved",
        CaseOutcome.PartlyResolved => "Partly resolved",
        CaseOutcome.NotResolved => "Not resolved",
        CaseOutcome.Referred => "Referred elsewhere",
        CaseOutcome.StudentWithdrew => "Student withdrew",
        _ => "No further contact",
    };

    public static string Level(ServiceLevel level) => level == ServiceLevel.AdviceOnly ? "Advice only" : "Casework";

    /// <summary>An outcome achieved as a file shows it: "Deposit recovered", or with the gain, "Deposit recovered, £650".</summary>
    public static string Achieved(string outcome, long? pounds) => pounds is { } gain ? $"{outcome}, {Pounds(gain)}" : outcome;

    /// <summary>An amount of the student's financial gain, in whole pounds, as the UK writes it: £1,250.</summary>
    public static string Pounds(long pounds) => pounds.ToString("'£'#,0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The closing checklist's ticks in words, as the subject access record says them.</summary>
    public static string ClosingChecks(ClosingCheck checks) => string.Join("; ", new[]
    {
        checks.HasFlag(ClosingCheck.DocumentsReturned) ? "original documents returned, or none held" : null,
        checks.HasFlag(ClosingCheck.StudentTold) ? "student told the case was closing" : null,
    }.Where(x => x is not null));

    /// <summary>Each piece of service information, in the order the file lists them.</summary>
    public static readonly (ServiceInformation Item, string Name)[] InformationItems =
    [
        (ServiceInformation.ConfidentialityPolicy, "Confidentiality policy"),
        (ServiceInformation.CodeOfPractice, "Code of practice"),
        (ServiceInformation.ComplaintsProcedure, "Complaints procedure"),
    ];

    /// <summary>"confidentiality policy and complaints procedure": the items in <paramref name="items"/>, in words.</summary>
    public static string Information(ServiceInformation items)
    {
        var names = InformationItems.Where(i => items.HasFlag(i.Item)).Select(i => i.Name.ToLowerInvariant()).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " and " + names[^1];
    }

    public static string Channel(InformationChannel how) => how switch
    {
        InformationChannel.InPerson => "in person",
        InformationChannel.Printed => "on paper",
        InformationChannel.Email => "by email",
        InformationChannel.Phone => "by phone",
        _ => "as a link to the website",
    };

    public static string GivenBy(ConsentGivenBy how) => how switch
    {
        ConsentGivenBy.InPerson => "in person",
        ConsentGivenBy.Phone => "by phone",
        ConsentGivenBy.Email => "by email",
        _ => "on a signed form",
    };

    /// <summary>The line under an entry's kind that says who, how and with whom.</summary>
    public static string Details(TimelineItem item)
    {
        var e = item.Entry;
        return e.Kind switch
        {
            EntryKind.Contact => $"By {Method(e.Method ?? ContactMethod.Phone)} with {e.ThirdParty ?? "the student"}" + (e.ConsentId is null ? "" : " (under recorded consent)"),
            EntryKind.Meeting => $"{e.MeetingBody} · our role: {Role(e.Role ?? MeetingRole.Support)}",
            EntryKind.Referral => $"{item.SignpostName ?? "another service"} · " + (e.SharesInformation ? "information passed on with consent" : "signposted, nothing passed on"),
            EntryKind.Document => item.DocumentName ?? "document",
            _ => "",
        };
    }
}
