namespace PatchLab.Tui.Models;

/// <summary>A task registered with a maintenance window.</summary>
public sealed record WindowTaskItem
{
    /// <summary>Window task id.</summary>
    public required string WindowTaskId { get; init; }
    /// <summary>Name, empty when none.</summary>
    public string Name { get; init; } = "";
    /// <summary>Document name (RUN_COMMAND).</summary>
    public string TaskArn { get; init; } = "";
    /// <summary>RUN_COMMAND, AUTOMATION, ...</summary>
    public string TaskType { get; init; } = "";
    /// <summary>Priority, lower first.</summary>
    public int Priority { get; init; }
    /// <summary>MaxConcurrency as registered.</summary>
    public string MaxConcurrency { get; init; } = "";
    /// <summary>MaxErrors as registered.</summary>
    public string MaxErrors { get; init; } = "";
    /// <summary>Targets (WindowTargetIds or InstanceIds).</summary>
    public IReadOnlyList<TargetItem> Targets { get; init; } = [];
    /// <summary>Instances it would run on if the window fired now (resolved by the emulator).</summary>
    public IReadOnlyList<string> InstanceIds { get; init; } = [];
}
