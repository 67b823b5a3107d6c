using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Docker;

/// <summary>
/// The Docker instance runtime: every fake EC2 instance is a container of a FROM-scratch image running the PatchLab
/// agent, with no network (or the host's, on loopback), no capabilities and the emulator's socket directory mounted.
/// The root filesystem is read-only: the instance's disk is its named volume at /var/lib/patchlab (kept across reboots
/// and stops, removed at terminate) and /tmp is a tmpfs.
/// Every container carries the session label, so <see cref="ListAsync"/> re-adopts them after an emulator restart and a
/// prune finds orphans. Disposing the fleet closes the engine connection but leaves the containers running.
/// </summary>
public sealed partial class DockerFleet : IFleet, IDisposable, IAsyncDisposable
{
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _instanceLocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _imageTags = new(StringComparer.OrdinalIgnoreCase);
    private DockerClient? _client;
    private InstanceImageBuilder? _builder;
    private int _disposed;

    /// <summary>Creates the runtime; validates <paramref name="options"/> (throws <see cref="ArgumentException"/>). Connects lazily.</summary>
    public DockerFleet(DockerFleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The validated settings.</summary>
    public DockerFleetOptions Options { get; }

    /// <inheritdoc />
    public string RuntimeName => "docker";

    /// <summary>The container name of an instance: patchlab-&lt;instance id&gt;.</summary>
    public static string ContainerName(string instanceId) => $"patchlab-{instanceId}";

    /// <summary>The named volume holding an instance's disk (its state directory): patchlab-state-&lt;instance id&gt;.</summary>
    public static string VolumeName(string instanceId) => $"patchlab-state-{instanceId}";

    /// <inheritdoc />
    public async Task EnsureImageAsync(string os, IProgress<string>? progress, CancellationToken ct) =>
        await EnsureImageTagAsync(os, progress, ct).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<RuntimeInstance> LaunchAsync(InstanceLaunchSpec spec, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequireInstanceId(spec.InstanceId);
        if (!Directory.Exists(Options.SocketDirectory))
        {
            throw new FleetException($"Cannot launch {spec.InstanceId}: socket directory {Options.SocketDirectory} does not exist.");
        }

        var client = await ClientAsync(ct).ConfigureAwait(false);
        var image = _imageTags.TryGetValue(spec.Os, out var known) ? known : await EnsureImageTagAsync(spec.Os, null, ct).ConfigureAwait(false);
        using (await LockAsync(spec.InstanceId, ct).ConfigureAwait(false))
        {
            await CreateVolumeAsync(client, spec.InstanceId, ct).ConfigureAwait(false);
            string id;
            try
            {
                id = (await client.Containers.CreateContainerAsync(CreateParameters(spec, image), ct).ConfigureAwait(false)).ID;
            }
            catch (DockerImageNotFoundException)
            {
                // The image was removed behind our back (docker image prune): build it again, once.
                _imageTags.TryRemove(spec.Os, out _);
                image = await EnsureImageTagAsync(spec.Os, null, ct).ConfigureAwait(false);
                id = await CreateOrThrowAsync(client, spec, image, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                await RemoveVolumeQuietlyAsync(client, spec.InstanceId).ConfigureAwait(false);
                throw CreateFailed(spec, ex);
            }

            try
            {
                await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                var details = await ContainerDiagnostics.DescribeAsync(client, ContainerName(spec.InstanceId), id, ct).ConfigureAwait(false);
                await RemoveQuietlyAsync(client, id, spec.InstanceId).ConfigureAwait(false);
                throw new FleetException(
                    $"Instance {spec.InstanceId}: Docker could not start it: {DockerConnection.Describe(ex)}; {details}\n(container removed)", ex);
            }

            try
            {
                await EnsureRunningAsync(client, spec.InstanceId, id, "launch", ct).ConfigureAwait(false);
            }
            catch (FleetException)
            {
                await RemoveQuietlyAsync(client, id, spec.InstanceId).ConfigureAwait(false);
                throw;
            }

            return new RuntimeInstance(spec.InstanceId, id, "running");
        }
    }

    /// <inheritdoc />
    public async Task RebootAsync(string instanceId, CancellationToken ct)
    {
        RequireInstanceId(instanceId);
        var client = await ClientAsync(ct).ConfigureAwait(false);
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var container = await RequireContainerAsync(client, instanceId, ct).ConfigureAwait(false);
            try
            {
                await client.Containers.RestartContainerAsync(container.ID,
                    new ContainerRestartParameters { WaitBeforeKillSeconds = StopSeconds }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                throw await LifecycleFailedAsync(client, instanceId, container.ID, "reboot", ex, ct).ConfigureAwait(false);
            }

            await EnsureRunningAsync(client, instanceId, container.ID, "reboot", ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(string instanceId, CancellationToken ct)
    {
        RequireInstanceId(instanceId);
        var client = await ClientAsync(ct).ConfigureAwait(false);
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var container = await RequireContainerAsync(client, instanceId, ct).ConfigureAwait(false);
            try
            {
                // False means it was already stopped, which is what the caller wants.
                await client.Containers.StopContainerAsync(container.ID,
                    new ContainerStopParameters { WaitBeforeKillSeconds = StopSeconds }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                throw await LifecycleFailedAsync(client, instanceId, container.ID, "stop", ex, ct).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(string instanceId, CancellationToken ct)
    {
        RequireInstanceId(instanceId);
        var client = await ClientAsync(ct).ConfigureAwait(false);
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var container = await RequireContainerAsync(client, instanceId, ct).ConfigureAwait(false);
            try
            {
                await client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters(), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                throw await LifecycleFailedAsync(client, instanceId, container.ID, "start", ex, ct).ConfigureAwait(false);
            }

            await EnsureRunningAsync(client, instanceId, container.ID, "start", ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>Terminating an instance that has no container is a no-op, as terminating a terminated EC2 instance is.</remarks>
    public async Task TerminateAsync(string instanceId, CancellationToken ct)
    {
        RequireInstanceId(instanceId);
        var client = await ClientAsync(ct).ConfigureAwait(false);
        using (await LockAsync(instanceId, ct).ConfigureAwait(false))
        {
            var container = await FindContainerAsync(client, instanceId, ct).ConfigureAwait(false);
            if (container is not null)
            {
                await RemoveAsync(client, instanceId, container.ID, ct).ConfigureAwait(false);
            }
            else
            {
                await RemoveVolumeAsync(client, instanceId, ct).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RuntimeInstance>> ListAsync(CancellationToken ct)
    {
        var client = await ClientAsync(ct).ConfigureAwait(false);
        return [.. (await ListContainersAsync(client, ct).ConfigureAwait(false))
            .Where(c => c.Labels?.ContainsKey(DockerLabels.InstanceId) == true)
            .Select(c => new RuntimeInstance(c.Labels[DockerLabels.InstanceId], c.ID, c.State))
            .OrderBy(i => i.InstanceId, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task RemoveAllAsync(CancellationToken ct)
    {
        var client = await ClientAsync(ct).ConfigureAwait(false);
        var containers = await ListContainersAsync(client, ct).ConfigureAwait(false);
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(containers, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (c, token) =>
        {
            try
            {
                if (c.Labels?.TryGetValue(DockerLabels.InstanceId, out var instanceId) == true && InstanceIdPattern().IsMatch(instanceId))
                {
                    using (await LockAsync(instanceId, token).ConfigureAwait(false))
                    {
                        await RemoveAsync(client, instanceId, c.ID, token).ConfigureAwait(false);
                    }
                }
                else
                {
                    await RemoveAsync(client, "(unlabelled)", c.ID, token).ConfigureAwait(false);
                }
            }
            catch (FleetException ex)
            {
                failures.Add(ex.Message);
            }
        }).ConfigureAwait(false);

        // Disks whose container is already gone (a launch that failed half-way, a container removed by hand).
        foreach (var volume in await ListVolumesAsync(client, ct).ConfigureAwait(false))
        {
            try
            {
                await RemoveVolumeByNameAsync(client, volume, ct).ConfigureAwait(false);
            }
            catch (FleetException ex)
            {
                failures.Add(ex.Message);
            }
        }

        if (!failures.IsEmpty)
        {
            throw new FleetException($"Could not remove {failures.Count} containers or volumes of session {Options.SessionId}:\n{string.Join("\n", failures)}");
        }
    }

    /// <summary>Closes the engine connection; containers keep running (see <see cref="RemoveAllAsync"/>). Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _client?.Dispose();
    }

    /// <inheritdoc cref="Dispose" />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private uint StopSeconds => (uint)Math.Ceiling(Options.StopTimeout.TotalSeconds);

    private async Task<string> EnsureImageTagAsync(string os, IProgress<string>? progress, CancellationToken ct)
    {
        // The recipe reads the host files first: a missing agent or busybox is reported without touching the engine.
        var recipe = await InstanceImageRecipe.CreateAsync(Options, os, ct).ConfigureAwait(false);
        await ClientAsync(ct).ConfigureAwait(false);
        await _builder!.EnsureAsync(recipe, progress, ct).ConfigureAwait(false);
        _imageTags[recipe.Os] = recipe.Tag;
        return recipe.Tag;
    }

    private CreateContainerParameters CreateParameters(InstanceLaunchSpec spec, string image)
    {
        var host = Options.NetworkMode == DockerNetworkMode.Host;
        var endpoint = host ? Options.HostAgentEndpoint!.ToString().TrimEnd('/') : $"unix://{InstanceImageRecipe.SocketMountPath}/agent.sock";
        return new CreateContainerParameters
        {
            Name = ContainerName(spec.InstanceId),
            Image = image,
            Hostname = spec.Hostname,
            Env =
            [
                $"PATCHLAB_INSTANCE_ID={spec.InstanceId}",
                $"PATCHLAB_TOKEN={spec.Token}",
                $"PATCHLAB_ENDPOINT={endpoint}",
                $"PATCHLAB_OS={spec.Os}",
                $"PATCHLAB_AGE_DAYS={spec.AgeDays.ToString(CultureInfo.InvariantCulture)}",
                $"PATCHLAB_CATALOG={InstanceImageRecipe.CatalogPath}",
                $"PATCHLAB_STATE={InstanceImageRecipe.StatePath}",
            ],
            Labels = new Dictionary<string, string>
            {
                [DockerLabels.SessionId] = Options.SessionId,
                [DockerLabels.InstanceId] = spec.InstanceId,
                [DockerLabels.Os] = spec.Os,
            },
            StopTimeout = Options.StopTimeout,
            HostConfig = new HostConfig
            {
                // Always explicit: the engine's default would be the bridge network.
                NetworkMode = host ? "host" : "none",
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                // docker-init (tini) as PID 1 reaps the agent's script children and forwards SIGTERM.
                Init = true,
                Memory = Options.MemoryLimitBytes,
                PidsLimit = Options.PidsLimit,
                // Nothing outside the instance's disk and /tmp is writable, as on a hardened host.
                ReadonlyRootfs = true,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = $"rw,nosuid,nodev,size={Options.TmpSizeBytes.ToString(CultureInfo.InvariantCulture)}" },
                Mounts =
                [
                    new Mount
                    {
                        Type = "bind",
                        Source = Options.SocketDirectory,
                        Target = InstanceImageRecipe.SocketMountPath,
                        ReadOnly = false,
                    },
                    new Mount
                    {
                        Type = "volume",
                        Source = VolumeName(spec.InstanceId),
                        Target = InstanceImageRecipe.StatePath,
                        ReadOnly = false,
                    },
                ],
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
            },
        };
    }

    private async Task<string> CreateOrThrowAsync(DockerClient client, InstanceLaunchSpec spec, string image, CancellationToken ct)
    {
        try
        {
            return (await client.Containers.CreateContainerAsync(CreateParameters(spec, image), ct).ConfigureAwait(false)).ID;
        }
        catch (Exception ex) when (IsEngineFailure(ex))
        {
            await RemoveVolumeQuietlyAsync(client, spec.InstanceId).ConfigureAwait(false);
            throw CreateFailed(spec, ex);
        }
    }

    private FleetException CreateFailed(InstanceLaunchSpec spec, Exception ex) =>
        ex is DockerApiException { StatusCode: HttpStatusCode.Conflict }
            ? new FleetException($"Cannot launch {spec.InstanceId}: a container named {ContainerName(spec.InstanceId)} already exists " +
                                 $"({DockerConnection.Describe(ex)}). Terminate it first.", ex)
            : new FleetException($"Cannot launch {spec.InstanceId} in session {Options.SessionId}: Docker could not create the container: " +
                                 DockerConnection.Describe(ex), ex);

    /// <summary>The container must be running now and for <see cref="DockerFleetOptions.StartupCheck"/>, else its logs go in the exception.</summary>
    private async Task EnsureRunningAsync(DockerClient client, string instanceId, string containerId, string action, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            ContainerInspectResponse inspect;
            try
            {
                inspect = await client.Containers.InspectContainerAsync(containerId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                throw await LifecycleFailedAsync(client, instanceId, containerId, action, ex, ct).ConfigureAwait(false);
            }

            if (inspect.State?.Running != true)
            {
                var details = await ContainerDiagnostics.DescribeAsync(client, ContainerName(instanceId), containerId, ct).ConfigureAwait(false);
                throw new FleetException($"Instance {instanceId} is not running after {action}: {details}");
            }

            var left = Options.StartupCheck - watch.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < TimeSpan.FromMilliseconds(50) ? left : TimeSpan.FromMilliseconds(50), ct).ConfigureAwait(false);
        }
    }

    private async Task<FleetException> LifecycleFailedAsync(DockerClient client, string instanceId, string containerId, string action, Exception ex,
        CancellationToken ct)
    {
        var details = await ContainerDiagnostics.DescribeAsync(client, ContainerName(instanceId), containerId, ct).ConfigureAwait(false);
        return new FleetException($"Instance {instanceId}: {action} failed: {DockerConnection.Describe(ex)}; {details}", ex);
    }

    private async Task RemoveAsync(DockerClient client, string instanceId, string containerId, CancellationToken ct)
    {
        try
        {
            await client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct)
                .ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone: terminate is idempotent.
        }
        catch (Exception ex) when (IsEngineFailure(ex))
        {
            throw new FleetException($"Instance {instanceId}: could not remove container {containerId}: {DockerConnection.Describe(ex)}", ex);
        }

        if (instanceId != "(unlabelled)")
        {
            await RemoveVolumeAsync(client, instanceId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the instance's disk, labelled like its container so a prune finds it. Idempotent (Docker returns an existing volume).</summary>
    private async Task CreateVolumeAsync(DockerClient client, string instanceId, CancellationToken ct)
    {
        try
        {
            await client.Volumes.CreateAsync(new VolumesCreateParameters
            {
                Name = VolumeName(instanceId),
                Labels = new Dictionary<string, string> { [DockerLabels.SessionId] = Options.SessionId, [DockerLabels.InstanceId] = instanceId },
            }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsEngineFailure(ex))
        {
            throw new FleetException($"Cannot launch {instanceId}: Docker could not create its volume {VolumeName(instanceId)}: {DockerConnection.Describe(ex)}", ex);
        }
    }

    private Task RemoveVolumeAsync(DockerClient client, string instanceId, CancellationToken ct) =>
        RemoveVolumeByNameAsync(client, VolumeName(instanceId), ct);

    private async Task RemoveVolumeByNameAsync(DockerClient client, string volume, CancellationToken ct)
    {
        try
        {
            // Only volumes of this session: a name collision with someone else's volume must not delete it.
            var inspect = await client.Volumes.InspectAsync(volume, ct).ConfigureAwait(false);
            if (inspect.Labels?.TryGetValue(DockerLabels.SessionId, out var session) != true || session != Options.SessionId)
            {
                return;
            }
            await client.Volumes.RemoveAsync(volume, force: true, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
        catch (Exception ex) when (IsEngineFailure(ex))
        {
            throw new FleetException($"Could not remove volume {volume} of session {Options.SessionId}: {DockerConnection.Describe(ex)}", ex);
        }
    }

    private async Task<IReadOnlyList<string>> ListVolumesAsync(DockerClient client, CancellationToken ct)
    {
        try
        {
            var response = await client.Volumes.ListAsync(new VolumesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.SessionId}={Options.SessionId}"] = true },
                },
            }, ct).ConfigureAwait(false);
            return [.. (response.Volumes ?? []).Select(v => v.Name)];
        }
        catch (Exception ex) when (IsEngineFailure(ex))
        {
            throw new FleetException($"Cannot list the volumes of session {Options.SessionId}: {DockerConnection.Describe(ex)}", ex);
        }
    }

    private async Task RemoveVolumeQuietlyAsync(DockerClient client, string instanceId)
    {
        try
        {
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await RemoveVolumeAsync(client, instanceId, budget.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FleetException or OperationCanceledException)
        {
            // Best effort; RemoveAllAsync finds it by its session label later.
        }
    }

    private async Task RemoveQuietlyAsync(DockerClient client, string containerId, string instanceId)
    {
        await RemoveContainerQuietlyAsync(client, containerId).ConfigureAwait(false);
        await RemoveVolumeQuietlyAsync(client, instanceId).ConfigureAwait(false);
    }

    private static async Task RemoveContainerQuietlyAsync(DockerClient client, string containerId)
    {
        try
        {
            // Not the caller's token: a cancelled launch must still not leave a half-made container behind.
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, budget.Token)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (IsEngineFailure(ex) || ex is OperationCanceledException)
        {
            // Best effort; the session label lets RemoveAllAsync or a prune find it later.
        }
    }

    private async Task<ContainerInspectResponse?> FindContainerAsync(DockerClient client, string instanceId, CancellationToken ct)
    {
        ContainerInspectResponse container;
        try
        {
            container = await client.Containers.InspectContainerAsync(ContainerName(instanceId), ct).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (IsEngineFailure(ex))
        {
            throw new FleetException($"Instance {instanceId}: cannot inspect {ContainerName(instanceId)}: {DockerConnection.Describe(ex)}", ex);
        }

        string? session = null;
        container.Config?.Labels?.TryGetValue(DockerLabels.SessionId, out session);
        if (!string.Equals(session, Options.SessionId, StringComparison.Ordinal))
        {
            throw new FleetException($"Container {ContainerName(instanceId)} ({container.ID}) belongs to session '{session}', " +
                                     $"not to this emulator's session '{Options.SessionId}'; not touching it.");
        }

        return container;
    }

    private async Task<ContainerInspectResponse> RequireContainerAsync(DockerClient client, string instanceId, CancellationToken ct) =>
        await FindContainerAsync(client, instanceId, ct).ConfigureAwait(false)
        ?? throw new FleetException($"Instance {instanceId} has no container {ContainerName(instanceId)} in session {Options.SessionId}.");

    private async Task<IList<ContainerListResponse>> ListContainersAsync(DockerClient client, CancellationToken ct)
    {
        try
        {
            return await client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.SessionId}={Options.SessionId}"] = true },
                },
            }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsEngineFailure(ex))
        {
            throw new FleetException($"Cannot list the containers of session {Options.SessionId}: {DockerConnection.Describe(ex)}", ex);
        }
    }

    private async Task<DockerClient> ClientAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (Volatile.Read(ref _client) is { } ready)
        {
            return ready;
        }

        await _connectGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_client is null)
            {
                var (client, _) = await DockerConnection.ConnectAsync(Options.DockerEndpoint, null, ct).ConfigureAwait(false);
                _builder = new InstanceImageBuilder(client);
                Volatile.Write(ref _client, client);
            }

            return _client;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async Task<InstanceLock> LockAsync(string instanceId, CancellationToken ct)
    {
        // Semaphores are kept for the fleet's lifetime: removing one while a caller waits on it would break the serialisation.
        var gate = _instanceLocks.GetOrAdd(instanceId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new InstanceLock(gate);
    }

    private static void RequireInstanceId(string instanceId)
    {
        if (string.IsNullOrEmpty(instanceId) || !InstanceIdPattern().IsMatch(instanceId))
        {
            throw new ArgumentException($"Instance id '{instanceId}' cannot name a container (letters, digits, '_', '.', '-').", nameof(instanceId));
        }
    }

    private static bool IsEngineFailure(Exception ex) =>
        ex is DockerApiException or HttpRequestException or IOException or TimeoutException or System.Net.Sockets.SocketException;

    // Docker container names: [a-zA-Z0-9][a-zA-Z0-9_.-]+
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,100}$")]
    private static partial Regex InstanceIdPattern();

    private readonly struct InstanceLock(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
