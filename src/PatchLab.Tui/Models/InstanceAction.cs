namespace PatchLab.Tui.Models;

/// <summary>Lifecycle actions on instances, through the emulator's lab API.</summary>
public enum InstanceAction
{
    /// <summary>Reboot (restart the container).</summary>
    Reboot,
    /// <summary>Stop.</summary>
    Stop,
    /// <summary>Start a stopped instance.</summary>
    Start,
    /// <summary>Terminate: the instance is gone for good.</summary>
    Terminate,
}
