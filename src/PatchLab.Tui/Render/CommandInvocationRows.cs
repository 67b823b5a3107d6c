using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>Rows of an instance's recent Run Command invocations.</summary>
public static class CommandInvocationRows
{
    /// <summary>Column headers.</summary>
    public static readonly IReadOnlyList<string> Headers = ["COMMAND", "DOCUMENT", "STATUS", "DETAILS", "REQUESTED", "COMMENT"];

    /// <summary>One row per invocation, keyed by command id, in the given order (newest first).</summary>
    public static TableRows Build(IReadOnlyList<CommandInvocationItem> invocations)
    {
        ArgumentNullException.ThrowIfNull(invocations);
        return new TableRows(Headers, [.. invocations.Select(i => new TableRow(i.CommandId,
        [
            Format.ShortId(i.CommandId), Format.Text(i.DocumentName), Format.Text(i.Status), Format.Text(i.StatusDetails),
            Format.Time(i.Requested), Format.Text(i.Comment),
        ]))]);
    }
}
