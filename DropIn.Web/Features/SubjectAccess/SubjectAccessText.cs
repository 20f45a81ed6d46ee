using DropIn.Domain.Confidentiality;
using MudBlazor;

namespace DropIn.Web.Features.SubjectAccess;

/// <summary>The words and colours the subject access screens use for states and channels.</summary>
public static class SubjectAccessText
{
    public static string Channel(SubjectAccessChannel channel) => channel switch
    {
        SubjectAccessChannel.InPerson => "In person",
        SubjectAccessChannel.WebForm => "Web form",
        _ => channel.ToString(),
    };

    public static string Status(SubjectAccessStatus status) => status switch
    {
        SubjectAccessStatus.Received => "Received: to compile",
        SubjectAccessStatus.Compiled => "Compiled: to review",
        SubjectAccessStatus.Reviewed => "Reviewed: ready to release",
        _ => status.ToString(),
    };

    public static string Concern(FlagConcern concern) => concern switch
    {
        FlagConcern.Dispute => "Part of a dispute with another student",
        FlagConcern.NamesAnotherStudent => "Names another registered student",
        _ => "Names a third party",
    };

    public static string DaysLeft(SubjectAccessRow row) => !row.IsOpen ? "–" : row.DaysLeft switch
    {
        < 0 => $"{-row.DaysLeft} day(s) overdue",
        0 => "due today",
        var d => $"{d} day(s)",
    };

    public static Color DeadlineColor(SubjectAccessRow row) => row.Overdue ? Color.Error : row.DueSoon ? Color.Warning : Color.Default;
}
