using System.Globalization;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>
/// What a window will do before it fires: per task, the instances its targets resolve to now (by the emulator's own
/// rule), with what each is missing under the baseline of its last scan, and what might stop it from running.
/// </summary>
public static class PreviewRows
{
    /// <summary>Column headers.</summary>
    public static readonly IReadOnlyList<string> Headers = ["INSTANCE", "NAME", "PING", "MISS", "FAIL", "GROUP", "NOTE", "TASK", "BASELINE"];

    /// <summary>One row per task and instance, keyed "task/instance", tasks by priority.</summary>
    public static TableRows Build(WindowItem window, IReadOnlyList<InstanceItem> instances)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(instances);
        var byId = instances.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var rows = new List<TableRow>();
        foreach (WindowTaskItem task in window.Tasks.OrderBy(t => t.Priority))
        {
            foreach (string id in task.InstanceIds)
            {
                InstanceItem instance = byId.GetValueOrDefault(id) ?? new InstanceItem { InstanceId = id };
                rows.Add(new TableRow($"{task.WindowTaskId}/{id}",
                [
                    id, instance.Name, Format.Text(instance.PingStatus), Format.Count(instance.Missing), Format.Count(instance.Failed),
                    Format.Text(instance.PatchGroup), Note(instance), $"{task.Priority.ToString(CultureInfo.InvariantCulture)} {task.TaskArn}",
                    Format.Baseline(instance.BaselineId),
                ]) { Tags = FleetRows.TagMap(instance) });
            }
        }

        return new TableRows(Headers, rows);
    }

    /// <summary>When it fires and how its schedule reads; one line per task (rate controls, targets, how many it hits); a total.</summary>
    public static IReadOnlyList<StyledLine> Summary(WindowItem window, IReadOnlyList<InstanceItem> instances, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(instances);
        var lines = new List<StyledLine>
        {
            StyledLine.Of(
                new TextSpan(window.Name, Tone.Heading),
                new TextSpan(window.NextExecution is { } next ? $" fires {Format.Time(next)} UTC ({Format.Countdown(next, now)})" : " has no next execution",
                    window.NextExecution is null ? Tone.Warn : Tone.Busy),
                new TextSpan(" · " + WindowRows.Words(window))),
        };
        if (window.Tasks.Count == 0)
        {
            lines.Add(StyledLine.Of("No tasks registered: the window would run nothing.", Tone.Warn));
            return lines;
        }

        foreach (WindowTaskItem task in window.Tasks.OrderBy(t => t.Priority))
        {
            int n = task.InstanceIds.Count;
            lines.Add(StyledLine.Of(
                new TextSpan(Invariant($"{task.Priority} {task.TaskArn}"), Tone.Heading),
                new TextSpan($" → {n} instance{(n == 1 ? "" : "s")}", n == 0 ? Tone.Warn : Tone.Normal),
                new TextSpan($" · MaxConcurrency {Format.Text(task.MaxConcurrency)} · MaxErrors {Format.Text(task.MaxErrors)} · "),
                new TextSpan(WindowDetailRows.TaskTargets(task, window.Targets), Tone.Dim)));
        }

        var byId = instances.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var hit = window.Tasks.SelectMany(t => t.InstanceIds).Distinct(StringComparer.Ordinal).Select(id => byId.GetValueOrDefault(id)).ToList();
        int missing = hit.Sum(i => i?.Missing ?? 0);
        int offline = hit.Count(i => i?.PingStatus != "Online");
        int unscanned = hit.Count(i => i?.Missing is null);
        var total = new List<TextSpan>
        {
            new(Invariant($"{hit.Count} instance{(hit.Count == 1 ? "" : "s")} · ")
                + (hit.Count > 0 && unscanned == hit.Count
                    ? "none scanned yet: a Scan shows what they miss"
                    : Invariant($"{missing} missing patch{(missing == 1 ? "" : "es")} by their last scan"))),
        };
        if (offline > 0)
        {
            total.Add(new TextSpan(Invariant($" · {offline} not Online"), Tone.Bad));
        }

        if (unscanned > 0 && unscanned < hit.Count)
        {
            total.Add(new TextSpan(Invariant($" · {unscanned} never scanned"), Tone.Warn));
        }

        lines.Add(new StyledLine(total));
        return lines;
    }

    /// <summary>What may go differently on this instance.</summary>
    public static string Note(InstanceItem instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.PingStatus != "Online" ? $"{Format.Text(instance.PingStatus)}: may not run"
            : instance.Missing is null ? "never scanned"
            : instance.PendingReboot > 0 ? "pending reboot"
            : "";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
