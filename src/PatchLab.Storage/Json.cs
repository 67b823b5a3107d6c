using System.Text.Json;
using PatchLab.Domain.Model;

namespace PatchLab.Storage;

/// <summary>JSON columns (targets, parameters, plugin results).</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string? json, T fallback) => string.IsNullOrEmpty(json) ? fallback : JsonSerializer.Deserialize<T>(json, Options) ?? fallback;

    public static string Targets(IReadOnlyList<Target> targets) => Of(targets.Select(t => new TargetRow { Key = t.Key, Values = [.. t.Values] }).ToList());

    public static IReadOnlyList<Target> Targets(string? json) =>
        Read(json, new List<TargetRow>()).Select(t => new Target(t.Key, t.Values)).ToList();

    internal sealed class TargetRow
    {
        public string Key { get; set; } = "";
        public List<string> Values { get; set; } = [];
    }
}
