using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Process;

/// <summary>Fault injection on process instances (issue 7): an agent kill through the instance's supervisor (SIGUSR1/SIGUSR2),
/// SIGSTOP/SIGCONT, and every instance killed at once for an engine restart.</summary>
public sealed partial class ProcessFleet : IFleetFaults
{
    private const int SigUsr1 = 10;
    private const int SigUsr2 = 12;
    private const int SigStop = 19;

    /// <inheritdoc />
    /// <remarks>
    /// Only the agent dies, not the instance: SIGUSR1 to the instance's supervisor (the pid file's process), which SIGKILLs
    /// its agent and keeps it down until <see cref="ReviveAgentAsync"/>. The agent's next start is not a boot.
    /// </remarks>
    public async Task KillAgentAsync(string instanceId, CancellationToken ct)
    {
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            Require(instanceId);
            if (StateOf(instanceId, out var pid) == "running")
            {
                Signal(pid, SigUsr1);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>SIGUSR2 to the supervisor; an instance whose processes are gone (killed meanwhile) is started instead.</remarks>
    public async Task ReviveAgentAsync(string instanceId, CancellationToken ct)
    {
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var record = Require(instanceId);
            switch (StateOf(instanceId, out var running))
            {
                case "running":
                    Signal(running, SigUsr2);
                    return;
                case "paused":
                    return;
            }
            var pid = Start(record);
            await EnsureRunningAsync(instanceId, pid, "restart", ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task PauseAsync(string instanceId, CancellationToken ct)
    {
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            Require(instanceId);
            if (StateOf(instanceId, out var pid) == "running")
            {
                SignalInstance(pid, SigStop);
            }
        }
    }

    /// <inheritdoc />
    public async Task UnpauseAsync(string instanceId, CancellationToken ct)
    {
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            Require(instanceId);
            if (StateOf(instanceId, out var pid) == "paused")
            {
                SignalInstance(pid, SigCont);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The process runtime has no engine: every running instance of this fleet (supervisor and agent) is killed (SIGKILL) at once.</remarks>
    public async Task<IReadOnlyList<string>> StopEngineAsync(CancellationToken ct)
    {
        var stopped = new List<string>();
        foreach (var i in await ListAsync(ct).ConfigureAwait(false))
        {
            if (i.State == "exited")
            {
                continue;
            }
            using (await LockAsync(i.InstanceId, ct).ConfigureAwait(false))
            {
                Kill(i.InstanceId);
            }
            stopped.Add(i.InstanceId);
        }
        return stopped;
    }
}
