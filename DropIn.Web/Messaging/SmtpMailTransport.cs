using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DropIn.Web.Messaging;

internal sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(options.Host!, options.Port, options.UseStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(options.User))
        {
            await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
