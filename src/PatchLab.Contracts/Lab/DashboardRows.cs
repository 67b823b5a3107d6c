namespace PatchLab.Contracts.Lab;

/// <summary>One target of a window target or task: a key and its values, as SSM spells them (tag:Env, InstanceIds, WindowTargetIds).</summary>
public sealed class TargetRow
{
    /// <summary>Key: InstanceIds, tag:&lt;key&gt;, tag-key, WindowTargetIds.</summary>
    public string Key { get; set; } = "";
    /// <summary>Values.</summary>
    public List<string> Values { get; set; } = [];
}

/// <summary>A target registered with a window, for the dashboard's preview.</summary>
public sealed class WindowTargetRow
{
    /// <summary>Window target id.</summary>
    public string WindowTargetId { get; set; } = "";
    /// <summary>Name, empty when none.</summary>
    public string Name { get; set; } = "";
    /// <summary>INSTANCE or RESOURCE_GROUP.</summary>
    public string ResourceType { get; set; } = "";
    /// <summary>Targets (AND across keys, OR across values).</summary>
    public List<TargetRow> Targets { get; set; } = [];
}

/// <summary>A task registered with a window, with the instances it would run on now.</summary>
public sealed class WindowTaskRow
{
    /// <summary>Window task id.</summary>
    public string WindowTaskId { get; set; } = "";
    /// <summary>Name, empty when none.</summary>
    public string Name { get; set; } = "";
    /// <summary>Document name for RUN_COMMAND.</summary>
    public string TaskArn { get; set; } = "";
    /// <summary>RUN_COMMAND, AUTOMATION, STEP_FUNCTIONS, LAMBDA.</summary>
    public string TaskType { get; set; } = "";
    /// <summary>Priority (lower runs first).</summary>
    public int Priority { get; set; }
    /// <summary>MaxConcurrency as registered.</summary>
    public string MaxConcurrency { get; set; } = "";
    /// <summary>MaxErrors as registered.</summary>
    public string MaxErrors { get; set; } = "";
    /// <summary>Targets (WindowTargetIds or InstanceIds).</summary>
    public List<TargetRow> Targets { get; set; } = [];
    /// <summary>
    /// The instances the task would run on if the window fired now: its targets resolved against the managed, live
    /// instances and their current tags, by the same rule the execution engine applies when the task starts.
    /// </summary>
    public List<string> InstanceIds { get; set; } = [];
}

/// <summary>One task of a window execution, with its rate controls resolved against its target count.</summary>
public sealed class ExecutionTaskRow
{
    /// <summary>Task execution id.</summary>
    public string TaskExecutionId { get; set; } = "";
    /// <summary>Registered window task id.</summary>
    public string WindowTaskId { get; set; } = "";
    /// <summary>Document name.</summary>
    public string TaskArn { get; set; } = "";
    /// <summary>RUN_COMMAND …</summary>
    public string TaskType { get; set; } = "";
    /// <summary>Status: PENDING, IN_PROGRESS, SUCCESS, FAILED, ...</summary>
    public string Status { get; set; } = "";
    /// <summary>Priority.</summary>
    public int Priority { get; set; }
    /// <summary>MaxConcurrency as registered ("10" or "25%").</summary>
    public string MaxConcurrency { get; set; } = "";
    /// <summary>MaxErrors as registered ("0" or "10%").</summary>
    public string MaxErrors { get; set; } = "";
    /// <summary>Targets resolved when the task started; empty before it starts.</summary>
    public int TargetCount { get; set; }
    /// <summary>Those targets' instance ids, in dispatch order (instances not dispatched yet have no invocation).</summary>
    public List<string> TargetInstanceIds { get; set; } = [];
    /// <summary>MaxConcurrency as a count of targets (percentages round up, at least 1); null when unknown.</summary>
    public int? ConcurrencyLimit { get; set; }
    /// <summary>
    /// How many may be in flight now: the rate-control ramp (1, 3, 7 … as targets acknowledge) capped at
    /// <see cref="ConcurrencyLimit"/>; null when unknown.
    /// </summary>
    public int? RampLimit { get; set; }
    /// <summary>MaxErrors as a count (percentages round down): dispatch stops once errors exceed it; null when unknown.</summary>
    public int? ErrorLimit { get; set; }
    /// <summary>Start.</summary>
    public DateTimeOffset? StartTime { get; set; }
    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; set; }
}
