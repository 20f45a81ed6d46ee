using DropIn.Tests.Infrastructure;
using DropIn.Web.Messaging;

namespace DropIn.Tests.Integration;

/// <summary>The Quartz jobs as the running app schedules them, not called by hand.</summary>
public sealed class JobsTests
{
    [Fact]
    public async Task OutboxDispatchJob_SendsAQueuedMessageWithoutAnyoneAsking()
    {
        await using var app = new AppFactory(jobs: true);
        _ = app.Server;
        var h = new AppointmentHarness(app);
        await using (var db = await h.DbAsync())
        {
            db.Outbox.Add(new OutboxMessage("student@cam.ac.uk", "Appointment confirmed: Monday 30 November at 10:00", "text", "<p>html</p>", null, TimeProvider.System.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var folder = Path.Combine(app.DataFolder, "mail-pickup");
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline && !(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length > 0))
        {
            await Task.Delay(250);
        }

        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        Assert.Contains("Subject: Appointment confirmed", await File.ReadAllTextAsync(file));
        Assert.NotNull(Assert.Single(await h.OutboxAsync()).SentAt);
    }
}
