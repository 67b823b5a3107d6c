using System.Collections.Immutable;
using PatchLab.Contracts.Lab;

namespace PatchLab.Tui.Models;

/// <summary>Everything the dashboard shows, as of one poll. Immutable: views may keep it across threads.</summary>
public sealed record DashboardSnapshot
{
    /// <summary>The lab clock.</summary>
    public required ClockState Clock { get; init; }
    /// <summary>Instances, in emulator order.</summary>
    public IReadOnlyList<InstanceItem> Instances { get; init; } = [];
    /// <summary>Maintenance windows, in emulator order.</summary>
    public IReadOnlyList<WindowItem> Windows { get; init; } = [];
    /// <summary>Recent window executions, newest first.</summary>
    public IReadOnlyList<ExecutionItem> Executions { get; init; } = [];
    /// <summary>Recent events, newest last.</summary>
    public IReadOnlyList<EventItem> Events { get; init; } = [];
    /// <summary>In-flight invocations per task execution at each poll, newest last (see <see cref="RampHistory"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> Ramp { get; init; } = ImmutableDictionary<string, IReadOnlyList<int>>.Empty;

    /// <summary>Copies a wire overview into an immutable snapshot; null lists (a JSON null) read as empty.</summary>
    public static DashboardSnapshot FromOverview(OverviewDto overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ClockDto clock = overview.Clock ?? new ClockDto();
        return new DashboardSnapshot
        {
            Clock = new ClockState(clock.Now, clock.Speed, clock.Paused),
            Instances = (overview.Instances ?? []).Select(ToItem).ToImmutableArray(),
            Windows = (overview.Windows ?? []).Select(ToItem).ToImmutableArray(),
            Executions = (overview.Executions ?? []).Select(ToItem).ToImmutableArray(),
            Events = (overview.Events ?? []).Select(e => new EventItem(e.Time, e.Kind ?? "", e.Message ?? "")).ToImmutableArray(),
        };
    }

    private static InstanceItem ToItem(InstanceRow row) => new()
    {
        InstanceId = row.InstanceId ?? "",
        Name = row.Name ?? "",
        Os = row.Os ?? "",
        Tags = (row.Tags ?? []).OrderBy(t => t.Key, StringComparer.Ordinal).ToImmutableArray(),
        PingStatus = row.PingStatus ?? "",
        State = row.State ?? "",
        PatchGroup = row.PatchGroup ?? "",
        BaselineId = row.BaselineId ?? "",
        Installed = row.Installed,
        Missing = row.Missing,
        Failed = row.Failed,
        PendingReboot = row.PendingReboot,
        Compliance = row.Compliance ?? "",
    };

    private static WindowItem ToItem(WindowRow row) => new()
    {
        WindowId = row.WindowId ?? "",
        Name = row.Name ?? "",
        Schedule = row.Schedule ?? "",
        ScheduleDescription = row.ScheduleDescription ?? "",
        ScheduleTimezone = row.ScheduleTimezone ?? "",
        NextExecution = row.NextExecution,
        Enabled = row.Enabled,
        LastStatus = row.LastStatus ?? "",
        Duration = row.Duration,
        Cutoff = row.Cutoff,
        Targets = (row.Targets ?? []).Select(t => new WindowTargetItem
        {
            WindowTargetId = t.WindowTargetId ?? "",
            Name = t.Name ?? "",
            ResourceType = t.ResourceType ?? "",
            Targets = ToItems(t.Targets),
        }).ToImmutableArray(),
        Tasks = (row.Tasks ?? []).Select(t => new WindowTaskItem
        {
            WindowTaskId = t.WindowTaskId ?? "",
            Name = t.Name ?? "",
            TaskArn = t.TaskArn ?? "",
            TaskType = t.TaskType ?? "",
            Priority = t.Priority,
            MaxConcurrency = t.MaxConcurrency ?? "",
            MaxErrors = t.MaxErrors ?? "",
            Targets = ToItems(t.Targets),
            InstanceIds = (t.InstanceIds ?? []).ToImmutableArray(),
        }).ToImmutableArray(),
    };

    private static ImmutableArray<TargetItem> ToItems(List<TargetRow>? targets) =>
        (targets ?? []).Select(t => new TargetItem(t.Key ?? "", (t.Values ?? []).ToImmutableArray())).ToImmutableArray();

    private static ExecutionItem ToItem(ExecutionRow row) => new()
    {
        WindowExecutionId = row.WindowExecutionId ?? "",
        WindowId = row.WindowId ?? "",
        WindowName = row.WindowName ?? "",
        Status = row.Status ?? "",
        StatusDetails = row.StatusDetails ?? "",
        StartTime = row.StartTime,
        EndTime = row.EndTime,
        Invocations = (row.Invocations ?? []).Select(ToItem).ToImmutableArray(),
        Tasks = (row.Tasks ?? []).Select(t => new ExecutionTaskItem
        {
            TaskExecutionId = t.TaskExecutionId ?? "",
            TaskArn = t.TaskArn ?? "",
            Status = t.Status ?? "",
            Priority = t.Priority,
            MaxConcurrency = t.MaxConcurrency ?? "",
            MaxErrors = t.MaxErrors ?? "",
            TargetInstanceIds = (t.TargetInstanceIds ?? []).ToImmutableArray(),
            ConcurrencyLimit = t.ConcurrencyLimit,
            ErrorLimit = t.ErrorLimit,
            RampLimit = t.RampLimit,
        }).ToImmutableArray(),
    };

    private static InvocationItem ToItem(InvocationRow row) => new()
    {
        InstanceId = row.InstanceId ?? "",
        InstanceName = row.InstanceName ?? "",
        CommandId = row.CommandId ?? "",
        TaskExecutionId = row.TaskExecutionId ?? "",
        Status = row.Status ?? "",
        StatusDetails = row.StatusDetails ?? "",
        StartTime = row.StartTime,
        EndTime = row.EndTime,
    };
}
