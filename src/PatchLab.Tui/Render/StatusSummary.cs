using System.Globalization;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>The one-line status summary: clock, speed, pause state and fleet connectivity.</summary>
public static class StatusSummary
{
    /// <summary>Clock, speed and pause state: "2026-12-06 02:00:13Z x60" or "2026-12-06 02:00:13Z x60 PAUSED".</summary>
    public static string Clock(ClockState clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        string text = Format.ClockTime(clock.Now) + " " + Format.Speed(clock.Speed);
        return clock.Paused ? text + " PAUSED" : text;
    }

    /// <summary>
    /// Instances by ping status: Online and ConnectionLost always, then any other status present, by name:
    /// "Online 3  ConnectionLost 1  Inactive 2".
    /// </summary>
    public static string Fleet(IReadOnlyList<InstanceItem> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var counts = instances
            .GroupBy(i => string.IsNullOrEmpty(i.PingStatus) ? "Unknown" : i.PingStatus, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        IEnumerable<string> others = counts.Keys
            .Where(k => k is not ("Online" or "ConnectionLost"))
            .Order(StringComparer.Ordinal);
        return string.Join("  ", new[] { "Online", "ConnectionLost" }.Concat(others)
            .Select(k => k + " " + counts.GetValueOrDefault(k).ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The fleet in a few columns, for narrow screens: "2/3 Online".</summary>
    public static string FleetCompact(IReadOnlyList<InstanceItem> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        int online = instances.Count(i => i.PingStatus == "Online");
        return $"{online.ToString(CultureInfo.InvariantCulture)}/{instances.Count.ToString(CultureInfo.InvariantCulture)} Online";
    }

    /// <summary>The whole line: "2026-12-06 02:00:13Z x60 │ Online 3  ConnectionLost 1".</summary>
    public static string Build(DashboardSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Clock(snapshot.Clock) + " │ " + Fleet(snapshot.Instances);
    }
}
