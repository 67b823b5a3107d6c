namespace PatchLab.Tui.Models;

/// <summary>One maintenance window execution with its invocations.</summary>
public sealed record ExecutionItem
{
    /// <summary>Window execution id.</summary>
    public required string WindowExecutionId { get; init; }
    /// <summary>Window id.</summary>
    public string WindowId { get; init; } = "";
    /// <summary>Window name.</summary>
    public string WindowName { get; init; } = "";
    /// <summary>Status: PENDING, IN_PROGRESS, SUCCESS, FAILED, ...</summary>
    public string Status { get; init; } = "";
    /// <summary>Status details.</summary>
    public string StatusDetails { get; init; } = "";
    /// <summary>Start.</summary>
    public DateTimeOffset StartTime { get; init; }
    /// <summary>End, null while running.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Invocations of all its tasks.</summary>
    public IReadOnlyList<InvocationItem> Invocations { get; init; } = [];
    /// <summary>Its task executions, by priority.</summary>
    public IReadOnlyList<ExecutionTaskItem> Tasks { get; init; } = [];
}
