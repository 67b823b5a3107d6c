using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>Tags of maintenance windows (mw-…).</summary>
internal sealed class MaintenanceWindowTagTarget(WindowRepository windows) : ITagTarget
{
    public string ResourceType => "MaintenanceWindow";

    public string StoredAs => "MaintenanceWindow";

    public string? Resolve(string resourceId) => windows.Get(resourceId)?.WindowId;
}
