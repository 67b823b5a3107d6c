using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Wire;

namespace PatchLab.Emulator.Ssm;

/// <summary>Reads and validates Targets lists ({Key, Values}) as the SSM model constrains them.</summary>
internal static class TargetsReader
{
    public const string KeyPattern = @"^([\p{L}\p{Z}\p{N}_.:/=\-@]*)$|resource-groups:ResourceTypeFilters|resource-groups:Name";

    public static List<Target>? Read(RequestReader r, string member, bool required, int maxTargets)
    {
        var el = r.Element(member, JsonValueKind.Array);
        if (el is null)
        {
            if (required)
            {
                r.Fail(member, null, "Member must not be null");
            }
            return null;
        }
        var list = new List<Target>();
        foreach (var t in el.Value.EnumerateArray())
        {
            if (t.ValueKind != JsonValueKind.Object)
            {
                throw new SerializationException($"Each item of '{member}' must be a structure {{\"Key\": ..., \"Values\": [...]}}.");
            }
            var key = t.TryGetProperty("Key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
            var values = new List<string>();
            if (t.TryGetProperty("Values", out var vs) && vs.ValueKind == JsonValueKind.Array)
            {
                foreach (var v in vs.EnumerateArray())
                {
                    if (v.ValueKind != JsonValueKind.String)
                    {
                        throw new SerializationException($"'{member}' Values must be strings.");
                    }
                    values.Add(v.GetString()!);
                }
            }
            if (key is null)
            {
                r.Fail($"{member}.member.key", null, "Member must not be null");
                continue;
            }
            r.CheckString($"{member}.member.key", key, 1, 163, KeyPattern);
            r.CheckCount($"{member}.member.values", values.Count, 0, 50);
            list.Add(new Target(key, values));
        }
        r.CheckCount(member, list.Count, 0, maxTargets);
        return list;
    }

    public static object ToWire(IReadOnlyList<Target> targets) => targets.Select(t => new { t.Key, t.Values }).ToList();
}
