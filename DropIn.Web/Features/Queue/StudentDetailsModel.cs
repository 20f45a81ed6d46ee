using System.ComponentModel.DataAnnotations;
using DropIn.Domain.Queue;
using DropIn.Web.Components.Shared;

namespace DropIn.Web.Features.Queue;

/// <summary>
/// The check-in and edit form. The domain validates again on the server; these messages show once the user tries
/// to submit (<see cref="SubmitValidator"/>), which is why the rules are here and not attributes on the fields.
/// </summary>
public sealed class StudentDetailsModel : IValidatableObject
{
    public string Name { get; set; } = "";

    public string? EmailOrId { get; set; }

    public string? College { get; set; }

    public string Topic { get; set; } = "";

    public bool UrgentDeadlineToday { get; set; }

    public string? AccessNeeds { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var shortText = $"At most {StudentDetails.MaxShortLength} characters.";
        return
        [
            .. FormRules.Required(Name, nameof(Name), "Enter the student's name."),
            .. FormRules.MaxLength(Name, StudentDetails.MaxNameLength, nameof(Name), $"The name can be at most {StudentDetails.MaxNameLength} characters."),
            .. FormRules.MaxLength(EmailOrId, StudentDetails.MaxShortLength, nameof(EmailOrId), shortText),
            .. FormRules.MaxLength(College, StudentDetails.MaxShortLength, nameof(College), shortText),
            .. FormRules.Required(Topic, nameof(Topic), "Enter what the visit is about."),
            .. FormRules.MaxLength(Topic, StudentDetails.MaxTopicLength, nameof(Topic), $"At most {StudentDetails.MaxTopicLength} characters."),
            .. FormRules.MaxLength(AccessNeeds, StudentDetails.MaxShortLength, nameof(AccessNeeds), shortText),
        ];
    }

    public StudentDetails ToDetails() => new(Name, EmailOrId, College, Topic, UrgentDeadlineToday, AccessNeeds);

    public static StudentDetailsModel From(Ticket ticket) => new()
    {
        Name = ticket.Name,
        EmailOrId = ticket.EmailOrId,
        College = ticket.College,
        Topic = ticket.Topic,
        UrgentDeadlineToday = ticket.UrgentDeadlineToday,
        AccessNeeds = ticket.AccessNeeds,
    };
}
