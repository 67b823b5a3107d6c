namespace PatchLab.Emulator;

/// <summary>How to run the emulator.</summary>
public sealed record EmulatorOptions
{
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

    /// <summary>Use the Docker runtime (false: no runtime, fleet operations report why).</summary>
    public bool UseDocker { get; init; } = true;

    /// <summary>Real time source (tests inject a fake).</summary>
    public TimeProvider RealTime { get; init; } = TimeProvider.System;

    /// <summary>Log level for the console (Warning keeps the TUI screen clean).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
}
