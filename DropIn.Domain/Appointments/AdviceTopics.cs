namespace DropIn.Domain.Appointments;

/// <summary>What a student can say an appointment is about. Staff see it; no email subject or public page shows it.</summary>
public static class AdviceTopics
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Academic appeal", "Complaint", "Disciplinary", "Examination allowances", "Intermission", "Fitness to practise",
        "Harassment and misconduct", "Housing", "Money", "Something else",
    ];
}
