using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>
/// Rows of the compliance table, one per instance: its patch state as DescribeInstancePatchStates reports it (critical,
/// security and other non-compliant counts, the last operation), or the overview's counts when states cannot be read.
/// </summary>
public static class ComplianceRows
{
    /// <summary>Column headers.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["INSTANCE", "NAME", "GROUP", "COMPLIANCE", "CRIT", "SEC", "OTHER", "MISS", "FAIL", "REBOOT", "OPERATION", "REPORTED", "BASELINE"];

    /// <summary>One row per instance, keyed by instance id, in the fleet's order.</summary>
    public static TableRows Build(IReadOnlyList<InstanceItem> instances, ComplianceData? data)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var states = data is { States.IsAvailable: true }
            ? data.States.Items.GroupBy(s => s.InstanceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            : null;
        return new TableRows(Headers, [.. instances.Select(i => Row(i, states?.GetValueOrDefault(i.InstanceId), states is not null))]);
    }

    private static TableRow Row(InstanceItem i, PatchStateItem? s, bool fromStates)
    {
        string[] cells = s is not null
            ?
            [
                i.InstanceId, i.Name, Format.Text(s.PatchGroup), s.IsCompliant ? "COMPLIANT" : "NON_COMPLIANT", Format.Count(s.CriticalNonCompliant),
                Format.Count(s.SecurityNonCompliant), Format.Count(s.OtherNonCompliant), Format.Count(s.Missing), Format.Count(s.Failed),
                Format.Count(s.InstalledPendingReboot), Format.Text(s.Operation), Format.Time(s.OperationEndTime), Format.Baseline(s.BaselineId),
            ]
            :
            [
                i.InstanceId, i.Name, Format.Text(i.PatchGroup), fromStates ? Format.None : Format.Text(i.Compliance), Format.None, Format.None,
                Format.None, Format.Count(i.Missing), Format.Count(i.Failed), Format.Count(i.PendingReboot), Format.None, Format.None,
                Format.Baseline(i.BaselineId),
            ];
        return new TableRow(i.InstanceId, cells) { Tags = FleetRows.TagMap(i) };
    }
}
