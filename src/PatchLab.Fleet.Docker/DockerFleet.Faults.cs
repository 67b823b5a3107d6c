using Docker.DotNet.Models;
using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Docker;

/// <summary>Fault injection on containers (issue 7): an agent kill (through the instance's supervisor), pause and an engine
/// restart simulated on this session's containers only.</summary>
public sealed partial class DockerFleet : IFleetFaults
{
    /// <inheritdoc />
    /// <remarks>
    /// Only the agent dies, not the instance: SIGUSR1 goes to the container (docker-init forwards it to the agent's
    /// supervisor), which SIGKILLs the agent and keeps it down until <see cref="ReviveAgentAsync"/>. The container keeps
    /// running; the agent's next start is not a boot.
    /// </remarks>
    public async Task KillAgentAsync(string instanceId, CancellationToken ct)
    {
        RequireInstanceId(instanceId);
        var client = await ClientAsync(ct).ConfigureAwait(false);
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var container = await RequireContainerAsync(client, instanceId, ct).ConfigureAwait(false);
            if (container.State?.Running != true)
            {
                return;
            }
            try
            {
                await client.Containers.KillContainerAsync(container.ID, new ContainerKillParameters { Signal = "SIGUSR1" }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                throw await LifecycleFailedAsync(client, instanceId, container.ID, "kill the agent (SIGUSR1)", ex, ct).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>SIGUSR2 to the supervisor; a container that is not running (stopped meanwhile) is started instead.</remarks>
    public async Task ReviveAgentAsync(string instanceId, CancellationToken ct)
    {
        RequireInstanceId(instanceId);
        var client = await ClientAsync(ct).ConfigureAwait(false);
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var container = await RequireContainerAsync(client, instanceId, ct).ConfigureAwait(false);
            var running = container.State?.Running == true;
            try
            {
                if (running)
                {
                    await client.Containers.KillContainerAsync(container.ID, new ContainerKillParameters { Signal = "SIGUSR2" }, ct).ConfigureAwait(false);
                    return;
                }
                await client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters(), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                throw await LifecycleFailedAsync(client, instanceId, container.ID, running ? "revive the agent (SIGUSR2)" : "start", ex, ct).ConfigureAwait(false);
            }
            await EnsureRunningAsync(client, instanceId, container.ID, "start", ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task PauseAsync(string instanceId, CancellationToken ct)
    {
        RequireInstanceId(instanceId);
        var client = await ClientAsync(ct).ConfigureAwait(false);
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var container = await RequireContainerAsync(client, instanceId, ct).ConfigureAwait(false);
            if (container.State?.Running != true || container.State.Paused)
            {
                return;
            }
            try
            {
                await client.Containers.PauseContainerAsync(container.ID, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                throw await LifecycleFailedAsync(client, instanceId, container.ID, "pause", ex, ct).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task UnpauseAsync(string instanceId, CancellationToken ct)
    {
        RequireInstanceId(instanceId);
        var client = await ClientAsync(ct).ConfigureAwait(false);
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var container = await FindContainerAsync(client, instanceId, ct).ConfigureAwait(false);
            if (container?.State?.Paused != true)
            {
                return;
            }
            try
            {
                await client.Containers.UnpauseContainerAsync(container.ID, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                throw await LifecycleFailedAsync(client, instanceId, container.ID, "unpause", ex, ct).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The Docker engine itself is shared and is never restarted: PatchLab simulates its restart by stopping every running
    /// container of this session as dockerd does when it shuts down (each container's stop signal, SIGKILL after its stop
    /// timeout, all at once). With restart policy "no" the engine would leave them stopped; the emulator re-adopts them by
    /// their labels and starts them again, as it does after a real engine restart.
    /// </remarks>
    public async Task<IReadOnlyList<string>> StopEngineAsync(CancellationToken ct)
    {
        var client = await ClientAsync(ct).ConfigureAwait(false);
        var running = (await ListContainersAsync(client, ct).ConfigureAwait(false))
            .Where(c => c.State == "running" && c.Labels?.TryGetValue(DockerLabels.InstanceId, out var id) == true && InstanceIdPattern().IsMatch(id))
            .ToList();
        await Parallel.ForEachAsync(running, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (c, token) =>
        {
            var instanceId = c.Labels[DockerLabels.InstanceId];
            using (await LockAsync(instanceId, token).ConfigureAwait(false))
            {
                try
                {
                    await client.Containers.StopContainerAsync(c.ID, new ContainerStopParameters { WaitBeforeKillSeconds = StopSeconds }, token)
                        .ConfigureAwait(false);
                }
                catch (Exception ex) when (IsEngineFailure(ex))
                {
                    throw await LifecycleFailedAsync(client, instanceId, c.ID, "stop (engine restart)", ex, token).ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);
        return [.. running.Select(c => c.Labels[DockerLabels.InstanceId]).Order(StringComparer.Ordinal)];
    }
}
