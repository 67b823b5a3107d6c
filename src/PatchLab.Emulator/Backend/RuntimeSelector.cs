using System.Globalization;
using PatchLab.Fleet.Docker;
using PatchLab.Fleet.Process;

namespace PatchLab.Emulator.Backend;

/// <summary>Chooses the instance runtime at start and says why (health endpoint, `patchlab instance list`, event log).</summary>
public static class RuntimeSelector
{
    /// <summary>
    /// An injected runtime wins; --no-docker means none; "process" means host processes; otherwise Docker when an engine
    /// answers, and with "auto" host processes when none does (the same agent binary, without isolation).
    /// </summary>
    public static async Task<FleetRuntime> CreateAsync(EmulatorOptions options, string sessionId, string socketDir, CancellationToken ct)
    {
        if (options.Fleet is { } injected)
        {
            return new FleetRuntime(injected, null, "given by the host");
        }
        if (!options.UseDocker)
        {
            return new FleetRuntime(null, "the instance runtime is turned off (--no-docker)");
        }
        if (options.Runtime == "process")
        {
            return Process(options, socketDir, "asked for with --runtime process; agents run as host processes, without isolation");
        }
        var probe = await DockerProbe.ProbeAsync(options.DockerEndpoint, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        if (!probe.IsAvailable)
        {
            return options.Runtime == "auto"
                ? Process(options, socketDir, $"Docker unavailable ({probe.Reason}); agents run as host processes, without isolation")
                : new FleetRuntime(null, $"Docker unavailable: {probe.Reason}");
        }
        var fleetOptions = DockerFleetOptions.ForRepository(options.RepositoryRoot, sessionId, socketDir) with
        {
            DockerEndpoint = options.DockerEndpoint,
            NetworkMode = options.NetworkMode == "host" ? DockerNetworkMode.Host : DockerNetworkMode.None,
            HostAgentEndpoint = options.NetworkMode == "host"
                ? new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.Port}"))
                : null,
        };
        return new FleetRuntime(new DockerFleet(fleetOptions), null, $"Docker engine at {options.DockerEndpoint} answers; instances are containers");
    }

    private static FleetRuntime Process(EmulatorOptions options, string socketDir, string why)
    {
        var processOptions = ProcessFleetOptions.ForRepository(options.RepositoryRoot, options.StateDirectory,
            Path.Combine(socketDir, PatchLab.Contracts.Agent.AgentProtocol.SocketFileName));
        return File.Exists(processOptions.AgentBinaryPath)
            ? new FleetRuntime(new ProcessFleet(processOptions), null, why)
            : new FleetRuntime(null, $"{why.Split(';')[0]}; and the agent binary for host processes is missing at {processOptions.AgentBinaryPath} (run emulator/image/build-agent.sh)");
    }
}
