namespace DropIn.Web.Security;

/// <summary>
/// The permission matrix: one authorisation policy per action, granted to roles. The table in docs/permissions.md is
/// this table; PermissionMatrixTests checks every page and hub against it.
/// </summary>
public static class Permissions
{
    public const string ViewQueue = "queue.view";
    public const string CheckIn = "queue.check-in";
    public const string RunSession = "queue.run-session";
    public const string ServeQueue = "queue.serve";
    public const string ViewDiary = "diary.view";
    public const string ManageAppointments = "diary.manage";
    public const string ManageAvailability = "availability.manage";
    public const string Enquiries = "enquiries.handle";
    public const string FindStudents = "students.find";
    public const string RegisterStudents = "students.register";
    public const string MergeStudents = "students.merge";
    public const string RecordMonitoring = "monitoring.record";
    public const string ViewCases = "cases.view";
    public const string EditCases = "cases.edit";
    public const string ManageCaseLists = "cases.manage-lists";
    public const string ViewAudit = "audit.view";
    public const string ManageDisputes = "disputes.manage";
    public const string ManageStaff = "staff.manage";
    public const string ReviewRetention = "retention.review";
    public const string RecordConduct = "conduct.record";
    public const string DecideWithdrawal = "conduct.decide";
    public const string ManageSubjectAccess = "subject-access.manage";
    public const string ViewStatistics = "statistics.view";
    public const string ExportStatistics = "statistics.export";
    public const string ManageKiosks = "kiosks.manage";
    public const string Complaints = "complaints.handle";
    public const string ManageReviews = "reviews.manage";
    public const string ManageVisits = "visits.manage";
    public const string Assess = "visits.assess";

    public static IReadOnlyDictionary<string, string[]> Matrix { get; } = new Dictionary<string, string[]>
    {
        [ViewQueue] = [Roles.Reception, Roles.Caseworker, Roles.Manager],
        [CheckIn] = [Roles.Reception, Roles.Manager],
        [RunSession] = [Roles.Reception, Roles.Manager],
        [ServeQueue] = [Roles.Caseworker, Roles.Manager],
        [ViewDiary] = [Roles.Reception, Roles.Caseworker, Roles.Manager],
        [ManageAppointments] = [Roles.Reception, Roles.Caseworker, Roles.Manager],
        [ManageAvailability] = [Roles.Manager],
        [Enquiries] = [Roles.Reception, Roles.Caseworker, Roles.Manager],
        [FindStudents] = [Roles.Reception, Roles.Caseworker, Roles.Manager],
        [RegisterStudents] = [Roles.Reception, Roles.Caseworker, Roles.Manager],
        [MergeStudents] = [Roles.Manager],
        [RecordMonitoring] = [Roles.Reception, Roles.Caseworker, Roles.Manager],
        [ViewCases] = [Roles.Caseworker, Roles.Manager],
        [EditCases] = [Roles.Caseworker, Roles.Manager],
        [ManageCaseLists] = [Roles.Manager],
        [ViewAudit] = [Roles.Manager],
        [ManageDisputes] = [Roles.Manager],
        [ManageStaff] = [Roles.Manager, Roles.Admin],
        [ReviewRetention] = [Roles.Manager],
        // Whoever witnesses the behaviour writes it down; warnings and withdrawal are a manager's decision (code of practice).
        [RecordConduct] = [Roles.Reception, Roles.Caseworker, Roles.Manager],
        [DecideWithdrawal] = [Roles.Manager],
        [ManageSubjectAccess] = [Roles.Manager],
        [ViewStatistics] = [Roles.Manager],
        [ExportStatistics] = [Roles.Manager],
        // A kiosk is a public tablet that adds students to the queue: who may set one up is a manager's decision.
        [ManageKiosks] = [Roles.Manager],
        // The complaints register is the service's own record about its staff: managers, never the one complained about
        // (ComplaintService refuses them by complaint).
        [Complaints] = [Roles.Manager],
        // Setting review plans, drawing the sample and seeing reviews against the plan: supervision is a manager's.
        // Reviewing a file or acknowledging a review needs only ViewCases, and being the one assigned.
        [ManageReviews] = [Roles.Manager],
        // Granting an assessor a visit, and ending it: a manager's decision, as the service's AQS contact.
        [ManageVisits] = [Roles.Manager],
        // Reading the sample, masked, while a visit granted to that assessor lasts (AssessorVisitService checks the visit,
        // the file and the second factor each time). The assessor's only permission.
        [Assess] = [Roles.Assessor],
    };
}
