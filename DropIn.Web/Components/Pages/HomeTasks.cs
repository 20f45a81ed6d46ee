using System.Security.Claims;
using DropIn.Web.Security;

namespace DropIn.Web.Components.Pages;

/// <summary>A card on the home page: one of the things a role comes to DropIn to do.</summary>
public sealed record HomeTask(string Title, string Text, string Href, string Action);

/// <summary>
/// Each role's own tasks on the home page (reception runs the queue; caseworkers call students and work on cases;
/// managers oversee). What else a role may open is in the menu: the home page is not the permission matrix.
/// </summary>
public static class HomeTasks
{
    private static readonly HomeTask Queue = new("Drop-in queue", "Check students in, see who is waiting, close the session.", "/queue", "Open the queue");
    private static readonly HomeTask Call = new("Call students", "Call the next student to your room, then record how the visit ended.", "/queue/call", "Call students");
    private static readonly HomeTask Diary = new("Diary", "Appointments by day and week; book, move or cancel for a student.", "/diary", "Open the diary");
    private static readonly HomeTask Enquiries = new("Enquiries", "Record emails, phone messages, letters and callers, and acknowledge them in time.", "/enquiries", "Open enquiries");
    private static readonly HomeTask Students = new("Students", "Find a student's record, or register a new student.", "/students", "Find a student");
    private static readonly HomeTask Cases = new("Cases", "Your cases: timelines, deadlines and action plans.", "/cases", "Open cases");

    private static readonly Dictionary<string, HomeTask[]> ByRole = new()
    {
        [Roles.Reception] = [Queue, Diary, Enquiries, Students],
        [Roles.Caseworker] = [Call, Cases, Diary, Enquiries],
        [Roles.Manager] =
        [
            Enquiries, Cases,
            new("Availability", "Who takes appointments and staffs the drop-in, their hours, leave and closure days.", "/availability", "Set availability"),
            new("Statistics", "Figures for reports, rounded and with small numbers hidden.", "/statistics", "Open statistics"),
            new("Retention review", "This month's records due for destruction, and holds.", "/retention", "Review retention"),
            new("Subject access", "Students' requests for their records, with their statutory deadlines.", "/subject-access", "Open requests"),
        ],
        [Roles.Admin] = [new("Staff accounts", "Create and disable staff accounts and set their roles.", "/staff", "Manage staff")],
        [Roles.Assessor] = [new("Files to assess", "The sample of case files for your visit, with names and contact details hidden.", "/assess", "Open the sample")],
    };

    /// <summary>The tasks of every role the user has, in role order, each once.</summary>
    public static IReadOnlyList<HomeTask> For(ClaimsPrincipal user) =>
        [.. Roles.All.Where(user.IsInRole).SelectMany(role => ByRole[role]).DistinctBy(task => task.Href)];
}
