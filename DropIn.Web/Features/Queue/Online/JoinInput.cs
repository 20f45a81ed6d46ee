using System.ComponentModel.DataAnnotations;
using DropIn.Domain.Queue;

namespace DropIn.Web.Features.Queue.Online;

/// <summary>What a student types to join the drop-in queue, on a phone or the kiosk; the service checks it again (<see cref="StudentDetails.Validated"/>).</summary>
public sealed class JoinInput
{
    [Required(ErrorMessage = "Enter your first name or initials.")]
    [StringLength(StudentDetails.MaxNameLength, ErrorMessage = "At most {1} characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter your university email address.")]
    [StringLength(OnlineJoinRequest.MaxEmailLength, ErrorMessage = "At most {1} characters.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Say in a few words what it is about.")]
    [StringLength(StudentDetails.MaxTopicLength, ErrorMessage = "At most {1} characters.")]
    public string Topic { get; set; } = "";

    public bool DeadlineToday { get; set; }

    [StringLength(StudentDetails.MaxShortLength, ErrorMessage = "At most {1} characters.")]
    public string? AccessNeeds { get; set; }
}
