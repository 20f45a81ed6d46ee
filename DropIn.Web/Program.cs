using DropIn.Web.Components;
using DropIn.Web.Components.Requests;
using DropIn.Web.Data;
using DropIn.Web.Demo;
using DropIn.Web.Features.Account;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Complaints;
using DropIn.Web.Features.Reviews;
using DropIn.Web.Features.Visits;
using DropIn.Web.Features.Conduct;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Feedback;
using DropIn.Web.Features.Notifications;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Retention;
using DropIn.Web.Features.Statistics;
using DropIn.Web.Features.Students;
using DropIn.Web.Features.SubjectAccess;
using DropIn.Web.Hosting;
using DropIn.Web.Jobs;
using DropIn.Web.Live;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// Registered once so tests can swap in a fake clock; nothing in the app reads DateTime.Now.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// Messages appear at once rather than fading in: a half-faded message is hard to read (and fails contrast checks).
builder.Services.AddMudServices(mud =>
{
    mud.SnackbarConfiguration.ShowTransitionDuration = 0;
    mud.SnackbarConfiguration.HideTransitionDuration = 0;
    mud.SnackbarConfiguration.VisibleStateDuration = 6000;
});
builder.AddDropInCluster();
builder.AddDropInData();
builder.AddDropInDemo();
builder.AddDropInSecurity();
builder.AddDropInLive();
builder.AddDropInQueue();
builder.AddDropInMessaging();
builder.AddDropInAppointments();
builder.AddDropInEnquiries();
builder.AddDropInComplaints();
builder.AddDropInReviews();
builder.AddDropInVisits();
builder.AddDropInNotifications();
builder.AddDropInStudents();
builder.AddDropInCases();
builder.AddDropInDisputes();
builder.AddDropInRetention();
builder.AddDropInConduct();
builder.AddDropInSubjectAccess();
builder.AddDropInFeedback();
builder.AddDropInStatistics();
builder.AddDropInJobs();
builder.AddDropInHealth();
builder.AddDropInTelemetry();

var app = builder.Build();

if (args.FirstOrDefault() == CreateAdminCommand.Verb)
{
    return await app.RunCreateAdminAsync(args);
}

if (args.FirstOrDefault() == MigrateCommand.Verb)
{
    return await MigrateCommand.RunAsync(app.Services, Console.Out, [JobsSetup.MigrateStep]);
}

if (args.FirstOrDefault() == VerifyAuditCommand.Verb)
{
    return await app.RunVerifyAuditAsync(Console.Out);
}

app.UseDropInProxyHeaders();
app.UseDropInSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

// One culture for every request and circuit, British English: a date picker reads 30/11/2026 and weeks start on
// Monday, whatever the server's own locale (a container's is often the invariant, American-ordered one).
app.UseRequestLocalization("en-GB");
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseDropInBadRequests();
app.UseAntiforgery();
app.UseRateLimiter();
app.MapStaticAssets();
app.MapDropInHealth();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDropInAccount();
app.MapDropInLive();
app.MapDropInQueue();
app.MapDropInCases();
app.MapDropInSubjectAccess();
app.MapDropInStatistics();

try
{
    await app.RunAsync();
}
catch (ClusterNotReadyException notReady)
{
    // What to fix, on its own at the end of the output, not only inside the host's stack trace. 78 is EX_CONFIG.
    await Console.Error.WriteLineAsync(notReady.Message);
    return 78;
}

return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
