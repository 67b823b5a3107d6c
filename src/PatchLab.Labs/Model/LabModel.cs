using PatchLab.Contracts.Lab;

namespace PatchLab.Labs.Model;

/// <summary>A whole lab scenario, as loaded and validated from a lab file (see docs/labs.md).</summary>
public sealed record Lab
{
    /// <summary>Lab name (the report title).</summary>
    public required string Name { get; init; }
    /// <summary>Free text.</summary>
    public string? Description { get; init; }
    /// <summary>The path it was loaded from.</summary>
    public required string SourceFile { get; init; }
    /// <summary>Clock start, speed and fast-forward.</summary>
    public required LabClock Clock { get; init; }
    /// <summary>The emulator instant a headless run ends at (the last objective deadline when the file gives none).</summary>
    public required DateTimeOffset Until { get; init; }
    /// <summary>Instance groups to launch.</summary>
    public IReadOnlyList<FleetGroup> Fleet { get; init; } = [];
    /// <summary>Custom patch baselines.</summary>
    public IReadOnlyList<LabBaseline> Baselines { get; init; } = [];
    /// <summary>Maintenance windows with their targets and tasks.</summary>
    public IReadOnlyList<LabWindow> Windows { get; init; } = [];
    /// <summary>Faults to inject (sent as is to the emulator's fault API).</summary>
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];
    /// <summary>Checks evaluated during and at the end of a headless run.</summary>
    public IReadOnlyList<Objective> Objectives { get; init; } = [];

    /// <summary>The Name tag of every instance the fleet launches (prefix-1 … prefix-N).</summary>
    public IEnumerable<string> InstanceNames => Fleet.SelectMany(g => Enumerable.Range(1, g.Count).Select(i => $"{g.Name}-{i}"));
}

/// <summary>The lab clock.</summary>
/// <param name="Start">Emulator time when the lab starts.</param>
/// <param name="Speed">Emulator seconds per real second.</param>
/// <param name="FastForward">Headless runs jump the clock to the next thing that happens when nothing is in flight.</param>
public sealed record LabClock(DateTimeOffset Start, double Speed, bool FastForward);

/// <summary>A group of identical instances.</summary>
/// <param name="Name">Name prefix: instances are named Name-1 … Name-Count.</param>
/// <param name="Count">How many (1-20).</param>
/// <param name="Os">OS flavour (e.g. AmazonLinux2).</param>
/// <param name="AgeDays">How far behind the catalog they start.</param>
/// <param name="Tags">Tags, including "Patch Group" when given.</param>
public sealed record FleetGroup(string Name, int Count, string Os, int AgeDays, IReadOnlyDictionary<string, string> Tags);

/// <summary>An approval rule of a lab baseline.</summary>
/// <param name="Filters">PatchFilter key → values.</param>
/// <param name="ComplianceLevel">CRITICAL … UNSPECIFIED.</param>
/// <param name="ApproveAfterDays">Days after release, or null.</param>
/// <param name="ApproveUntilDate">yyyy-MM-dd, or null.</param>
/// <param name="EnableNonSecurity">Also approve non-security updates.</param>
public sealed record LabRule(IReadOnlyDictionary<string, IReadOnlyList<string>> Filters, string ComplianceLevel, int? ApproveAfterDays, string? ApproveUntilDate,
    bool EnableNonSecurity);

/// <summary>A custom patch baseline (CreatePatchBaseline fields) with its registrations.</summary>
public sealed record LabBaseline
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }
    /// <summary>OperatingSystem (AMAZON_LINUX_2, …).</summary>
    public required string OperatingSystem { get; init; }
    /// <summary>Description.</summary>
    public string? Description { get; init; }
    /// <summary>Global filters.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> GlobalFilters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Approval rules.</summary>
    public IReadOnlyList<LabRule> ApprovalRules { get; init; } = [];
    /// <summary>ApprovedPatches.</summary>
    public IReadOnlyList<string> ApprovedPatches { get; init; } = [];
    /// <summary>ApprovedPatchesComplianceLevel.</summary>
    public string ApprovedPatchesComplianceLevel { get; init; } = "UNSPECIFIED";
    /// <summary>ApprovedPatchesEnableNonSecurity.</summary>
    public bool ApprovedPatchesEnableNonSecurity { get; init; }
    /// <summary>RejectedPatches.</summary>
    public IReadOnlyList<string> RejectedPatches { get; init; } = [];
    /// <summary>RejectedPatchesAction: ALLOW_AS_DEPENDENCY or BLOCK.</summary>
    public string RejectedPatchesAction { get; init; } = "ALLOW_AS_DEPENDENCY";
    /// <summary>Register as the default baseline for its OS.</summary>
    public bool Default { get; init; }
    /// <summary>Patch groups to register it for.</summary>
    public IReadOnlyList<string> PatchGroups { get; init; } = [];
}

/// <summary>A maintenance window (CreateMaintenanceWindow fields) with its targets and tasks.</summary>
public sealed record LabWindow
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }
    /// <summary>Description.</summary>
    public string? Description { get; init; }
    /// <summary>cron(...), rate(...) or at(...).</summary>
    public required string Schedule { get; init; }
    /// <summary>ScheduleTimezone.</summary>
    public string? ScheduleTimezone { get; init; }
    /// <summary>ScheduleOffset.</summary>
    public int? ScheduleOffset { get; init; }
    /// <summary>Duration in hours.</summary>
    public required int Duration { get; init; }
    /// <summary>Cutoff in hours.</summary>
    public required int Cutoff { get; init; }
    /// <summary>AllowUnassociatedTargets.</summary>
    public bool AllowUnassociatedTargets { get; init; }
    /// <summary>StartDate, as written.</summary>
    public string? StartDate { get; init; }
    /// <summary>EndDate, as written.</summary>
    public string? EndDate { get; init; }
    /// <summary>Enabled (a disabled window is created, then disabled).</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Window targets.</summary>
    public IReadOnlyList<LabTarget> Targets { get; init; } = [];
    /// <summary>Window tasks.</summary>
    public IReadOnlyList<LabTask> Tasks { get; init; } = [];
}

/// <summary>A window target: instances by tag, by tag key, or by Name.</summary>
/// <param name="Name">Target name, referenced by tasks.</param>
/// <param name="Tags">tag:Key → values (all must match).</param>
/// <param name="TagKeys">tag-key values.</param>
/// <param name="Instances">Instance Name tags (resolved to ids once launched).</param>
public sealed record LabTarget(string Name, IReadOnlyDictionary<string, IReadOnlyList<string>> Tags, IReadOnlyList<string> TagKeys, IReadOnlyList<string> Instances);

/// <summary>A RUN_COMMAND window task.</summary>
public sealed record LabTask
{
    /// <summary>Task name.</summary>
    public required string Name { get; init; }
    /// <summary>AWS-RunPatchBaseline or AWS-RunShellScript.</summary>
    public required string Document { get; init; }
    /// <summary>Window target names.</summary>
    public required IReadOnlyList<string> Targets { get; init; }
    /// <summary>Priority (0 first).</summary>
    public int Priority { get; init; } = 1;
    /// <summary>MaxConcurrency.</summary>
    public string MaxConcurrency { get; init; } = "1";
    /// <summary>MaxErrors.</summary>
    public string MaxErrors { get; init; } = "1";
    /// <summary>CONTINUE_TASK or CANCEL_TASK.</summary>
    public string CutoffBehavior { get; init; } = "CONTINUE_TASK";
    /// <summary>Run Command TimeoutSeconds, or null.</summary>
    public int? TimeoutSeconds { get; init; }
    /// <summary>Document parameters.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
