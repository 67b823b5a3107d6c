namespace PatchLab.Tui.Models;

/// <summary>One execution of a window as DescribeMaintenanceWindowExecutions reports it.</summary>
public sealed record WindowExecutionItem
{
    /// <summary>Window execution id.</summary>
    public required string WindowExecutionId { get; init; }
    /// <summary>Status.</summary>
    public string Status { get; init; } = "";
    /// <summary>Status details.</summary>
    public string StatusDetails { get; init; } = "";
    /// <summary>Start.</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; init; }
}
