namespace PatchLab.Domain.Ports;

/// <summary>
/// What an instance runtime does for fault injection (issue 7), besides the ordinary lifecycle of <see cref="IFleet"/>.
/// Every method acts on this session's instances only.
/// </summary>
public interface IFleetFaults
{
    /// <summary>Kills the instance's agent at once (SIGKILL, no clean stop: documents stay as they are on disk). It stays dead until <see cref="ReviveAgentAsync"/>.</summary>
    Task KillAgentAsync(string instanceId, CancellationToken ct);

    /// <summary>Starts the agent of an instance whose agent was killed (the runtime's restart after a crash).</summary>
    Task ReviveAgentAsync(string instanceId, CancellationToken ct);

    /// <summary>Freezes the instance (docker pause / SIGSTOP): it is unreachable but keeps its memory.</summary>
    Task PauseAsync(string instanceId, CancellationToken ct);

    /// <summary>Thaws a frozen instance (docker unpause / SIGCONT). A no-op when it is not frozen.</summary>
    Task UnpauseAsync(string instanceId, CancellationToken ct);

    /// <summary>
    /// The runtime goes down: every running instance of the session stops the way the engine stops it (Docker: the
    /// container's stop signal, then SIGKILL after its stop timeout; processes: SIGKILL). Answers the instances that were
    /// running; they are started again by <see cref="ReviveAgentAsync"/> (re-adoption).
    /// </summary>
    Task<IReadOnlyList<string>> StopEngineAsync(CancellationToken ct);
}
