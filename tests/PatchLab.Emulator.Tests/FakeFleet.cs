using System.Collections.Concurrent;
using PatchLab.Domain.Ports;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// A hand-written instance runtime (injected through <see cref="EmulatorOptions.Fleet"/>): every instance is a
/// <see cref="ScriptedAgent"/> loop, so the lab's lifecycle endpoints run without Docker. Stop and terminate end the
/// loop; start and reboot begin a new one (a boot). <see cref="PauseAsync"/> freezes the agent as docker pause would.
/// </summary>
public sealed class FakeFleet : IFleet, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (ScriptedAgent Agent, string State)> _instances = new(StringComparer.Ordinal);

    /// <summary>The emulator's address, known once it has started.</summary>
    public Uri? Endpoint { get; set; }

    public string RuntimeName => "fake";

    public ScriptedAgent Agent(string instanceId) => _instances[instanceId].Agent;

    public Task EnsureImageAsync(string os, IProgress<string>? progress, CancellationToken ct) => Task.CompletedTask;

    public Task<RuntimeInstance> LaunchAsync(InstanceLaunchSpec spec, CancellationToken ct)
    {
        var agent = new ScriptedAgent(Endpoint ?? throw new InvalidOperationException("Set FakeFleet.Endpoint first"), spec.InstanceId, spec.Token);
        _instances[spec.InstanceId] = (agent, "running");
        agent.Start();
        return Task.FromResult(new RuntimeInstance(spec.InstanceId, spec.InstanceId, "running"));
    }

    public async Task RebootAsync(string instanceId, CancellationToken ct)
    {
        var (agent, _) = Require(instanceId);
        await agent.StopAsync();
        agent.Start();
    }

    public async Task StopAsync(string instanceId, CancellationToken ct)
    {
        var (agent, _) = Require(instanceId);
        await agent.StopAsync();
        _instances[instanceId] = (agent, "exited");
    }

    public Task StartAsync(string instanceId, CancellationToken ct)
    {
        var (agent, state) = Require(instanceId);
        if (state != "running")
        {
            agent.Start();
            _instances[instanceId] = (agent, "running");
        }
        return Task.CompletedTask;
    }

    /// <summary>docker pause: the agent stops answering, the runtime still says paused.</summary>
    public async Task PauseAsync(string instanceId)
    {
        var (agent, _) = Require(instanceId);
        await agent.StopAsync();
        _instances[instanceId] = (agent, "paused");
    }

    /// <summary>The container stopped behind the emulator's back (a Docker engine restart does that to every container).</summary>
    public async Task CrashAsync(string instanceId) => await StopAsync(instanceId, CancellationToken.None);

    public async Task TerminateAsync(string instanceId, CancellationToken ct)
    {
        if (_instances.TryRemove(instanceId, out var i))
        {
            await i.Agent.DisposeAsync();
        }
    }

    public Task<IReadOnlyList<RuntimeInstance>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RuntimeInstance>>([.. _instances.Select(kv => new RuntimeInstance(kv.Key, kv.Key, kv.Value.State))]);

    public async Task RemoveAllAsync(CancellationToken ct)
    {
        foreach (var id in _instances.Keys.ToList())
        {
            await TerminateAsync(id, ct);
        }
    }

    private (ScriptedAgent Agent, string State) Require(string instanceId) =>
        _instances.TryGetValue(instanceId, out var i) ? i : throw new FleetException($"Instance {instanceId} has no fake runtime instance.");

    public async ValueTask DisposeAsync() => await RemoveAllAsync(CancellationToken.None);
}
