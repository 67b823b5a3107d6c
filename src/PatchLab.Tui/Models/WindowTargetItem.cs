namespace PatchLab.Tui.Models;

/// <summary>A target registered with a maintenance window.</summary>
public sealed record WindowTargetItem
{
    /// <summary>Window target id.</summary>
    public required string WindowTargetId { get; init; }
    /// <summary>Name, empty when none.</summary>
    public string Name { get; init; } = "";
    /// <summary>INSTANCE or RESOURCE_GROUP.</summary>
    public string ResourceType { get; init; } = "";
    /// <summary>Targets (AND across keys, OR across values).</summary>
    public IReadOnlyList<TargetItem> Targets { get; init; } = [];
}
