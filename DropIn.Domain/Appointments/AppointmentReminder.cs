namespace DropIn.Domain.Appointments;

/// <summary>
/// When the reminder of an appointment goes: once its window (the set hours before the start) has opened, for a
/// confirmed appointment whose time the student had been sent before the window opened. So a reminder whose window
/// opened while the app was down still goes when it is back; an appointment confirmed (or moved) inside the window gets
/// none, because its confirmation, sent a moment ago, already says everything a reminder would.
/// </summary>
public static class AppointmentReminder
{
    /// <param name="before">How long before the start the window opens (24 hours by default): elapsed time, so across a
    /// change between GMT and BST the window still opens exactly that long before.</param>
    public static bool IsDue(Appointment appointment, DateTimeOffset now, TimeSpan before)
    {
        var opens = appointment.Start - before;
        return appointment.Status == AppointmentStatus.Confirmed
            && appointment.ReminderQueuedAt is null
            && now >= opens
            && now < appointment.Start
            && appointment.ConfirmedAt is { } told && told < opens;
    }
}
