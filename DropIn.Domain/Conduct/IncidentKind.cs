using System.Numerics;

namespace DropIn.Domain.Conduct;

/// <summary>
/// The behaviours for which the code of practice ("Withdrawal of service") allows the service to be withdrawn, in its
/// order. Flags, so that a warning or a decision can name several; an incident is always exactly one.
/// </summary>
[Flags]
public enum IncidentKind
{
    None = 0,
    AggressiveLanguage = 1,
    ViolenceOrThreat = 2,
    FraudOrIllegalConduct = 4,
    MisleadingOrWithheldInformation = 8,
    MissedAppointmentsAfterWarning = 16,
    ExcessiveDemands = 32,
    OutsideAgreedActionPlan = 64,
    AdviceElsewhere = 128,
}

public static class IncidentKinds
{
    public static readonly IReadOnlyList<IncidentKind> All =
    [
        IncidentKind.AggressiveLanguage, IncidentKind.ViolenceOrThreat, IncidentKind.FraudOrIllegalConduct, IncidentKind.MisleadingOrWithheldInformation,
        IncidentKind.MissedAppointmentsAfterWarning, IncidentKind.ExcessiveDemands, IncidentKind.OutsideAgreedActionPlan, IncidentKind.AdviceElsewhere,
    ];

    private const IncidentKind Every = (IncidentKind)255;

    /// <summary>A short name for staff screens.</summary>
    public static string Name(IncidentKind kind) => kind switch
    {
        IncidentKind.AggressiveLanguage => "Aggressive or inappropriate language",
        IncidentKind.ViolenceOrThreat => "Violence, or threatened violence or aggression",
        IncidentKind.FraudOrIllegalConduct => "Seeking support for fraud or illegal conduct",
        IncidentKind.MisleadingOrWithheldInformation => "Misleading information, or withholding information",
        IncidentKind.MissedAppointmentsAfterWarning => "Persistently missing appointments after a warning",
        IncidentKind.ExcessiveDemands => "Excessive or unreasonable demands",
        IncidentKind.OutsideAgreedActionPlan => "Insisting on a course outside the agreed action plan",
        IncidentKind.AdviceElsewhere => "Receiving advice elsewhere or taking legal advice",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The behaviour in the code of practice's words, as a letter to the student puts it.</summary>
    public static string Letter(IncidentKind kind) => kind switch
    {
        IncidentKind.AggressiveLanguage => "using aggressive or inappropriate verbal or written language towards a member of staff",
        IncidentKind.ViolenceOrThreat => "using, or threatening to use, violence or other aggressive or inappropriate behaviour towards a member of staff",
        IncidentKind.FraudOrIllegalConduct => "seeking support for fraud or other illegal conduct",
        IncidentKind.MisleadingOrWithheldInformation => "knowingly giving misleading information to a member of staff, or not giving information needed to progress your case",
        IncidentKind.MissedAppointmentsAfterWarning => "persistently not keeping appointments after a warning",
        IncidentKind.ExcessiveDemands => "making excessive or unreasonable demands on the Service",
        IncidentKind.OutsideAgreedActionPlan => "insisting, after agreeing an action plan with a member of staff, on a course of action outside what was agreed",
        IncidentKind.AdviceElsewhere => "receiving advice from another advice agency or taking legal advice on the same matter",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Each kind in a combination, in the code's order.</summary>
    public static IReadOnlyList<IncidentKind> Split(IncidentKind kinds) => [.. All.Where(k => kinds.HasFlag(k))];

    public static bool IsSingle(IncidentKind kind) => kind != IncidentKind.None && (kind & ~Every) == 0 && BitOperations.PopCount((uint)kind) == 1;

    /// <summary>At least one kind, and only kinds the code lists.</summary>
    public static IncidentKind RequireGrounds(IncidentKind kinds) =>
        kinds != IncidentKind.None && (kinds & ~Every) == 0 ? kinds : throw new RuleException("Choose at least one of the behaviours the code of practice lists.");
}
