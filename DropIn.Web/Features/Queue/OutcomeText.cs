using DropIn.Domain.Queue;

namespace DropIn.Web.Features.Queue;

public static class OutcomeText
{
    public static string Of(VisitOutcome outcome) => outcome switch
    {
        VisitOutcome.AdviceGiven => "Advice given",
        VisitOutcome.AppointmentBooked => "Appointment booked",
        VisitOutcome.ReferredElsewhere => "Referred elsewhere",
        VisitOutcome.CaseOpened => "Case opened",
        _ => outcome.ToString(),
    };
}

public static class FollowUpText
{
    public static string Of(FollowUp followUp) => followUp switch
    {
        FollowUp.AppointmentOffered => "Appointment offered",
        FollowUp.NoteTaken => "Note taken",
        FollowUp.NoneWanted => "Nothing wanted",
        _ => followUp.ToString(),
    };
}
