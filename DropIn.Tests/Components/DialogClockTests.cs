using System.Security.Claims;
using Bunit;
using DropIn.Domain.Cases;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Retention;
using DropIn.Web.Features.SubjectAccess;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace DropIn.Tests.Components;

/// <summary>
/// Every dialog that picks or defaults a date asks the service's clock for London's date. At 00:30 BST it is
/// already Tuesday 14 July in London but still Monday 13 July in UTC (this machine's zone, and the server's): the
/// enquiry dialog used to default to London's date with the server's date as its latest, so the default was out of
/// range. The clock here is fake and months away from the machine's, so a date taken from the machine shows.
/// </summary>
public sealed class DialogClockTests : MudTestContext, IClassFixture<DialogClockTests.AppFixture>
{
    private static readonly DateTime LondonToday = new(2026, 7, 14);
    private readonly AppFixture _fixture;

    public DialogClockTests(AppFixture fixture)
    {
        _fixture = fixture;
        Services.AddFallbackServiceProvider(fixture.App.Services);
        // MudBlazor registers the system clock in bUnit's own container; the dialogs must get the app's, as in the app.
        Services.AddSingleton(fixture.App.Services.GetRequiredService<TimeProvider>());
    }

    public sealed class AppFixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new(clock: London.Clock(2026, 7, 14, 0, 30));
        public ClaimsPrincipal Manager { get; private set; } = default!;

        public async ValueTask InitializeAsync() => Manager = await App.StaffAsync("Morgan Manager", Roles.Manager);

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    private async Task<IRenderedComponent<MudDialogProvider>> ShowAsync<TDialog>(DialogParameters<TDialog>? parameters = null)
        where TDialog : IComponent
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(_fixture.Manager))));
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Dialog", parameters ?? []));
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll(".mud-dialog")));
        return provider;
    }

    [Fact]
    public void TheMachineIsBehindLondon_AsOnAUtcServerInSummer()
    {
        var utcNow = London.At(2026, 7, 14, 0, 30);
        Assert.Equal(new DateTime(2026, 7, 13), utcNow.UtcDateTime.Date);
    }

    [Fact]
    public async Task RecordEnquiryDialog_AtHalfPastMidnightBst_DefaultsToLondonsDate_WithinItsRange()
    {
        var dialog = await ShowAsync(new DialogParameters<RecordEnquiryDialog> { { d => d.Staff, new List<StaffOption>() }, { d => d.Record, RecordAsync } });

        var picker = dialog.FindComponent<MudDatePicker>().Instance;
        Assert.Equal(LondonToday, picker.Date);
        Assert.Equal(LondonToday, picker.GetState(x => x.MaxDate));
        Assert.Equal("00:30", dialog.Find("input[value='00:30']").GetAttribute("value"));
    }

    /// <summary>What the enquiries board does with the dialog's answer: the real service, on the fake clock.</summary>
    private Task RecordAsync(RecordRequest r) =>
        _fixture.App.UseAsync<EnquiryService, DropIn.Domain.Enquiries.Enquiry>(e => e.RecordAsync(_fixture.Manager, r.Channel,
            DropIn.Domain.Calendar.LondonTime.ToInstant(r.ReceivedDate, r.ReceivedTime), r.FromName, r.Contact, r.Summary, r.AssigneeId, r.StudentId));

    [Fact]
    public async Task RecordEnquiryDialog_ARefusal_IsShownInTheDialog_WithEverythingTypedStillThere()
    {
        var dialog = await ShowAsync(new DialogParameters<RecordEnquiryDialog> { { d => d.Staff, new List<StaffOption>() }, { d => d.Record, RecordAsync } });
        dialog.Find("input[value='00:30']").Change("10:15"); // later today: not received yet
        var fields = dialog.FindComponents<MudTextField<string>>();
        await dialog.InvokeAsync(() => fields.Single(f => f.Instance.Label == "From (student's name)").Instance.ValueChanged.InvokeAsync("Ada Lovelace"));
        await dialog.InvokeAsync(() => fields.Single(f => f.Instance.Label == "Short summary").Instance.ValueChanged.InvokeAsync("Voicemail about an appeal deadline"));

        dialog.Find("form#record-enquiry").Submit();

        dialog.WaitForAssertion(() => Assert.Contains("The date received cannot be in the future.", dialog.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Single(dialog.FindAll(".mud-dialog"));
        Assert.Equal("Voicemail about an appeal deadline", dialog.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Short summary").Instance.GetState(x => x.Value));
        await using var db = await new AppointmentHarness(_fixture.App).DbAsync();
        Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Enquiries));
    }

    [Fact]
    public async Task HoldDialog_OffersReviewDatesFromLondonsTomorrow()
    {
        var dialog = await ShowAsync<HoldDialog>();

        var picker = dialog.FindComponent<MudDatePicker>().Instance;
        Assert.Equal(LondonToday.AddMonths(3), picker.Date);
        Assert.Equal(LondonToday.AddDays(1), picker.GetState(x => x.MinDate));
        Assert.Equal(LondonToday.AddMonths(RetentionHold.MaxReviewMonths), picker.GetState(x => x.MaxDate));
    }

    [Fact]
    public async Task SlotPickerDialog_OffersNoDayBeforeLondonsToday()
    {
        var dialog = await ShowAsync(new DialogParameters<SlotPickerDialog>
        {
            { d => d.LoadSlots, _ => Task.FromResult<IReadOnlyList<StaffSlot>>([]) },
            { d => d.StartDate, DateOnly.FromDateTime(LondonToday) },
        });

        Assert.Equal(LondonToday, dialog.FindComponent<MudDatePicker>().Instance.GetState(x => x.MinDate));
    }

    [Fact]
    public async Task RecordSubjectAccessDialog_DefaultsToLondonsDate_WithinItsRange()
    {
        var dialog = await ShowAsync<RecordSubjectAccessDialog>();

        var picker = dialog.FindComponent<MudDatePicker>().Instance;
        Assert.Equal(LondonToday, picker.Date);
        Assert.Equal(LondonToday, picker.GetState(x => x.MaxDate));
    }

    [Fact]
    public async Task DeadlineDialog_DefaultsToLondonsDate()
    {
        var deadline = await ShowAsync(new DialogParameters<PlanDialogs> { { d => d.Mode, PlanForm.Deadline } });

        Assert.NotEmpty(deadline.FindAll("input[value='2026-07-14']"));
    }

    [Fact]
    public async Task EntryDialog_DefaultsToLondonsDate()
    {
        var entry = await ShowAsync(new DialogParameters<EntryDialog> { { d => d.Kind, EntryKind.Note } });

        Assert.NotEmpty(entry.FindAll("input[value='2026-07-14']"));
    }
}
