namespace PatchLab.Domain.Model;

/// <summary>A maintenance window as stored.</summary>
public sealed record MaintenanceWindow
{
    /// <summary>mw- + 17 hex.</summary>
    public required string WindowId { get; init; }
    /// <summary>Name.</summary>
    public required string Name { get; init; }
    /// <summary>Description.</summary>
    public string? Description { get; init; }
    /// <summary>cron(...), rate(...) or at(...).</summary>
    public required string Schedule { get; init; }
    /// <summary>IANA zone, null when not given (UTC, omitted on the wire).</summary>
    public string? ScheduleTimezone { get; init; }
    /// <summary>Days after each cron occurrence.</summary>
    public int? ScheduleOffset { get; init; }
    /// <summary>StartDate exactly as sent.</summary>
    public string? StartDate { get; init; }
    /// <summary>EndDate exactly as sent.</summary>
    public string? EndDate { get; init; }
    /// <summary>Hours.</summary>
    public int Duration { get; init; }
    /// <summary>Hours before the end when no new task starts.</summary>
    public int Cutoff { get; init; }
    /// <summary>AllowUnassociatedTargets.</summary>
    public bool AllowUnassociatedTargets { get; init; }
    /// <summary>Enabled.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Idempotency token.</summary>
    public string? ClientToken { get; init; }
    /// <summary>Creation instant (emulator clock).</summary>
    public DateTimeOffset CreatedDate { get; init; }
    /// <summary>Last modification.</summary>
    public DateTimeOffset ModifiedDate { get; init; }
    /// <summary>Next scheduled run, null when none.</summary>
    public DateTimeOffset? NextRun { get; init; }
}

/// <summary>A registered window target.</summary>
public sealed record WindowTarget
{
    /// <summary>UUID.</summary>
    public required string WindowTargetId { get; init; }
    /// <summary>Window.</summary>
    public required string WindowId { get; init; }
    /// <summary>INSTANCE or RESOURCE_GROUP.</summary>
    public required string ResourceType { get; init; }
    /// <summary>Targets.</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [];
    /// <summary>OwnerInformation.</summary>
    public string? OwnerInformation { get; init; }
    /// <summary>Name.</summary>
    public string? Name { get; init; }
    /// <summary>Description.</summary>
    public string? Description { get; init; }
}

/// <summary>A registered window task.</summary>
public sealed record WindowTask
{
    /// <summary>UUID.</summary>
    public required string WindowTaskId { get; init; }
    /// <summary>Window.</summary>
    public required string WindowId { get; init; }
    /// <summary>RUN_COMMAND, AUTOMATION, STEP_FUNCTIONS, LAMBDA.</summary>
    public required string TaskType { get; init; }
    /// <summary>Document name for RUN_COMMAND.</summary>
    public required string TaskArn { get; init; }
    /// <summary>WindowTargetIds or InstanceIds target.</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [];
    /// <summary>Service role.</summary>
    public string? ServiceRoleArn { get; init; }
    /// <summary>TaskParameters (deprecated) as raw JSON, or null.</summary>
    public string? TaskParametersJson { get; init; }
    /// <summary>TaskInvocationParameters as raw JSON, or null.</summary>
    public string? InvocationParametersJson { get; init; }
    /// <summary>Priority (lower first).</summary>
    public int Priority { get; init; }
    /// <summary>MaxConcurrency.</summary>
    public string? MaxConcurrency { get; init; }
    /// <summary>MaxErrors.</summary>
    public string? MaxErrors { get; init; }
    /// <summary>LoggingInfo as raw JSON.</summary>
    public string? LoggingInfoJson { get; init; }
    /// <summary>Name.</summary>
    public string? Name { get; init; }
    /// <summary>Description.</summary>
    public string? Description { get; init; }
    /// <summary>CONTINUE_TASK or CANCEL_TASK.</summary>
    public string CutoffBehavior { get; init; } = "CONTINUE_TASK";
    /// <summary>AlarmConfiguration as raw JSON, or null (stored and echoed; no alarm is polled).</summary>
    public string? AlarmConfigurationJson { get; init; }
}
