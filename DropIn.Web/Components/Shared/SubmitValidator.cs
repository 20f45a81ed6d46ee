using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace DropIn.Web.Components.Shared;

/// <summary>
/// Data-annotation validation for staff forms, the GOV.UK way (Design System, "Validation"): nothing is said
/// before the person tries to submit — not when a field loses focus, not when a dialog opens with the focus in an
/// empty field. On submit every problem shows; after that, a field put right loses its message as it changes.
/// Use in place of <see cref="DataAnnotationsValidator"/> inside an interactive <see cref="EditForm"/>.
/// <para>
/// The model states its rules as <see cref="IValidatableObject"/> (see <see cref="FormRules"/>), not as attributes
/// on the bound properties: a MudBlazor field given <c>For</c> checks that property's attributes itself whenever
/// it loses focus, which is exactly the early message this is here to prevent. <c>For</c> still shows this
/// validator's messages against the right field.
/// </para>
/// </summary>
public sealed class SubmitValidator : ComponentBase, IDisposable
{
    private EditContext? _subscribed;
    private ValidationMessageStore? _messages;
    private bool _tried;

    [CascadingParameter] public required EditContext EditContext { get; set; }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(EditContext, _subscribed))
        {
            return;
        }

        // A form that clears for the next entry gets a new model, and so a new context: it starts untried again.
        Unsubscribe();
        _subscribed = EditContext;
        _messages = new ValidationMessageStore(EditContext);
        _tried = false;
        EditContext.OnValidationRequested += Validate;
        EditContext.OnFieldChanged += Revalidate;
    }

    private void Validate(object? sender, ValidationRequestedEventArgs e)
    {
        _tried = true;
        _messages!.Clear();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(EditContext.Model, new ValidationContext(EditContext.Model), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                _messages.Add(EditContext.Field(member), result.ErrorMessage ?? "Check this answer.");
            }
        }

        EditContext.NotifyValidationStateChanged();
    }

    private void Revalidate(object? sender, FieldChangedEventArgs e)
    {
        if (!_tried)
        {
            return;
        }

        var field = e.FieldIdentifier;
        _messages!.Clear(field);
        if (ReferenceEquals(field.Model, EditContext.Model))
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(EditContext.Model, new ValidationContext(EditContext.Model), results, validateAllProperties: true);
            _messages.Add(field, results.Where(r => r.MemberNames.Contains(field.FieldName)).Select(r => r.ErrorMessage ?? "Check this answer."));
        }

        EditContext.NotifyValidationStateChanged();
    }

    private void Unsubscribe()
    {
        if (_subscribed is not null)
        {
            _subscribed.OnValidationRequested -= Validate;
            _subscribed.OnFieldChanged -= Revalidate;
            _messages?.Clear();
        }
    }

    public void Dispose()
    {
        Unsubscribe();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The usual rules of a staff form, as <see cref="IValidatableObject"/> results against the field they concern.</summary>
public static class FormRules
{
    public static IEnumerable<ValidationResult> Required(string? value, string field, string message) =>
        string.IsNullOrWhiteSpace(value) ? [new ValidationResult(message, [field])] : [];

    public static IEnumerable<ValidationResult> MaxLength(string? value, int max, string field, string message) =>
        value is { } v && v.Trim().Length > max ? [new ValidationResult(message, [field])] : [];

    public static IEnumerable<ValidationResult> Email(string? value, string field, string message) =>
        !string.IsNullOrWhiteSpace(value) && !System.Net.Mail.MailAddress.TryCreate(value.Trim(), out _) ? [new ValidationResult(message, [field])] : [];
}
