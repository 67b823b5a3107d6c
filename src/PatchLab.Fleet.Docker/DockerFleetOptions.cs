using System.Net;
using System.Text.RegularExpressions;

namespace PatchLab.Fleet.Docker;

/// <summary>
/// Immutable settings of one <see cref="DockerFleet"/>. Start from <see cref="ForRepository"/> and adjust with
/// <c>with</c>; <see cref="DockerFleet"/> validates them once, at construction.
/// </summary>
public sealed partial record DockerFleetOptions
{
    /// <summary>Bytes in one MiB.</summary>
    public const long MiB = 1024 * 1024;

    /// <summary>Docker engine endpoint. Default unix:///var/run/docker.sock.</summary>
    public Uri DockerEndpoint { get; init; } = new("unix:///var/run/docker.sock");

    /// <summary>This emulator session (e.g. 12 hex); every container carries it as the patchlab.session-id label.</summary>
    public required string SessionId { get; init; }

    /// <summary>Host directory holding the emulator's agent.sock; bind-mounted read-write at /run/patchlab in every container.</summary>
    public required string SocketDirectory { get; init; }

    /// <summary>Network mode of every container: <see cref="DockerNetworkMode.None"/> (default) or <see cref="DockerNetworkMode.Host"/>.</summary>
    public DockerNetworkMode NetworkMode { get; init; } = DockerNetworkMode.None;

    /// <summary>Loopback HTTP endpoint of the emulator's agent API (e.g. http://127.0.0.1:4580); required with host networking.</summary>
    public Uri? HostAgentEndpoint { get; init; }

    /// <summary>The published NativeAOT agent (default &lt;repo&gt;/artifacts/agent/patchlab-agent).</summary>
    public required string AgentBinaryPath { get; init; }

    /// <summary>Directory of the per-OS package catalogs (default &lt;repo&gt;/fixtures/catalogs).</summary>
    public required string CatalogDirectory { get; init; }

    /// <summary>The instance image recipe: per-OS files such as os-release/AmazonLinux2 (default &lt;repo&gt;/emulator/image).</summary>
    public required string ImageRecipeDirectory { get; init; }

    /// <summary>Statically linked busybox copied into the image as /bin/busybox (Debian package busybox-static).</summary>
    public string BusyboxPath { get; init; } = "/bin/busybox";

    /// <summary>Memory limit per container. Default 128 MiB.</summary>
    public long MemoryLimitBytes { get; init; } = 128 * MiB;

    /// <summary>Process limit per container. Default 128.</summary>
    public long PidsLimit { get; init; } = 128;

    /// <summary>Size of the tmpfs mounted at /tmp (the root filesystem is read-only). Default 16 MiB.</summary>
    public long TmpSizeBytes { get; init; } = 16 * MiB;

    /// <summary>How long stop and reboot wait for the agent to exit after SIGTERM before killing it. Default 3 s.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a freshly started container must keep running before launch, start and reboot report success.
    /// Catches an agent that dies at once (missing library, bad binary) with its logs. Default 250 ms.
    /// </summary>
    public TimeSpan StartupCheck { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Options with the repository's default paths for the agent, catalogs and image recipe.</summary>
    public static DockerFleetOptions ForRepository(string repositoryRoot, string sessionId, string socketDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryRoot);
        return new DockerFleetOptions
        {
            SessionId = sessionId,
            SocketDirectory = socketDirectory,
            AgentBinaryPath = Path.Combine(repositoryRoot, "artifacts", "agent", "patchlab-agent"),
            CatalogDirectory = Path.Combine(repositoryRoot, "fixtures", "catalogs"),
            ImageRecipeDirectory = Path.Combine(repositoryRoot, "emulator", "image"),
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(SessionId) || !SessionIdPattern().IsMatch(SessionId))
        {
            throw new ArgumentException($"SessionId '{SessionId}' must be 1-64 characters of a-z, 0-9 and '-'.", nameof(SessionId));
        }

        if (DockerEndpoint is null || !DockerEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("DockerEndpoint must be an absolute URI such as unix:///var/run/docker.sock.", nameof(DockerEndpoint));
        }

        // NETWORK RULE: traffic only to loopback or unix sockets.
        if (DockerEndpoint.Scheme is not ("unix" or "npipe") && !IsLoopback(DockerEndpoint))
        {
            throw new ArgumentException($"DockerEndpoint {DockerEndpoint} must be a unix socket or a loopback address.", nameof(DockerEndpoint));
        }

        RequireAbsolute(SocketDirectory, nameof(SocketDirectory));
        RequireAbsolute(AgentBinaryPath, nameof(AgentBinaryPath));
        RequireAbsolute(CatalogDirectory, nameof(CatalogDirectory));
        RequireAbsolute(ImageRecipeDirectory, nameof(ImageRecipeDirectory));
        RequireAbsolute(BusyboxPath, nameof(BusyboxPath));

        switch (NetworkMode)
        {
            case DockerNetworkMode.None:
                break;
            case DockerNetworkMode.Host:
                if (HostAgentEndpoint is null || !HostAgentEndpoint.IsAbsoluteUri || HostAgentEndpoint.Scheme != Uri.UriSchemeHttp
                    || !IsLoopback(HostAgentEndpoint))
                {
                    throw new ArgumentException(
                        $"NetworkMode Host needs HostAgentEndpoint on loopback, e.g. http://127.0.0.1:4580 (got '{HostAgentEndpoint}').",
                        nameof(HostAgentEndpoint));
                }

                break;
            default:
                throw new ArgumentException($"NetworkMode {NetworkMode} is not supported; use None or Host (never a bridge).", nameof(NetworkMode));
        }

        // 6 MiB is the smallest limit the Docker engine accepts.
        if (MemoryLimitBytes < 6 * MiB)
        {
            throw new ArgumentException($"MemoryLimitBytes {MemoryLimitBytes} is below Docker's minimum of 6 MiB.", nameof(MemoryLimitBytes));
        }

        if (TmpSizeBytes < MiB)
        {
            throw new ArgumentException($"TmpSizeBytes {TmpSizeBytes} is below 1 MiB; scripts need some room in /tmp.", nameof(TmpSizeBytes));
        }

        if (PidsLimit < 8)
        {
            throw new ArgumentException($"PidsLimit {PidsLimit} is below 8; the agent and docker-init need a few processes.", nameof(PidsLimit));
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

    private static void RequireAbsolute(string path, string name)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"{name} must be an absolute path (got '{path}').", name);
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex SessionIdPattern();
}
