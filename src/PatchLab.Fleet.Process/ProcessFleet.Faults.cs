using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Process;

/// <summary>Fault injection on agent processes (issue 7): SIGKILL, SIGSTOP/SIGCONT, and every agent killed at once for an engine restart.</summary>
public sealed partial class ProcessFleet : IFleetFaults
{
    private const int SigStop = 19;

    /// <inheritdoc />
    public async Task KillAgentAsync(string instanceId, CancellationToken ct)
    {
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            Require(instanceId);
            Kill(instanceId);
        }
    }

    /// <inheritdoc />
    public async Task ReviveAgentAsync(string instanceId, CancellationToken ct)
    {
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var record = Require(instanceId);
            if (StateOf(instanceId, out _) != "exited")
            {
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
                Signal(pid, SigStop);
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
                Signal(pid, SigCont);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The process runtime has no engine: every running agent of this fleet is killed (SIGKILL) at once.</remarks>
    public async Task<IReadOnlyList<string>> StopEngineAsync(CancellationToken ct)
    {
        var stopped = new List<string>();
        foreach (var i in await ListAsync(ct).ConfigureAwait(false))
        {
            if (i.State == "exited")
            {
                continue;
            }
            await KillAgentAsync(i.InstanceId, ct).ConfigureAwait(false);
            stopped.Add(i.InstanceId);
        }
        return stopped;
    }
}
