namespace PatchLab.Emulator;

/// <summary>How to run the emulator.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Kestrel's request limits (headers timeout, body rate and size, keep-alive).</summary>
    public Hosting.RequestLimits Limits { get; init; } = new();

    /// <summary>TCP port on the listen address (0 = pick a free one).</summary>
    public int Port { get; init; } = 4580;

    /// <summary>Listen address; 127.0.0.1 unless the operator says otherwise.</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>Directory with the SQLite file and the agent socket directory.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Clock speed at start (null keeps the persisted speed, 1 for a new state directory).</summary>
    public double? Speed { get; init; }

    /// <summary>Start the clock at this instant (new labs); null keeps the persisted timeline.</summary>
    public DateTimeOffset? ClockStart { get; init; }

    /// <summary>"none" (agents reach the emulator through the socket directory) or "host" (through 127.0.0.1).</summary>
    public string NetworkMode { get; init; } = "none";

    /// <summary>Docker engine endpoint.</summary>
    public Uri DockerEndpoint { get; init; } = new("unix:///var/run/docker.sock");

    /// <summary>Repository root (fixtures, emulator/image, artifacts/agent).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>
    /// Instance runtime: "auto" (Docker when an engine answers, else the agent as host processes), "docker" (Docker or
    /// none) or "process" (host processes, even when Docker is there). <see cref="UseDocker"/> false means no runtime at all.
    /// </summary>
    public string Runtime { get; init; } = "auto";

    /// <summary>Use the Docker runtime (false: no runtime, fleet operations report why).</summary>
    public bool UseDocker { get; init; } = true;

    /// <summary>Real time source (tests inject a fake).</summary>
    public TimeProvider RealTime { get; init; } = TimeProvider.System;

    /// <summary>
    /// Real time an agent may stay silent between two calls and still count as connected (see <see cref="Backend.PingStatusRule"/>).
    /// Past it, and 10 emulator minutes after its last call, an instance is ConnectionLost.
    /// </summary>
    public TimeSpan AgentSilenceGrace { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>An instance runtime to use as is instead of choosing one (tests inject fakes here).</summary>
    public PatchLab.Domain.Ports.IFleet? Fleet { get; init; }

    /// <summary>Log level for the console (Warning keeps the TUI screen clean).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>
    /// A second log destination that receives Information and above whatever <see cref="LogLevel"/> says (Microsoft.*
    /// categories from Warning), so a test keeps the log of its own emulator for its failure message.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerProvider? LogSink { get; init; }

    /// <summary>
    /// When set, SSM requests must carry a valid Signature Version 4 signature by one of these access key id → secret
    /// access key pairs (`--verify-sigv4 AKID:SECRET`); null or empty accepts any signature, as LocalStack and moto do.
    /// </summary>
    public IReadOnlyDictionary<string, string>? SigV4Credentials { get; init; }
}
