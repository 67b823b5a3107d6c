using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Docker.Tests;

/// <summary>
/// Everything one test owns: a random session id, temp directories (socket dir, catalog, stand-in agents), the fleets it
/// made and the images they built. <see cref="DisposeAsync"/> removes all of it, whether the test passed or not.
/// </summary>
public sealed class FleetSandbox : IAsyncDisposable
{
    /// <summary>A stand-in agent: records each boot in its state dir, logs a line, and idles until SIGTERM.</summary>
    public const string IdleAgentScript = """
        #!/bin/sh
        # Stand-in for the PatchLab agent (the real one is a NativeAOT binary the tests do not depend on).
        echo "boot" >> "$PATCHLAB_STATE/boots"
        echo "stand-in agent $PATCHLAB_INSTANCE_ID up, endpoint $PATCHLAB_ENDPOINT"
        trap 'echo "stand-in agent stopping"; exit 0' TERM INT
        sleep 3600 &
        wait $!
        """;

    private readonly List<DockerFleetOptions> _used = [];
    private readonly List<DockerFleet> _fleets = [];
    private readonly HashSet<string> _images = new(StringComparer.Ordinal);
    private DockerClient? _docker;

    private FleetSandbox(string root)
    {
        Root = root;
        SessionId = NewHex(12);
        SocketDirectory = Directory.CreateDirectory(Path.Combine(root, "run")).FullName;
        CatalogDirectory = Directory.CreateDirectory(Path.Combine(root, "catalogs")).FullName;
        // The catalog names the sandbox, so this test's images have their own tags and can be deleted afterwards.
        WriteCatalog($$"""{"os":"AmazonLinux2","sandbox":"{{SessionId}}","packages":[]}""");
        AgentPath = WriteAgent("patchlab-agent", IdleAgentScript);
    }

    /// <summary>This test's session id (12 hex).</summary>
    public string SessionId { get; }

    /// <summary>Temp root of the sandbox.</summary>
    public string Root { get; }

    /// <summary>Host directory mounted at /run/patchlab.</summary>
    public string SocketDirectory { get; }

    /// <summary>Catalog directory holding amazon-linux-2.json.</summary>
    public string CatalogDirectory { get; }

    /// <summary>The idle stand-in agent.</summary>
    public string AgentPath { get; }

    /// <summary>The repository root (holds PatchLab.sln); the tests use its real emulator/image recipe.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Creates the temp directories; does not contact Docker.</summary>
    public static FleetSandbox Create() =>
        new(Directory.CreateTempSubdirectory("patchlab-fleet-test-").FullName);

    /// <summary>Random lowercase hex.</summary>
    public static string NewHex(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    /// <summary>A launch spec with a fresh instance id and token.</summary>
    public static InstanceLaunchSpec NewSpec(int ageDays = 30) =>
        new($"i-{NewHex(17)}", "AmazonLinux2", NewHex(32), $"ip-127-0-0-{RandomNumberGenerator.GetInt32(2, 250)}", ageDays);

    /// <summary>Options for this sandbox (its session unless <paramref name="sessionId"/> is given).</summary>
    public DockerFleetOptions Options(DockerNetworkMode network = DockerNetworkMode.None, string? sessionId = null, string? agentPath = null)
    {
        var options = DockerFleetOptions.ForRepository(RepositoryRoot, sessionId ?? SessionId, SocketDirectory) with
        {
            DockerEndpoint = DockerAvailability.Endpoint,
            AgentBinaryPath = agentPath ?? AgentPath,
            CatalogDirectory = CatalogDirectory,
            NetworkMode = network,
            HostAgentEndpoint = network == DockerNetworkMode.Host ? new Uri("http://127.0.0.1:4580") : null,
        };
        _used.Add(options);
        return options;
    }

    /// <summary>A fleet that the sandbox cleans up after.</summary>
    public DockerFleet Fleet(DockerFleetOptions? options = null)
    {
        var fleet = new DockerFleet(options ?? Options());
        _fleets.Add(fleet);
        return fleet;
    }

    /// <summary>Writes an executable stand-in agent script.</summary>
    public string WriteAgent(string name, string script)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Root, "agents", NewHex(6))).FullName;
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>Copies a host executable (e.g. /bin/sleep) to use as the agent.</summary>
    public string CopyAgent(string source)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Root, "agents", NewHex(6))).FullName;
        var path = Path.Combine(dir, "patchlab-agent");
        File.Copy(source, path);
        return path;
    }

    /// <summary>Deletes <paramref name="tag"/> on dispose (for images built from inputs that no longer exist by then).</summary>
    public void TrackImage(string tag) => _images.Add(tag);

    /// <summary>Rewrites this sandbox's catalog.</summary>
    public void WriteCatalog(string json) => File.WriteAllText(Path.Combine(CatalogDirectory, "amazon-linux-2.json"), json);

    /// <summary>A Docker client for inspecting what the fleet did.</summary>
    public async Task<DockerClient> DockerAsync()
    {
        if (_docker is null)
        {
            (_docker, _) = await DockerConnection.ConnectAsync(DockerAvailability.Endpoint, null, CancellationToken.None);
        }

        return _docker;
    }

    /// <summary>docker inspect.</summary>
    public async Task<ContainerInspectResponse> InspectAsync(string idOrName) =>
        await (await DockerAsync()).Containers.InspectContainerAsync(idOrName, CancellationToken.None);

    /// <summary>Containers (any state) labelled with <paramref name="sessionId"/>.</summary>
    public async Task<IList<ContainerListResponse>> ContainersOfSessionAsync(string sessionId) =>
        await (await DockerAsync()).Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"patchlab.session-id={sessionId}"] = true },
            },
        }, CancellationToken.None);

    /// <summary>Volumes labelled with <paramref name="sessionId"/>.</summary>
    public async Task<IList<VolumeResponse>> VolumesOfSessionAsync(string sessionId) =>
        (await (await DockerAsync()).Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"patchlab.session-id={sessionId}"] = true },
            },
        }, CancellationToken.None)).Volumes ?? [];

    /// <summary>Runs a shell command in a running container with the docker CLI (docker exec … sh -c); returns the exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Output)> ExecAsync(string containerId, string script)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", containerId, "/bin/sh", "-c", script })
        {
            psi.ArgumentList.Add(arg);
        }
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    /// <summary>Reads a file (or a symlink's target name) out of a container, as docker cp does.</summary>
    public async Task<(string Content, string? LinkTarget)> ReadFileAsync(string containerId, string path)
    {
        var docker = await DockerAsync();
        var archive = await docker.Containers.GetArchiveFromContainerAsync(containerId, new ContainerPathStatParameters { Path = path }, false,
            CancellationToken.None);
        await using var stream = archive.Stream ?? throw new InvalidOperationException($"{path}: no archive");
        await using var tar = new TarReader(stream);
        var entry = await tar.GetNextEntryAsync() ?? throw new InvalidOperationException($"{path}: empty archive");
        if (entry.EntryType == TarEntryType.SymbolicLink)
        {
            return ("", entry.LinkName);
        }

        using var reader = new StreamReader(entry.DataStream ?? Stream.Null, Encoding.UTF8);
        return (await reader.ReadToEndAsync(), null);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var errors = new List<Exception>();
        if (DockerAvailability.Probe.IsAvailable)
        {
            foreach (var session in _used.Select(o => o.SessionId).Distinct())
            {
                try
                {
                    using var cleaner = new DockerFleet(_used.First(o => o.SessionId == session));
                    await cleaner.RemoveAllAsync(CancellationToken.None);
                }
                catch (Exception ex)
                {
                    errors.Add(ex);
                }
            }

            foreach (var options in _used.DistinctBy(o => (o.AgentBinaryPath, o.BusyboxPath)))
            {
                try
                {
                    _images.Add((await InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None)).Tag);
                }
                catch (FleetException)
                {
                    // A deliberately broken recipe (missing busybox and the like) never built an image.
                }
            }

            foreach (var tag in _images)
            {
                try
                {
                    await (await DockerAsync()).Images.DeleteImageAsync(tag, new ImageDeleteParameters(), CancellationToken.None);
                }
                catch (DockerImageNotFoundException)
                {
                    // Never built.
                }
                catch (Exception ex)
                {
                    errors.Add(ex);
                }
            }
        }

        foreach (var fleet in _fleets)
        {
            fleet.Dispose();
        }

        _docker?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Temp files; not worth failing a test over.
        }

        if (errors.Count > 0)
        {
            throw new AggregateException("Sandbox cleanup failed", errors);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PatchLab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PatchLab.sln above {AppContext.BaseDirectory}");
    }
}
