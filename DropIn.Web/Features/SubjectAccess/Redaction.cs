using System.Text.Json;
using System.Text.Json.Nodes;
using DropIn.Domain.Confidentiality;

namespace DropIn.Web.Features.SubjectAccess;

/// <summary>
/// Applies the managers' decisions to a compiled record: each withheld field of the item with that id reads
/// <see cref="SubjectAccessRecord.Withheld"/>. Works on the JSON tree, so every section is covered the same way.
/// </summary>
internal static class Redaction
{
    public static SubjectAccessRecord Apply(string json, IEnumerable<SubjectAccessFlag> flags)
    {
        var root = JsonNode.Parse(json)!;
        var items = Items(root);
        foreach (var flag in flags.Where(f => f.Decision == FlagDecision.Redact))
        {
            if (items.TryGetValue(flag.ItemId, out var item) && item.ContainsKey(flag.Field))
            {
                item[flag.Field] = SubjectAccessRecord.Withheld;
            }
        }

        return root.Deserialize<SubjectAccessRecord>(SubjectAccessRecord.Json)!;
    }

    /// <summary>The flagged field's text as compiled, for the manager deciding on it.</summary>
    public static string? TextOf(IReadOnlyDictionary<Guid, JsonObject> items, SubjectAccessFlag flag) =>
        items.TryGetValue(flag.ItemId, out var item) && item[flag.Field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Every object in the record that has an id (ids are unique across sections: they are GUIDs).</summary>
    public static Dictionary<Guid, JsonObject> Items(JsonNode root)
    {
        var found = new Dictionary<Guid, JsonObject>();
        Walk(root);
        return found;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["id"] is JsonValue id && id.TryGetValue<string>(out var text) && Guid.TryParse(text, out var guid))
                    {
                        found.TryAdd(guid, obj);
                    }

                    foreach (var (_, child) in obj)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Walk(child);
                    }

                    break;
            }
        }
    }
}
