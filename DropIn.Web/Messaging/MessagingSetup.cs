using DropIn.Web.Data;
using DropIn.Web.Hosting;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Messaging;

public static class MessagingSetup
{
    public static WebApplicationBuilder AddDropInMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var dataFolder = DataFolder.Resolve(builder);
        var cluster = ClusterMode.IsEnabled(builder.Configuration);
        // The SMTP server is one setting away: with DropIn:Mail:Smtp:Host set, mail goes over SMTP instead of to the folder.
        builder.Services.AddSingleton<IMailTransport>(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(mail.Smtp.Host))
            {
                return new SmtpMailTransport(mail.Smtp);
            }

            // A cluster's mail would be split across its hosts' folders, and retention would clean only one of them.
            return cluster
                ? throw new InvalidOperationException($"In cluster mode ({ClusterMode.Setting}) mail goes over SMTP: set {MailOptions.Section}:Smtp:Host. The pickup folder is for a single server.")
                : new PickupFolderTransport(Path.Combine(dataFolder, mail.PickupFolder), sp.GetRequiredService<TimeProvider>());
        });
        builder.Services.AddSingleton<OutboxDispatcher>();
        return builder;
    }
}
