using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>
/// Rows of the fleet view. Columns that matter most come first so they fit in 80 columns (identity, ping, the
/// instance's state, patch group, compliance and what is missing); the baseline, OS and tags follow for wider screens.
/// STATE shows a stop or reboot at once, while PING only turns to ConnectionLost once the agent misses its pings.
/// </summary>
public static class FleetRows
{
    /// <summary>The mark shown in the first column of a marked instance.</summary>
    public const string Mark = "●";

    /// <summary>Column headers without the mark column.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["INSTANCE", "NAME", "PING", "STATE", "GROUP", "COMPLIANCE", "MISS", "FAIL", "REBOOT", "INST", "BASELINE", "OS", "TAGS"];

    /// <summary>
    /// One row per instance, keyed by instance id, in the given order. With <paramref name="marks"/>, a first blank-headed
    /// column shows <see cref="Mark"/> on marked instances; without it (read-only) there is no such column.
    /// </summary>
    public static TableRows Build(IReadOnlyList<InstanceItem> instances, IReadOnlySet<string>? marks = null)
    {
        ArgumentNullException.ThrowIfNull(instances);
        IReadOnlyList<string> headers = marks is null ? Headers : ["", .. Headers];
        return new TableRows(headers, [.. instances.Select(i => Row(i, marks))]);
    }

    /// <summary>Tags as k=v, comma separated, in key order (ordinal).</summary>
    public static string Tags(IEnumerable<KeyValuePair<string, string>> tags) =>
        string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    /// <summary>The instance's tags as a dictionary, for <c>tag:</c> filters.</summary>
    public static IReadOnlyDictionary<string, string> TagMap(InstanceItem instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var map = new Dictionary<string, string>(instance.Tags.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> tag in instance.Tags)
        {
            map[tag.Key] = tag.Value;
        }

        return map.AsReadOnly();
    }

    private static TableRow Row(InstanceItem i, IReadOnlySet<string>? marks)
    {
        string[] cells =
        [
            i.InstanceId,
            i.Name,
            Format.Text(i.PingStatus),
            Format.Text(i.State),
            Format.Text(i.PatchGroup),
            Format.Text(i.Compliance),
            Format.Count(i.Missing),
            Format.Count(i.Failed),
            Format.Count(i.PendingReboot),
            Format.Count(i.Installed),
            Format.Baseline(i.BaselineId),
            Format.Text(i.Os),
            Tags(i.Tags),
        ];
        return new TableRow(i.InstanceId, marks is null ? cells : [marks.Contains(i.InstanceId) ? Mark : "", .. cells]) { Tags = TagMap(i) };
    }
}
