using DropIn.Domain.Conduct;

namespace DropIn.Web.Features.Conduct;

public sealed record IncidentView(ConductIncident Incident, string RecordedBy);

public sealed record WarningView(ConductWarning Warning, string IssuedBy);

public sealed record WithdrawalView(Withdrawal Withdrawal, string DecidedBy, string? LiftedBy);

/// <summary>A student's conduct record: what staff recorded, warnings given, decisions to withdraw (newest first).</summary>
public sealed record ConductRecord(
    Guid StudentId,
    string StudentName,
    string? Email,
    int MissedAppointments,
    bool WarningFlagged,
    IReadOnlyList<IncidentView> Incidents,
    IReadOnlyList<WarningView> Warnings,
    IReadOnlyList<WithdrawalView> Withdrawals)
{
    public WithdrawalView? Active => Withdrawals.FirstOrDefault(w => w.Withdrawal.IsActive);
}

/// <summary>A withdrawal in force, on the managers' review list. A student behind a barrier is listed but not named.</summary>
public sealed record ReviewItem(Guid WithdrawalId, Guid StudentId, string StudentName, bool Hidden, DateTimeOffset DecidedAt, DateOnly ReviewOn, bool Due);

/// <summary>A letter to print: the text exactly as issued.</summary>
public sealed record ConductLetter(Guid Id, Guid StudentId, string Title, DateTimeOffset IssuedAt, string Text);
