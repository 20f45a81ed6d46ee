namespace DropIn.Domain.Notifications;

/// <summary>An in-app reminder for one member of staff (the same reminder also goes by email through the outbox).</summary>
public sealed class StaffNotification
{
    private StaffNotification()
    {
    }

    public StaffNotification(string staffId, string text, string link, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        StaffId = staffId;
        Text = text;
        Link = link;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string StaffId { get; private set; } = "";
    public string Text { get; private set; } = "";
    public string Link { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
