using Amazon.SimpleSystemsManagement.Model;

namespace PatchLab.Tui.Render;

/// <summary>Rows of the Commands page (ListCommands) and of one command's invocations (ListCommandInvocations with Details).</summary>
public static class CommandRows
{
    /// <summary>Column headers of the commands table.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["COMMAND", "DOCUMENT", "REQUESTED", "STATUS", "TARGETS", "DONE", "ERRORS", "COMMENT"];

    /// <summary>Column headers of the invocations table.</summary>
    public static readonly IReadOnlyList<string> InvocationHeaders = ["INSTANCE", "STATUS", "DETAILS", "PLUGINS", "OUTPUT"];

    /// <summary>One row per command, keyed by command id, in the given order (newest first).</summary>
    public static TableRows Build(IReadOnlyList<Command> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return new TableRows(Headers, [.. commands.Select(c => new TableRow(c.CommandId ?? "",
        [
            Format.ShortId(c.CommandId), Format.Text(c.DocumentName), Format.Time(Format.Utc(c.RequestedDateTime)), Format.Text(c.Status?.Value),
            Format.Count(c.TargetCount), Format.Count(c.CompletedCount), Format.Count(c.ErrorCount), Format.Text(c.Comment),
        ]))]);
    }

    /// <summary>One row per instance, keyed by instance id: status, each plugin's status, the first line of output.</summary>
    public static TableRows Invocations(IReadOnlyList<CommandInvocation> invocations)
    {
        ArgumentNullException.ThrowIfNull(invocations);
        return new TableRows(InvocationHeaders, [.. invocations.Select(i => new TableRow(i.InstanceId ?? "",
        [
            Format.Text(i.InstanceId), Format.Text(i.Status?.Value), Format.Text(i.StatusDetails),
            Format.Text(string.Join(" ", (i.CommandPlugins ?? []).Select(p => $"{p.Name}:{p.Status?.Value}"))),
            Format.Text(Format.FirstLine((i.CommandPlugins ?? []).Select(p => p.Output?.Trim()).LastOrDefault(o => !string.IsNullOrEmpty(o)))),
        ]))]);
    }

    /// <summary>The command's summary line: document, targets, rollout limits, counts.</summary>
    public static string Summary(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        string targets = command.InstanceIds is { Count: > 0 } ids
            ? "InstanceIds=" + string.Join(",", ids)
            : Format.Targets((command.Targets ?? []).Select(t => new Models.TargetItem(t.Key ?? "", t.Values ?? [])));
        return $"{command.DocumentName} · {command.Status?.Value} · targets {targets} · MaxConcurrency {Format.Text(command.MaxConcurrency)} · "
            + $"MaxErrors {Format.Text(command.MaxErrors)} · {Format.Count(command.CompletedCount)}/{Format.Count(command.TargetCount)} done, "
            + $"{Format.Count(command.ErrorCount)} errors";
    }
}
