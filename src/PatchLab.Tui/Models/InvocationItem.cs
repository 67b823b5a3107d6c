namespace PatchLab.Tui.Models;

/// <summary>One invocation (one instance) of a window task.</summary>
public sealed record InvocationItem
{
    /// <summary>Instance.</summary>
    public required string InstanceId { get; init; }
    /// <summary>Name tag of the instance.</summary>
    public string InstanceName { get; init; } = "";
    /// <summary>Command id.</summary>
    public string CommandId { get; init; } = "";
    /// <summary>Task execution it belongs to.</summary>
    public string TaskExecutionId { get; init; } = "";
    /// <summary>Window task status: PENDING, IN_PROGRESS, SUCCESS, FAILED, ...</summary>
    public string Status { get; init; } = "";
    /// <summary>Run Command status: Pending, InProgress, Success, Failed, ...</summary>
    public string StatusDetails { get; init; } = "";
    /// <summary>Start.</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; init; }
}
