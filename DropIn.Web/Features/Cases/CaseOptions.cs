using System.ComponentModel.DataAnnotations;
using DropIn.Domain.Cases;

namespace DropIn.Web.Features.Cases;

/// <summary>Section DropIn:Cases: the service's settings for case files.</summary>
public sealed class CaseOptions
{
    public const string Section = "DropIn:Cases";

    /// <summary>
    /// Months a consent to share lasts from the day the student gives or renews it (6 by default). A change applies
    /// to consent given from then on; each consent keeps the expiry the student agreed to.
    /// </summary>
    [Range(Consent.MinMonths, Consent.MaxMonths)]
    public int ConsentMonths { get; init; } = 6;

    /// <summary>
    /// Working days with no contact with the student (advice, a meeting or a contact with them) before the caseworkers
    /// on an open case are prompted to follow up or close it (20 by default, about four weeks), unless a follow-up
    /// date set since says otherwise.
    /// </summary>
    [Range(FollowUpRules.MinInactivityWorkingDays, FollowUpRules.MaxInactivityWorkingDays)]
    public int InactivityWorkingDays { get; init; } = 20;
}
