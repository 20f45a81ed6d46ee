using System.Text.Json;

namespace DropIn.Web.Live;

/// <summary>
/// A change as it crosses Redis between servers: <c>{"from":"…","kind":"QueueChanged","change":{"sessionId":"…"}}</c>,
/// where <c>from</c> is the sending server's random id. Only the records deriving from <see cref="LiveChange"/> go
/// over it, and they carry ids and dates alone (docs/decisions/003), so no name or topic ever reaches Redis.
/// </summary>
internal sealed class LiveWire
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private readonly Dictionary<string, Type> _kinds;

    private LiveWire(IEnumerable<Type> kinds) => _kinds = kinds.ToDictionary(kind => kind.Name, StringComparer.Ordinal);

    /// <summary>Every kind of change in the app, by its type name, except the one that never leaves a server.</summary>
    public static LiveWire ForThisApp() => new(Kinds());

    /// <summary>The kinds of change that cross between servers.</summary>
    public static IEnumerable<Type> Kinds() => typeof(LiveChange).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(LiveChange)) && !type.IsAbstract && type != typeof(ChangesMayHaveBeenMissed));

    public static bool CrossesServers(LiveChange change) => change is not ChangesMayHaveBeenMissed;

    public string Write(Guid from, LiveChange change) =>
        JsonSerializer.Serialize(new Envelope(from, change.GetType().Name, JsonSerializer.SerializeToElement(change, change.GetType(), Json)), Json);

    /// <summary>
    /// Reads a message; false for one this server cannot read: malformed, or a kind it does not know (a newer server
    /// during a rolling upgrade), which it then ignores.
    /// </summary>
    public bool TryRead(string message, out Guid from, out LiveChange? change)
    {
        from = Guid.Empty;
        change = null;
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message, Json);
            if (envelope is not { Kind: { } name } || !_kinds.TryGetValue(name, out var kind))
            {
                return false;
            }

            from = envelope.From;
            change = (LiveChange?)envelope.Change.Deserialize(kind, Json);
            return change is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record Envelope(Guid From, string Kind, JsonElement Change);
}
