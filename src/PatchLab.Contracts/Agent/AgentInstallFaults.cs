namespace PatchLab.Contracts.Agent;

/// <summary>
/// Faults the emulator injects into an instance's install step (issue 7), sent with the patch snapshot so the agent learns
/// them over its own authenticated channel at the moment it installs.
/// </summary>
public sealed class AgentInstallFaults
{
    /// <summary>Patches whose install fails: package name, name.arch or advisory id; "*" fails every install.</summary>
    public List<string> FailPatches { get; set; } = [];

    /// <summary>The instance's disk is full: every install fails with "No space left on device".</summary>
    public bool DiskFull { get; set; }
}
