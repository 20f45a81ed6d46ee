using MimeKit;

namespace DropIn.Web.Messaging;

/// <summary>Sends one message, or throws; the outbox decides what a failure means.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
