namespace PatchLab.Domain.Ports;

/// <summary>
/// The instance runtime: where fake EC2 instances live (Docker containers, or host processes). The emulator owns
/// identity (instance ids, tokens, tags); the runtime only starts, restarts and removes what it is told to.
/// </summary>
public interface IFleet
{
    /// <summary>Short name shown to users: "docker" or "process".</summary>
    string RuntimeName { get; }

    /// <summary>Makes sure the instance image for an OS flavour exists (builds it when missing), reporting progress.</summary>
    Task EnsureImageAsync(string os, IProgress<string>? progress, CancellationToken ct);

    /// <summary>Creates and starts one instance.</summary>
    Task<RuntimeInstance> LaunchAsync(InstanceLaunchSpec spec, CancellationToken ct);

    /// <summary>Restarts the instance (an OS reboot).</summary>
    Task RebootAsync(string instanceId, CancellationToken ct);

    /// <summary>Stops the instance; its disk is kept.</summary>
    Task StopAsync(string instanceId, CancellationToken ct);

    /// <summary>Starts a stopped instance.</summary>
    Task StartAsync(string instanceId, CancellationToken ct);

    /// <summary>Removes the instance and its disk.</summary>
    Task TerminateAsync(string instanceId, CancellationToken ct);

    /// <summary>Instances of this emulator session that the runtime knows (re-adoption after restarts).</summary>
    Task<IReadOnlyList<RuntimeInstance>> ListAsync(CancellationToken ct);

    /// <summary>Removes every instance of this emulator session.</summary>
    Task RemoveAllAsync(CancellationToken ct);
}

/// <summary>What the emulator asks the runtime to launch.</summary>
/// <param name="InstanceId">i- + 17 hex.</param>
/// <param name="Os">OS flavour, e.g. AmazonLinux2.</param>
/// <param name="Token">The instance's secret agent token.</param>
/// <param name="Hostname">Host name (ip-127-0-0-x style).</param>
/// <param name="AgeDays">How far behind the catalog the instance starts.</param>
public sealed record InstanceLaunchSpec(string InstanceId, string Os, string Token, string Hostname, int AgeDays);

/// <summary>An instance as the runtime sees it.</summary>
/// <param name="InstanceId">i-...</param>
/// <param name="RuntimeId">Container id or process id.</param>
/// <param name="State">running, restarting, exited, created, paused, dead.</param>
public sealed record RuntimeInstance(string InstanceId, string RuntimeId, string State);
