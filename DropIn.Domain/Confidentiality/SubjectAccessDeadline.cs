namespace DropIn.Domain.Confidentiality;

/// <summary>
/// The statutory time limit for a subject access request (UK GDPR art. 12(3)): one calendar month from the day of
/// receipt, to the same date next month, or that month's last day when it has no such date (31 January → 28 or 29
/// February; 30 and 31 March → 30 April). A complex request may be extended by up to two further months.
/// </summary>
public static class SubjectAccessDeadline
{
    public const int MaxExtensionMonths = 2;

    /// <summary>The original deadline: <see cref="DateOnly.AddMonths"/> already clamps to the month's last day.</summary>
    public static DateOnly For(DateOnly receivedOn) => receivedOn.AddMonths(1);

    /// <summary>
    /// The deadline after an extension of <paramref name="months"/> in total, counted from the original deadline the same
    /// way (same date, or the month's last day). Our reading: from the original deadline, not from receipt, so 31 January
    /// gives 28 February, then 28 March — never later than counting three months from receipt (31 March), so a request
    /// is never answered late on either reading.
    /// </summary>
    public static DateOnly Extended(DateOnly originalDeadline, int months) =>
        months is >= 0 and <= MaxExtensionMonths
            ? originalDeadline.AddMonths(months)
            : throw new RuleException($"A subject access request can be extended by at most {MaxExtensionMonths} further months.");
}
