using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>Rows of the fleet view. Columns that matter most come first so they fit in 80 columns; tags go last.</summary>
public static class FleetRows
{
    /// <summary>Column headers.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["INSTANCE", "NAME", "PING", "INST", "MISS", "FAIL", "REBOOT", "COMPLIANCE", "OS", "TAGS"];

    /// <summary>One row per instance, keyed by instance id, in the given order.</summary>
    public static TableRows Build(IReadOnlyList<InstanceItem> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        return new TableRows(Headers, [.. instances.Select(Row)]);
    }

    /// <summary>Tags as k=v, comma separated, in key order (ordinal).</summary>
    public static string Tags(IEnumerable<KeyValuePair<string, string>> tags) =>
        string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private static TableRow Row(InstanceItem i) => new(i.InstanceId,
    [
        i.InstanceId,
        i.Name,
        Text(i.PingStatus),
        Format.Count(i.Installed),
        Format.Count(i.Missing),
        Format.Count(i.Failed),
        Format.Count(i.PendingReboot),
        Text(i.Compliance),
        Text(i.Os),
        Tags(i.Tags),
    ]);

    private static string Text(string value) => string.IsNullOrEmpty(value) ? Format.None : value;
}
