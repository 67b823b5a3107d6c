using System.Globalization;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>Rows of the executions list.</summary>
public static class ExecutionRows
{
    /// <summary>Column headers; the live counts come before the times so they stay visible at 80 columns.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["WINDOW", "EXECUTION", "STATUS", "INVOCATIONS", "START", "END"];

    /// <summary>Length of the shortened execution id.</summary>
    public const int ShortIdLength = 8;

    /// <summary>One row per execution, keyed by window execution id, in the given order (newest first).</summary>
    public static TableRows Build(IReadOnlyList<ExecutionItem> executions)
    {
        ArgumentNullException.ThrowIfNull(executions);
        return new TableRows(Headers, [.. executions.Select(Row)]);
    }

    /// <summary>First <see cref="ShortIdLength"/> characters of an execution id.</summary>
    public static string ShortId(string executionId) =>
        executionId.Length <= ShortIdLength ? executionId : executionId[..ShortIdLength];

    /// <summary>
    /// Invocations counted by Run Command status (the window status when it has none), largest count first, then by name:
    /// "InProgress 2 Success 1". "-" when there are none.
    /// </summary>
    public static string StatusCounts(IEnumerable<InvocationItem> invocations)
    {
        var counts = invocations
            .GroupBy(i => string.IsNullOrEmpty(i.StatusDetails) ? i.Status : i.StatusDetails, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key + " " + g.Count().ToString(CultureInfo.InvariantCulture))
            .ToList();
        return counts.Count == 0 ? Format.None : string.Join(" ", counts);
    }

    private static TableRow Row(ExecutionItem e) => new(e.WindowExecutionId,
    [
        string.IsNullOrEmpty(e.WindowName) ? e.WindowId : e.WindowName,
        ShortId(e.WindowExecutionId),
        e.Status,
        StatusCounts(e.Invocations),
        Format.Time(e.StartTime),
        Format.Time(e.EndTime),
    ]);
}
