namespace PatchLab.Tui.Models;

/// <summary>One Run Command invocation on an instance (ListCommandInvocations with details).</summary>
public sealed record CommandInvocationItem
{
    /// <summary>Command id.</summary>
    public required string CommandId { get; init; }
    /// <summary>Instance.</summary>
    public string InstanceId { get; init; } = "";
    /// <summary>Document name.</summary>
    public string DocumentName { get; init; } = "";
    /// <summary>Comment.</summary>
    public string Comment { get; init; } = "";
    /// <summary>When the command was sent.</summary>
    public DateTimeOffset? Requested { get; init; }
    /// <summary>Coarse status: Pending, InProgress, Success, Failed, TimedOut, Cancelled.</summary>
    public string Status { get; init; } = "";
    /// <summary>Detailed status.</summary>
    public string StatusDetails { get; init; } = "";
    /// <summary>Its plugins and their output.</summary>
    public IReadOnlyList<PluginOutputItem> Plugins { get; init; } = [];
}
