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
    /// <summary>Description, empty when none.</summary>
    public string Description { get; init; } = "";
    /// <summary>OwnerInformation, empty when none (kept by the update form: Replace would clear it otherwise).</summary>
    public string OwnerInformation { get; init; } = "";
}
