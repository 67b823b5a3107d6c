namespace PatchLab.Tui.Models;

/// <summary>A window's targets, tasks and executions, each read with its own Describe call.</summary>
/// <param name="WindowId">Window.</param>
/// <param name="Targets">DescribeMaintenanceWindowTargets.</param>
/// <param name="Tasks">DescribeMaintenanceWindowTasks, by priority.</param>
/// <param name="Executions">DescribeMaintenanceWindowExecutions, newest first.</param>
public sealed record WindowDetail(
    string WindowId, Section<WindowTargetItem> Targets, Section<WindowTaskItem> Tasks, Section<WindowExecutionItem> Executions);
