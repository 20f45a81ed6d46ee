using DropIn.Domain.Enquiries;

namespace DropIn.Web.Features.Enquiries;

/// <summary>What the record dialog returns; the receipt is London date and time.</summary>
public sealed record RecordRequest(EnquiryChannel Channel, DateOnly ReceivedDate, TimeOnly ReceivedTime, string FromName, string? Contact, string Summary, string? AssigneeId, Guid? StudentId = null);
