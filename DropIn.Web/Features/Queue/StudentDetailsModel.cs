using System.ComponentModel.DataAnnotations;
using DropIn.Domain.Queue;

namespace DropIn.Web.Features.Queue;

/// <summary>The check-in and edit form. The domain validates again on the server; these messages show as the user types.</summary>
public sealed class StudentDetailsModel
{
    [Required(ErrorMessage = "Enter the student's name.")]
    [StringLength(StudentDetails.MaxNameLength, ErrorMessage = "The name can be at most {1} characters.")]
    public string Name { get; set; } = "";

    [StringLength(StudentDetails.MaxShortLength, ErrorMessage = "At most {1} characters.")]
    public string? EmailOrId { get; set; }

    [StringLength(StudentDetails.MaxShortLength, ErrorMessage = "At most {1} characters.")]
    public string? College { get; set; }

    [Required(ErrorMessage = "Enter what the visit is about.")]
    [StringLength(StudentDetails.MaxTopicLength, ErrorMessage = "At most {1} characters.")]
    public string Topic { get; set; } = "";

    public bool UrgentDeadlineToday { get; set; }

    [StringLength(StudentDetails.MaxShortLength, ErrorMessage = "At most {1} characters.")]
    public string? AccessNeeds { get; set; }

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
