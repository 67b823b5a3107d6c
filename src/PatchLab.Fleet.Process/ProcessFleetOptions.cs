namespace PatchLab.Fleet.Process;

/// <summary>Immutable settings of one <see cref="ProcessFleet"/>; validated once, at construction.</summary>
public sealed record ProcessFleetOptions
{
    /// <summary>The agent executable (default &lt;repo&gt;/artifacts/agent/patchlab-agent).</summary>
    public required string AgentBinaryPath { get; init; }

    /// <summary>Directory of the per-OS package catalogs (default &lt;repo&gt;/fixtures/catalogs).</summary>
    public required string CatalogDirectory { get; init; }

    /// <summary>Where each instance gets its own directory (its disk): &lt;emulator state&gt;/instances/&lt;instance id&gt;.</summary>
    public required string InstancesDirectory { get; init; }

    /// <summary>The emulator's agent socket; agents connect to unix://&lt;this&gt;.</summary>
    public required string SocketPath { get; init; }

    /// <summary>How long stop and reboot wait for the agent to exit after SIGTERM before killing it. Default 3 s.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a fresh agent must keep running before launch, start and reboot report success. Default 250 ms.</summary>
    public TimeSpan StartupCheck { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Options with the repository's default agent and catalogs.</summary>
    public static ProcessFleetOptions ForRepository(string repositoryRoot, string stateDirectory, string socketPath) => new()
    {
        AgentBinaryPath = Path.Combine(repositoryRoot, "artifacts", "agent", "patchlab-agent"),
        CatalogDirectory = Path.Combine(repositoryRoot, "fixtures", "catalogs"),
        InstancesDirectory = Path.Combine(stateDirectory, "instances"),
        SocketPath = socketPath,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        foreach (var (path, name) in new[]
        {
            (AgentBinaryPath, nameof(AgentBinaryPath)), (CatalogDirectory, nameof(CatalogDirectory)), (InstancesDirectory, nameof(InstancesDirectory)),
            (SocketPath, nameof(SocketPath)),
        })
        {
            if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
            {
                throw new ArgumentException($"{name} must be an absolute path (got '{path}').", name);
            }
        }
        if (StopTimeout < TimeSpan.Zero || StopTimeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"StopTimeout {StopTimeout} must be between 0 and 5 minutes.", nameof(StopTimeout));
        }
        if (StartupCheck < TimeSpan.Zero || StartupCheck > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"StartupCheck {StartupCheck} must be between 0 and 1 minute.", nameof(StartupCheck));
        }
    }
}
