using System.Globalization;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>
/// The live progress of one window execution: counts by status, one bar per task with the MaxConcurrency ramp as it
/// happens (in flight against the ramp's current limit, MaxConcurrency and MaxErrors as counts, a sparkline of the
/// in-flight count poll after poll), then a grid with one cell per target instance.
/// </summary>
public static class ExecutionProgress
{
    /// <summary>Width of a task's bar.</summary>
    public const int BarWidth = 20;

    private const int MaxLabel = 12;

    private enum Cell
    {
        Waiting,
        Pending,
        Running,
        Success,
        Failed,
        TimedOut,
        Cancelled,
        Skipped,
    }

    /// <summary>The panel's lines, at most <paramref name="maxLines"/>, each cut to <paramref name="width"/>.</summary>
    /// <param name="execution">The selected execution, or null.</param>
    /// <param name="ramp">In-flight samples per task execution (<see cref="DashboardSnapshot.Ramp"/>).</param>
    /// <param name="names">Instance names by id, for the cells of instances not dispatched yet.</param>
    /// <param name="width">Columns.</param>
    /// <param name="maxLines">Lines.</param>
    public static IReadOnlyList<StyledLine> Build(ExecutionItem? execution, IReadOnlyDictionary<string, IReadOnlyList<int>> ramp,
        IReadOnlyDictionary<string, string> names, int width, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(ramp);
        ArgumentNullException.ThrowIfNull(names);
        if (maxLines <= 0 || width <= 0)
        {
            return [];
        }

        if (execution is null)
        {
            return [StyledLine.Of("Select an execution to see its progress.", Tone.Dim)];
        }

        List<(string Id, Cell State)> cells = Cells(execution);
        var lines = new List<StyledLine> { Counts(execution, cells) };
        var taskLines = new List<(StyledLine Bar, StyledLine Ramp)>();
        foreach (ExecutionTaskItem task in execution.Tasks.OrderBy(t => t.Priority))
        {
            taskLines.Add(Task(execution, task, ramp.GetValueOrDefault(task.TaskExecutionId) ?? []));
        }

        // Bars first, then the ramps, then the grid, as room allows.
        int room = maxLines - lines.Count;
        bool ramps = room >= taskLines.Count * 2;
        foreach ((StyledLine bar, StyledLine rampLine) in taskLines.Take(Math.Max(0, room)))
        {
            if (ramps && bar.Text.Length + 3 + rampLine.Text.Length <= width)
            {
                lines.Add(new StyledLine([.. bar.Spans, new TextSpan(" · "), .. rampLine.Spans]));
            }
            else
            {
                lines.Add(bar);
                if (ramps)
                {
                    lines.Add(new StyledLine([new TextSpan("  "), .. rampLine.Spans]));
                }
            }
        }

        lines.AddRange(Grid(cells, names, execution, width, maxLines - lines.Count));
        return [.. lines.Take(maxLines).Select(l => l.Truncate(width))];
    }

    private static List<(string Id, Cell State)> Cells(ExecutionItem execution)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in execution.Tasks.OrderBy(t => t.Priority).SelectMany(t => t.TargetInstanceIds).Concat(execution.Invocations.Select(i => i.InstanceId)))
        {
            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        return [.. ids.Select(id => (id, StateOf(execution, id)))];
    }

    private static Cell StateOf(ExecutionItem execution, string instanceId)
    {
        var invocations = execution.Invocations.Where(i => i.InstanceId == instanceId).ToList();
        if (invocations.Any(i => i.Status is "IN_PROGRESS" or "CANCELLING"))
        {
            return Cell.Running;
        }

        if (invocations.Any(i => i.Status == "PENDING"))
        {
            return Cell.Pending;
        }

        // A task that targets the instance and has not dispatched to it yet: still waiting, unless the task is over.
        var undispatched = execution.Tasks
            .Where(t => t.TargetInstanceIds.Contains(instanceId) && !invocations.Any(i => i.TaskExecutionId == t.TaskExecutionId))
            .ToList();
        if (undispatched.Any(t => !InvocationStates.IsTerminalWindowStatus(t.Status)))
        {
            return Cell.Waiting;
        }

        return invocations.Any(i => i.Status == "FAILED") ? Cell.Failed
            : invocations.Any(i => i.Status == "TIMED_OUT") ? Cell.TimedOut
            : invocations.Any(i => i.Status is "CANCELLED" or "SKIPPED_OVERLAPPING") ? Cell.Cancelled
            : undispatched.Count > 0 || invocations.Count == 0 ? Cell.Skipped
            : Cell.Success;
    }

    private static StyledLine Counts(ExecutionItem execution, List<(string Id, Cell State)> cells)
    {
        if (cells.Count == 0)
        {
            string why = string.IsNullOrEmpty(execution.StatusDetails) ? "no targets resolved yet" : execution.StatusDetails;
            return StyledLine.Of(new TextSpan(execution.Status + " ", Tones.Of(execution.Status)), new TextSpan(why, Tone.Dim));
        }

        var spans = new List<TextSpan>
        {
            new(execution.Status, Tones.Of(execution.Status)),
            new(" " + cells.Count.ToString(CultureInfo.InvariantCulture) + (cells.Count == 1 ? " instance:" : " instances:")),
        };
        foreach (Cell state in Enum.GetValues<Cell>())
        {
            int n = cells.Count(c => c.State == state);
            if (n > 0)
            {
                spans.Add(new TextSpan($"  {Glyph(state)} {n.ToString(CultureInfo.InvariantCulture)} {Label(state)}", ToneOf(state)));
            }
        }

        return new StyledLine(spans);
    }

    private static (StyledLine Bar, StyledLine Ramp) Task(ExecutionItem execution, ExecutionTaskItem task, IReadOnlyList<int> samples)
    {
        var invocations = execution.Invocations.Where(i => i.TaskExecutionId == task.TaskExecutionId).ToList();
        int total = Math.Max(task.TargetInstanceIds.Count, invocations.Count);
        int success = invocations.Count(i => i.Status == "SUCCESS");
        int failed = invocations.Count(i => i.Status is "FAILED" or "TIMED_OUT");
        int other = invocations.Count(i => i.Status is "CANCELLED" or "SKIPPED_OVERLAPPING");
        int inFlight = invocations.Count(InvocationStates.IsInFlight);
        int errors = invocations.Count(InvocationStates.IsError);
        var bar = new List<TextSpan> { new($"{task.TaskArn} ", Tones.Of(task.Status)) };
        bar.AddRange(Bars.Segmented(
            [(success, '█', Tone.Good), (failed, '▓', Tone.Bad), (other, '▚', Tone.Warn), (inFlight, '▒', Tone.Busy)], BarWidth, scale: total));
        bar.Add(new TextSpan($" {success + failed + other}/{total} done"));

        string limit = task.RampLimit is { } r ? r.ToString(CultureInfo.InvariantCulture) : "?";
        var rampSpans = new List<TextSpan>
        {
            new($"in flight {inFlight}/{limit}", inFlight > 0 ? Tone.Busy : Tone.Normal),
            new($" (MaxConcurrency {Format.Text(task.MaxConcurrency)}{Counted(task.MaxConcurrency, task.ConcurrencyLimit)})"),
            new($" errors {errors}/{(task.ErrorLimit is { } e ? e.ToString(CultureInfo.InvariantCulture) : "?")}", errors > 0 ? Tone.Bad : Tone.Normal),
        };
        if (samples.Count > 0)
        {
            rampSpans.Add(new TextSpan(" " + Bars.Sparkline(samples, task.ConcurrencyLimit ?? 0), Tone.Busy));
        }

        return (new StyledLine(bar), new StyledLine(rampSpans));
    }

    // "25%" of 8 targets reads "25%=2"; a plain count needs no translation.
    private static string Counted(string registered, int? count) =>
        count is { } c && registered.EndsWith('%') ? "=" + c.ToString(CultureInfo.InvariantCulture) : "";

    private static IEnumerable<StyledLine> Grid(List<(string Id, Cell State)> cells, IReadOnlyDictionary<string, string> names, ExecutionItem execution,
        int width, int lines)
    {
        if (lines <= 0 || cells.Count == 0)
        {
            yield break;
        }

        var labels = execution.Invocations.Where(i => i.InstanceName.Length > 0).GroupBy(i => i.InstanceId).ToDictionary(g => g.Key, g => g.First().InstanceName);
        string LabelOf(string id) =>
            labels.TryGetValue(id, out string? label) ? label : names.TryGetValue(id, out string? name) && name.Length > 0 ? name : id;

        // Named cells when they fit, else one glyph per instance.
        int labelWidth = Math.Min(MaxLabel, cells.Max(c => LabelOf(c.Id).Length));
        int cellWidth = labelWidth + 3; // glyph, blank, label, gap
        int perLine = Math.Max(1, (width + 1) / cellWidth);
        bool named = (cells.Count + perLine - 1) / perLine <= lines;
        if (!named)
        {
            perLine = Math.Max(1, width);
        }

        int capacity = perLine * lines;
        string more = $" +{cells.Count.ToString(CultureInfo.InvariantCulture)} more"; // room for the longest "+N more"
        int shown = cells.Count <= capacity ? cells.Count : Math.Max(0, capacity - (named ? (more.Length + cellWidth - 1) / cellWidth : more.Length));
        for (int start = 0; start < shown; start += perLine)
        {
            var spans = new List<TextSpan>();
            foreach ((string id, Cell state) in cells.Skip(start).Take(Math.Min(perLine, shown - start)))
            {
                string text = named ? $"{Glyph(state)} {Fit(LabelOf(id), labelWidth)} " : Glyph(state).ToString();
                spans.Add(new TextSpan(text, ToneOf(state)));
            }

            if (start + perLine >= shown && shown < cells.Count)
            {
                spans.Add(new TextSpan($" +{(cells.Count - shown).ToString(CultureInfo.InvariantCulture)} more", Tone.Dim));
            }

            yield return new StyledLine(spans);
        }

        if (shown == 0)
        {
            yield return StyledLine.Of($"+{cells.Count.ToString(CultureInfo.InvariantCulture)} instances", Tone.Dim);
        }
    }

    private static string Fit(string text, int width) => text.Length > width ? text[..(width - 1)] + "…" : text.PadRight(width);

    private static char Glyph(Cell state) => state switch
    {
        Cell.Waiting => '·',
        Cell.Pending => '○',
        Cell.Running => '▶',
        Cell.Success => '✓',
        Cell.Failed => '✗',
        Cell.TimedOut => '!',
        Cell.Cancelled => '⊘',
        _ => '-',
    };

    private static string Label(Cell state) => state switch
    {
        Cell.Waiting => "waiting",
        Cell.Pending => "pending",
        Cell.Running => "running",
        Cell.Success => "success",
        Cell.Failed => "failed",
        Cell.TimedOut => "timed out",
        Cell.Cancelled => "cancelled",
        _ => "not run",
    };

    private static Tone ToneOf(Cell state) => state switch
    {
        Cell.Waiting or Cell.Skipped => Tone.Dim,
        Cell.Pending or Cell.Running => Tone.Busy,
        Cell.Success => Tone.Good,
        Cell.Failed or Cell.TimedOut => Tone.Bad,
        _ => Tone.Warn,
    };
}
