using System.Security.Claims;
using DropIn.Domain.Queue;
using DropIn.Web.Features.Queue;
using DropIn.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Infrastructure;

/// <summary>Staff of a test app and the queue service as each of them uses it.</summary>
public sealed class QueueHarness(AppFactory app)
{
    public AppFactory App => app;

    public Task<ClaimsPrincipal> ReceptionAsync(string name = "Rita Reception") => app.StaffAsync(name, Roles.Reception);

    public Task<ClaimsPrincipal> CaseworkerAsync(string name = "Sam Caseworker") => app.StaffAsync(name, Roles.Caseworker);

    public Task<ClaimsPrincipal> ManagerAsync(string name = "Morgan Manager") => app.StaffAsync(name, Roles.Manager);

    /// <summary>A fresh scope per call, as each circuit or request has its own.</summary>
    public Task<T> WithQueueAsync<T>(Func<QueueService, Task<T>> use) => app.UseAsync(use);

    public Task WithQueueAsync(Func<QueueService, Task> use) => app.UseAsync(use);

    public Task<Ticket> CheckInAsync(ClaimsPrincipal reception, string name, bool urgent = false) =>
        CheckInAsync(reception, new StudentDetails(name, null, "Trinity", "Academic appeal", urgent, null));

    public async Task<Ticket> CheckInAsync(ClaimsPrincipal reception, StudentDetails student) =>
        (await WithQueueAsync(q => q.CheckInAsync(reception, student))).Ticket();

    public Task<QueueView> ViewAsync(ClaimsPrincipal user) => WithQueueAsync(q => q.GetQueueAsync(user));

    public Task<Ticket?> CallNextAsync(ClaimsPrincipal caseworker, string room = "Advice room 1") => WithQueueAsync(q => q.CallNextAsync(caseworker, room));
}

public static class CheckInResults
{
    /// <summary>The ticket of a check-in that a test expects to succeed; a flag fails the test with its reason.</summary>
    public static Ticket Ticket(this CheckInResult result) => result switch
    {
        CheckInResult.CheckedIn checkedIn => checkedIn.Ticket,
        CheckInResult.Flagged flagged => throw new InvalidOperationException($"Expected a check-in, was flagged: {flagged.Reason}"),
        _ => throw new InvalidOperationException("No check-in result."),
    };
}
