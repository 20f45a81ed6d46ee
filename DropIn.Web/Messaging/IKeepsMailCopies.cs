namespace DropIn.Web.Messaging;

/// <summary>A transport that keeps a copy of what it sends (the pickup folder); SMTP hands mail on and keeps none.</summary>
public interface IKeepsMailCopies
{
    /// <summary>Deletes copies addressed to any of <paramref name="addresses"/> (case-insensitive set), and all sent before the date.</summary>
    int Forget(IReadOnlySet<string> addresses, DateTimeOffset sentBefore);
}
