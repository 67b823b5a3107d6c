namespace PatchLab.Tui.Models;

/// <summary>One task of a window execution, with its rate controls resolved against its targets.</summary>
public sealed record ExecutionTaskItem
{
    /// <summary>Task execution id.</summary>
    public required string TaskExecutionId { get; init; }
    /// <summary>Document name.</summary>
    public string TaskArn { get; init; } = "";
    /// <summary>PENDING, IN_PROGRESS, SUCCESS, FAILED, ...</summary>
    public string Status { get; init; } = "";
    /// <summary>Priority.</summary>
    public int Priority { get; init; }
    /// <summary>MaxConcurrency as registered.</summary>
    public string MaxConcurrency { get; init; } = "";
    /// <summary>MaxErrors as registered.</summary>
    public string MaxErrors { get; init; } = "";
    /// <summary>Targets resolved when the task started, in dispatch order; empty before.</summary>
    public IReadOnlyList<string> TargetInstanceIds { get; init; } = [];
    /// <summary>MaxConcurrency as a count; null when unknown.</summary>
    public int? ConcurrencyLimit { get; init; }
    /// <summary>MaxErrors as a count; null when unknown.</summary>
    public int? ErrorLimit { get; init; }
    /// <summary>The ramp's current limit (1, 3, 7 … up to <see cref="ConcurrencyLimit"/>); null when unknown.</summary>
    public int? RampLimit { get; init; }
}
