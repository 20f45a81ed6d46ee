using System.ComponentModel.DataAnnotations;
using DropIn.Domain.Complaints;

namespace DropIn.Web.Features.Complaints;

/// <summary>Section DropIn:Complaints: the complaints procedure's timescales, in working days, for each stage.</summary>
public sealed class ComplaintOptions
{
    public const string Section = "DropIn:Complaints";

    [Range(1, ComplaintTimescales.MaxWorkingDays)]
    public int AcknowledgeWorkingDays { get; init; } = ComplaintTimescales.Default.AcknowledgeWorkingDays;

    [Range(1, ComplaintTimescales.MaxWorkingDays)]
    public int RespondWorkingDays { get; init; } = ComplaintTimescales.Default.RespondWorkingDays;

    public ComplaintTimescales Timescales => new(AcknowledgeWorkingDays, RespondWorkingDays);
}
