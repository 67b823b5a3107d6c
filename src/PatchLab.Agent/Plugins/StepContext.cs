using PatchLab.Agent.State;

namespace PatchLab.Agent.Plugins;

/// <summary>What a plugin gets to run one step of a document.</summary>
internal sealed class StepContext
{
    public required DocumentState Document { get; init; }

    public required StepState Step { get; init; }

    /// <summary>The step asked for a reboot before and the instance has booted since: finish the job.</summary>
    public required bool AfterReboot { get; init; }

    /// <summary>Persists <see cref="Document"/> (current/); plugins call it before acting on what they recorded.</summary>
    public required Action Save { get; init; }
}
