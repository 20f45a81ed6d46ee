using DropIn.Web.Data;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Messaging;

public static class MessagingSetup
{
    public static WebApplicationBuilder AddDropInMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var dataFolder = DataFolder.Resolve(builder);
        // The SMTP server is one setting away: with DropIn:Mail:Smtp:Host set, mail goes over SMTP instead of to the folder.
        builder.Services.AddSingleton<IMailTransport>(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            return string.IsNullOrWhiteSpace(mail.Smtp.Host)
                ? new PickupFolderTransport(Path.Combine(dataFolder, mail.PickupFolder), sp.GetRequiredService<TimeProvider>())
                : new SmtpMailTransport(mail.Smtp);
        });
        builder.Services.AddSingleton<OutboxDispatcher>();
        return builder;
    }
}
