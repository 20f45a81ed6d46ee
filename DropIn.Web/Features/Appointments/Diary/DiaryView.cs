using DropIn.Domain.Appointments;

namespace DropIn.Web.Features.Appointments.Diary;

/// <summary>The staff diary for a range of days. Staff only: it carries names and topics.</summary>
public sealed record DiaryView(DateOnly From, DateOnly To, IReadOnlyList<DiaryEntry> Entries, IReadOnlyList<Caseworker> Caseworkers);

/// <param name="Hidden">An information barrier keeps this user from the student: the entry shows only that a time is taken, and offers no action.</param>
public sealed record DiaryEntry(Appointment Appointment, string CaseworkerName, int StudentNoShows, bool WarningDue, bool Hidden = false);

public sealed record Caseworker(string Id, string Name);

/// <summary>A free time offered to staff, with the caseworker's name.</summary>
public sealed record StaffSlot(Slot Slot, string CaseworkerName);
