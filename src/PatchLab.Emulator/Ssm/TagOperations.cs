using System.Text.Json;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>
/// AddTagsToResource, RemoveTagsFromResource and ListTagsForResource for every resource type that has an
/// <see cref="ITagTarget"/> (MaintenanceWindow and PatchBaseline so far).
/// </summary>
/// <remarks>Other ResourceTypeForTagging values answer InvalidResourceType naming the types PatchLab tags.</remarks>
internal sealed class TagOperations(IEnumerable<ITagTarget> targets, TagRepository tags) : ISsmOperations
{
    private const string TagPattern = @"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";
    private const int MaxTags = 1000;

    private static readonly string[] ResourceTypes =
        ["Document", "ManagedInstance", "MaintenanceWindow", "Parameter", "PatchBaseline", "OpsItem", "OpsMetadata", "Automation", "Association"];

    private readonly Dictionary<string, ITagTarget> _targets = targets.ToDictionary(t => t.ResourceType, StringComparer.Ordinal);

    public void Register(SsmRouter router)
    {
        router.Add("AddTagsToResource", Add);
        router.Add("RemoveTagsFromResource", Remove);
        router.Add("ListTagsForResource", List);
    }

    private static (string? Type, string? Id) ReadResource(RequestReader r) =>
        (r.String("ResourceType", required: true, allowed: ResourceTypes), r.String("ResourceId", required: true));

    /// <summary>After every member is read: the tag target and the stored id, or InvalidResourceType / InvalidResourceId.</summary>
    private (ITagTarget Target, string StoredId) Resolve(RequestReader r, (string? Type, string? Id) resource)
    {
        r.ThrowIfInvalid();
        var (type, id) = (resource.Type!, resource.Id!);
        if (!_targets.TryGetValue(type, out var target))
        {
            throw new InvalidResourceTypeException(
                $"PatchLab does not store tags for {type} resources. Tagged resource types: {string.Join(", ", _targets.Keys.Order(StringComparer.Ordinal))}.");
        }
        var stored = target.Resolve(id) ?? throw new InvalidResourceIdException($"{type} {id} does not exist or cannot be tagged.");
        return (target, stored);
    }

    private object Add(RequestReader r)
    {
        var resource = ReadResource(r);
        if (!r.Has("Tags"))
        {
            r.Fail("Tags", null, "Member must not be null");
        }
        var newTags = ReadTags(r, "Tags");
        var (t, stored) = Resolve(r, resource);
        var merged = tags.Get(t.StoredAs, stored).Keys.Union(newTags.Keys).Count();
        if (merged > MaxTags)
        {
            throw new TooManyTagsException($"A resource can carry at most {MaxTags} tags; this request would leave {merged}.");
        }
        tags.Add(t.StoredAs, stored, newTags);
        return new { };
    }

    private object Remove(RequestReader r)
    {
        var resource = ReadResource(r);
        var keys = r.StringList("TagKeys", required: true, itemMin: 1, itemMax: 128, itemPattern: TagPattern);
        var (t, stored) = Resolve(r, resource);
        tags.Remove(t.StoredAs, stored, keys!);
        return new { };
    }

    private object List(RequestReader r)
    {
        var (t, stored) = Resolve(r, ReadResource(r));
        return new { TagList = tags.Get(t.StoredAs, stored).Select(kv => new { kv.Key, kv.Value }).ToList() };
    }

    /// <summary>Reads a TagList member ([{Key, Value}]), checking the model's lengths and pattern.</summary>
    internal static Dictionary<string, string> ReadTags(RequestReader r, string member)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Element(member, JsonValueKind.Array) is not { } arr)
        {
            return result;
        }
        var path = char.ToLowerInvariant(member[0]) + member[1..];
        foreach (var t in arr.EnumerateArray())
        {
            var key = t.ValueKind == JsonValueKind.Object && t.TryGetProperty("Key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
            var value = t.ValueKind == JsonValueKind.Object && t.TryGetProperty("Value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
            if (key is null || value is null)
            {
                r.Fail($"{path}.member", null, "Member must have a Key and a Value, e.g. Key=Environment,Value=Production");
                continue;
            }
            r.CheckString($"{path}.member.key", key, 1, 128, TagPattern);
            r.CheckString($"{path}.member.value", value, 0, 256, TagPattern);
            result[key] = value;
        }
        r.CheckCount(path, result.Count, 0, MaxTags);
        return result;
    }
}
