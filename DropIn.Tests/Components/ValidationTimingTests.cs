using Bunit;
using DropIn.Web.Components.Shared;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Retention;
using DropIn.Web.Features.Students;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DropIn.Tests.Components;

/// <summary>
/// Nothing says an answer is missing before the person has tried to go on (GOV.UK pattern: validate on submit).
/// Reception clicking elsewhere on the laptop used to make the check-in form shout "Enter the student's name.",
/// and the move-up dialog said its reason was required as it opened.
/// </summary>
public sealed class ValidationTimingTests : MudTestContext
{
    private const string NameMissing = "Enter the student's name.";

    public ValidationTimingTests() => Services.AddSingleton(TimeProvider.System);

    private async Task<IRenderedComponent<MudDialogProvider>> ShowAsync(Func<IDialogService, Task> show)
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        _ = provider.InvokeAsync(() => show(Services.GetRequiredService<IDialogService>()));
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll(".mud-dialog")));
        await Task.Yield();
        return provider;
    }

    [Fact]
    public void CheckInForm_LeavingTheEmptyNameField_SaysNothing_SubmittingSaysWhatIsMissing()
    {
        var checkedIn = 0;
        var form = Render<CheckInForm>(p => p.Add(f => f.OnCheckIn, _ => Task.FromResult(++checkedIn > 0)));

        form.Find("input").Blur();
        form.FindAll("input")[1].Blur();

        Assert.DoesNotContain(NameMissing, form.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter what the visit is about.", form.Markup, StringComparison.Ordinal);
        Assert.Empty(form.FindAll(".mud-input-error"));

        form.Find("form").Submit();

        Assert.NotEmpty(form.FindAll(".mud-input-error"));
        Assert.Contains(NameMissing, form.Markup, StringComparison.Ordinal);
        Assert.Contains("Enter what the visit is about.", form.Markup, StringComparison.Ordinal);
        Assert.Equal(0, checkedIn);
    }

    [Fact]
    public void CheckInForm_AfterATry_AFieldPutRightLosesItsMessage()
    {
        var form = Render<CheckInForm>(p => p.Add(f => f.OnCheckIn, _ => Task.FromResult(true)));
        form.Find("form").Submit();

        form.Find("input").Input("Ada Lovelace");
        form.Find("input").Blur();

        Assert.DoesNotContain(NameMissing, form.Markup, StringComparison.Ordinal);
        Assert.Contains("Enter what the visit is about.", form.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveUpPrompt_OpeningAndLeavingTheField_SaysNothing_ConfirmingEmptySaysItIsNeeded()
    {
        var dialog = await ShowAsync(d => d.PromptAsync("Move A03 up", "Why should A03 be seen sooner? The reason is recorded.", "Reason", "Move up"));
        dialog.Find("textarea, input").Blur();
        Assert.DoesNotContain("This is required.", dialog.Markup, StringComparison.Ordinal);

        dialog.FindAll("button").Single(b => b.TextContent.Contains("Move up", StringComparison.Ordinal)).Click();

        Assert.Contains("This is required.", dialog.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditTicketDialog_LeavingAFieldEmpty_SaysNothingUntilSave()
    {
        var dialog = await ShowAsync(d => d.ShowAsync<EditTicketDialog>("Edit ticket A01", new DialogParameters<EditTicketDialog> { { x => x.Model, new StudentDetailsModel() } }));
        dialog.Find("input").Blur();
        Assert.DoesNotContain(NameMissing, dialog.Markup, StringComparison.Ordinal);

        dialog.Find("form").Submit();

        Assert.Contains(NameMissing, dialog.Markup, StringComparison.Ordinal);
    }

    /// <summary>The registration form (its own page, the student's edit form, and the open-a-case dialog).</summary>
    [Fact]
    public void RegistrationFields_LeavingTheNameEmpty_SaysNothing()
    {
        var input = new StudentInput();
        var form = Render<EditForm>(p => p.Add(f => f.Model, input).Add(f => f.ChildContent, (RenderFragment<EditContext>)(_ => builder =>
        {
            builder.OpenComponent<StudentFields>(0);
            builder.AddAttribute(1, nameof(StudentFields.Input), input);
            builder.CloseComponent();
        })));
        form.Find("input").Blur();

        Assert.DoesNotContain(NameMissing, form.Markup, StringComparison.Ordinal);
        Assert.Empty(form.FindAll(".mud-input-error"));
    }

    [Fact]
    public async Task HoldDialog_LeavingTheReasonEmpty_SaysNothing()
    {
        var dialog = await ShowAsync(d => d.ShowAsync<HoldDialog>("Hold"));
        dialog.Find("textarea").Blur();

        Assert.DoesNotContain("Required", dialog.Markup, StringComparison.Ordinal);
    }
}
