using DropIn.Domain.Feedback;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Messaging;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Feedback;

/// <summary>
/// The invitation emails. The subject is neutral and, like every email of the service, names neither the service nor
/// anything about the matter: an inbox preview on a shared screen should not tell anyone the student came to us. The
/// body never mentions the case or its topic either; it carries the form link and the opt-out link.
/// </summary>
public sealed class FeedbackEmails(IOptions<MailOptions> mail, IOptions<AppointmentOptions> appointments)
{
    public const string FeedbackSubject = "How did we do? A short anonymous form";
    public const string ImpactSubject = "A few months on: a short anonymous form";

    public OutboxMessage Invitation(InvitationKind kind, string to, string token, DateTimeOffset now)
    {
        var body = kind == InvitationKind.Feedback
            ? new EmailBody()
                .Paragraph("Thank you for getting in touch with the Student Advice Service recently. You said we could ask how it went.")
                .Paragraph("Would you tell us? The form takes about two minutes.")
            : new EmailBody()
                .Paragraph("A few months ago the Student Advice Service supported you, and you said we could ask afterwards how things turned out.")
                .Paragraph("Would you tell us what happened next? The form takes about two minutes.");
        body.Link("Open the form", Link(FeedbackLinks.Form(kind, token)))
            .Paragraph("The form is anonymous: your answers are not linked to your name, your email or anything you discussed with us, and the link works once.")
            .Paragraph("Rather not get emails like this from us?")
            .Link("Stop these emails", Link(FeedbackLinks.OptOut(token)))
            .Paragraph(appointments.Value.ServiceContact);
        return new OutboxMessage(to, kind == InvitationKind.Feedback ? FeedbackSubject : ImpactSubject, body, null, now);
    }

    private string Link(string path) => mail.Value.Link(path);
}
