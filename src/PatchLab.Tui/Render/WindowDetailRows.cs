using System.Globalization;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>The window screen: a two-line summary, then its targets, tasks and executions.</summary>
public static class WindowDetailRows
{
    /// <summary>Target table headers.</summary>
    public static readonly IReadOnlyList<string> TargetHeaders = ["TARGET", "NAME", "TYPE", "TARGETS"];

    /// <summary>Task table headers.</summary>
    public static readonly IReadOnlyList<string> TaskHeaders = ["PRI", "TASK", "TYPE", "CONCURRENCY", "ERRORS", "TARGETS", "NAME", "ID"];

    /// <summary>Execution table headers.</summary>
    public static readonly IReadOnlyList<string> ExecutionHeaders = ["EXECUTION", "STATUS", "START", "END", "DETAILS"];

    /// <summary>Name, id, state and timing; then the schedule in words, as written, and the next run with its countdown.</summary>
    public static IReadOnlyList<StyledLine> Summary(WindowItem window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        string next = window.NextExecution is { } n ? $"next {Format.Time(n)} UTC ({Format.Countdown(n, now)})" : "no next execution";
        return
        [
            StyledLine.Of(
                new TextSpan(window.Name, Tone.Heading),
                new TextSpan($" {window.WindowId} · "),
                new TextSpan(window.Enabled ? "enabled" : "disabled", window.Enabled ? Tone.Good : Tone.Warn),
                new TextSpan(Invariant($" · duration {window.Duration}h · cutoff {window.Cutoff}h · last {Format.Text(window.LastStatus)}"))),
            StyledLine.Of(new TextSpan(WindowRows.Words(window)), new TextSpan($" · {window.Schedule} · "), new TextSpan(next, Tone.Busy)),
        ];
    }

    /// <summary>One row per target, keyed by window target id.</summary>
    public static TableRows Targets(IReadOnlyList<WindowTargetItem> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new TableRows(TargetHeaders, [.. targets.Select(t => new TableRow(t.WindowTargetId,
            [Format.ShortId(t.WindowTargetId), Format.Text(t.Name), Format.Text(t.ResourceType), Format.Targets(t.Targets)]))]);
    }

    /// <summary>One row per task by priority, keyed by window task id; WindowTargetIds read as the targets they name.</summary>
    public static TableRows Tasks(IReadOnlyList<WindowTaskItem> tasks, IReadOnlyList<WindowTargetItem> windowTargets)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(windowTargets);
        return new TableRows(TaskHeaders, [.. tasks.OrderBy(t => t.Priority).Select(t => new TableRow(t.WindowTaskId,
        [
            t.Priority.ToString(CultureInfo.InvariantCulture), Format.Text(t.TaskArn), Format.Text(t.TaskType), Format.Text(t.MaxConcurrency),
            Format.Text(t.MaxErrors), TaskTargets(t, windowTargets), Format.Text(t.Name), Format.ShortId(t.WindowTaskId),
        ]))]);
    }

    /// <summary>One row per execution, keyed by window execution id, in the given order.</summary>
    public static TableRows Executions(IReadOnlyList<WindowExecutionItem> executions)
    {
        ArgumentNullException.ThrowIfNull(executions);
        return new TableRows(ExecutionHeaders, [.. executions.Select(e => new TableRow(e.WindowExecutionId,
            [Format.ShortId(e.WindowExecutionId), Format.Text(e.Status), Format.Time(e.StartTime), Format.Time(e.EndTime), Format.Text(e.StatusDetails)]))]);
    }

    /// <summary>
    /// A task's targets in words: WindowTargetIds are replaced by what those targets select
    /// ("tag:Environment=Production"), unknown ids stay as ids.
    /// </summary>
    public static string TaskTargets(WindowTaskItem task, IReadOnlyList<WindowTargetItem> windowTargets)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(windowTargets);
        var parts = new List<string>();
        foreach (TargetItem target in task.Targets)
        {
            if (target.Key == "WindowTargetIds")
            {
                parts.AddRange(target.Values.Select(id => windowTargets.FirstOrDefault(w => w.WindowTargetId == id) is { } wt
                    ? Format.Targets(wt.Targets)
                    : "WindowTargetIds=" + id));
            }
            else
            {
                parts.Add(Format.Targets([target]));
            }
        }

        return parts.Count == 0 ? Format.None : string.Join(" or ", parts);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
