namespace PatchLab.Domain.Model;

/// <summary>One run of a maintenance window.</summary>
public sealed record WindowExecution
{
    /// <summary>UUID.</summary>
    public required string WindowExecutionId { get; init; }
    /// <summary>Window.</summary>
    public required string WindowId { get; init; }
    /// <summary>PENDING, IN_PROGRESS, SUCCESS, FAILED, TIMED_OUT, CANCELLING, CANCELLED, SKIPPED_OVERLAPPING.</summary>
    public required string Status { get; init; }
    /// <summary>Free text ≤ 250.</summary>
    public string? StatusDetails { get; init; }
    /// <summary>The scheduled instant that caused it.</summary>
    public DateTimeOffset? ScheduledTime { get; init; }
    /// <summary>Start.</summary>
    public DateTimeOffset StartTime { get; init; }
    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; init; }
}

/// <summary>One task of a window execution.</summary>
public sealed record TaskExecution
{
    /// <summary>UUID.</summary>
    public required string TaskExecutionId { get; init; }
    /// <summary>Window execution.</summary>
    public required string WindowExecutionId { get; init; }
    /// <summary>Registered task.</summary>
    public required string WindowTaskId { get; init; }
    /// <summary>Document name.</summary>
    public required string TaskArn { get; init; }
    /// <summary>RUN_COMMAND …</summary>
    public required string TaskType { get; init; }
    /// <summary>Status.</summary>
    public required string Status { get; init; }
    /// <summary>Details.</summary>
    public string? StatusDetails { get; init; }
    /// <summary>Start.</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Priority.</summary>
    public int Priority { get; init; }
    /// <summary>MaxConcurrency.</summary>
    public string? MaxConcurrency { get; init; }
    /// <summary>MaxErrors.</summary>
    public string? MaxErrors { get; init; }
    /// <summary>Service role.</summary>
    public string? ServiceRole { get; init; }
    /// <summary>Parameters as the task ran them (JSON object name → [values]).</summary>
    public string? TaskParametersJson { get; init; }
    /// <summary>Targets resolved when the task started (JSON list), null before.</summary>
    public string? ResolvedTargetsJson { get; init; }
}

/// <summary>One invocation (one target) of a task execution.</summary>
public sealed record TaskInvocation
{
    /// <summary>UUID.</summary>
    public required string InvocationId { get; init; }
    /// <summary>Window execution.</summary>
    public required string WindowExecutionId { get; init; }
    /// <summary>Task execution.</summary>
    public required string TaskExecutionId { get; init; }
    /// <summary>Run Command command id.</summary>
    public string? ExecutionId { get; init; }
    /// <summary>RUN_COMMAND …</summary>
    public required string TaskType { get; init; }
    /// <summary>Parameters JSON string as AWS shows it.</summary>
    public string? Parameters { get; init; }
    /// <summary>Window status.</summary>
    public required string Status { get; init; }
    /// <summary>Run Command StatusDetails.</summary>
    public string? StatusDetails { get; init; }
    /// <summary>Start.</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Target's OwnerInformation.</summary>
    public string? OwnerInformation { get; init; }
    /// <summary>Window target that resolved to this instance.</summary>
    public string? WindowTargetId { get; init; }
    /// <summary>Instance.</summary>
    public required string InstanceId { get; init; }
}
