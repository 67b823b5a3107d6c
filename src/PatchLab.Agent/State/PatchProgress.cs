namespace PatchLab.Agent.State;

/// <summary>What a PatchLinux run must remember across a kill or a reboot (amazon-ssm-agent keeps the equivalent in
/// patch-states-configuration.json).</summary>
internal sealed class PatchProgress
{
    public DateTimeOffset? OperationStartTime { get; set; }
    public string SnapshotId { get; set; } = "";
    public string BaselineId { get; set; } = "";
    public string PatchGroup { get; set; } = "";

    /// <summary>Titles installed by this operation so far.</summary>
    public List<string> Installed { get; set; } = [];

    /// <summary>name.arch of packages whose install failed.</summary>
    public List<string> Failed { get; set; } = [];

    /// <summary>Step output before the reboot, shown ahead of the post-reboot output.</summary>
    public string OutputBeforeReboot { get; set; } = "";
}
