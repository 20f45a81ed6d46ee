using DropIn.Domain.Appointments;

namespace DropIn.Web.Features.Appointments.Diary;

/// <summary>What the slot picker returns: the time, and for a new booking the student's details.</summary>
public sealed record SlotChoice(Slot Slot, StudentBooking? Student);
