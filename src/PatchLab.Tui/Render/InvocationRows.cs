using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>Rows of the per-instance invocations of one execution.</summary>
public static class InvocationRows
{
    /// <summary>Column headers. STATUS is the window task status, DETAILS the Run Command status; DURATION grows live.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["INSTANCE", "NAME", "STATUS", "DETAILS", "DURATION", "START", "END"];

    /// <summary>One row per invocation of <paramref name="execution"/>, keyed by instance and command; none for null.</summary>
    /// <param name="execution">The selected execution, or null.</param>
    /// <param name="now">Emulator time: a running invocation's duration is measured up to it.</param>
    public static TableRows Build(ExecutionItem? execution, DateTimeOffset now) =>
        new(Headers, execution is null ? [] : [.. execution.Invocations.Select(i => Row(i, now))]);

    /// <summary>End (or <paramref name="now"/> while running) minus start; "-" before it starts.</summary>
    public static string Duration(InvocationItem invocation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.StartTime is { } start ? Format.Duration((invocation.EndTime ?? now) - start) : Format.None;
    }

    private static TableRow Row(InvocationItem i, DateTimeOffset now) => new($"{i.InstanceId}/{i.CommandId}",
    [
        i.InstanceId,
        i.InstanceName,
        i.Status,
        string.IsNullOrEmpty(i.StatusDetails) ? Format.None : i.StatusDetails,
        Duration(i, now),
        Format.Time(i.StartTime),
        Format.Time(i.EndTime),
    ]);
}
