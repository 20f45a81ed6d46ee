using DropIn.Domain.Queue;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Messaging;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Queue.Online;

/// <summary>
/// The emails of the students' side of the queue. Like every email to a student, the subject names neither the
/// service nor the topic, so an inbox preview on a shared screen reveals nothing; only the ticket number, which the
/// waiting-room board shows anyway.
/// </summary>
public sealed class OnlineQueueEmails(IOptions<MailOptions> mail, IOptions<AppointmentOptions> appointments)
{
    public const string JoinSubject = "Your place in today's queue";

    /// <summary>The private link to take a place and follow it; goes only to the address given.</summary>
    public OutboxMessage TakeYourPlace(string to, string token, DateTimeOffset now) => new(to, JoinSubject,
        new EmailBody()
            .Paragraph("You asked to join the Student Advice Service drop-in queue.")
            .Paragraph("Open this link and press \"Take my place\" to get your ticket. The same page then shows your place and estimated wait as the queue moves, and tells you when it is nearly your turn. Keep this email: the link is yours alone and stops working when the session ends.")
            .Link("Take my place and follow the queue", Link(OnlineQueuePaths.Status(token)))
            .Paragraph("If you did not ask for this, ignore this email: nobody joins the queue unless the link is opened."),
        null, now);

    /// <summary>Checked in on the reception kiosk: the same private link, to follow the place on a phone and be told when it is nearly time.</summary>
    public OutboxMessage CheckedInAtKiosk(string to, string code, string token, DateTimeOffset now) => new(to, JoinSubject,
        new EmailBody()
            .Paragraph($"You checked in at reception for the Student Advice Service drop-in. Your ticket is {code}.")
            .Paragraph("This link shows your place and estimated wait as the queue moves, and tells you when it is nearly your turn, so you can wait somewhere else if you like. The link is yours alone and stops working when the session ends.")
            .Link("Follow your place in the queue", Link(OnlineQueuePaths.Status(token)))
            .Paragraph("If you did not check in today, please tell reception."),
        null, now);

    /// <summary>For a student from whom the service has been withdrawn: the same subject, neutral words, no link.</summary>
    public OutboxMessage Declined(string to, DateTimeOffset now) => new(to, JoinSubject,
        new EmailBody()
            .Paragraph("We can't add you to the drop-in queue online. Please speak to reception or contact the Student Advice Service, and we will help you.")
            .Paragraph(appointments.Value.ServiceContact),
        null, now);

    public OutboxMessage NearlyYourTurn(Ticket ticket, DateTimeOffset now) => new(ticket.EmailOrId!, $"Ticket {ticket.Code}: nearly your turn",
        new EmailBody()
            .Paragraph($"It is nearly your turn at the Student Advice Service drop-in (ticket {ticket.Code}). Please make your way to the waiting area now.")
            .Paragraph("If you cannot come in the next few minutes, use your link to ask for 5 more minutes or to leave the queue."),
        null, now);

    public OutboxMessage Called(Ticket ticket, DateTimeOffset now) => new(ticket.EmailOrId!, $"Ticket {ticket.Code}: please come now",
        new EmailBody()
            .Paragraph($"Ticket {ticket.Code}: please go to {ticket.Room} now."),
        null, now);

    private string Link(string path) => mail.Value.Link(path);
}
