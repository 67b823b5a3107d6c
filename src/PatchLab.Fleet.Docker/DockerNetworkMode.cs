namespace PatchLab.Fleet.Docker;

/// <summary>
/// How an instance container reaches the emulator. There is deliberately no bridge option: instances never join a
/// Docker network, so nothing they run can reach anything but the emulator.
/// </summary>
public enum DockerNetworkMode
{
    /// <summary>No network at all; the agent talks to the emulator through the bind-mounted unix socket.</summary>
    None,

    /// <summary>The host's network namespace; the agent talks to the emulator on a loopback HTTP endpoint.</summary>
    Host,
}
