using System.Collections.Concurrent;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.AspNetCore.Builder;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using PatchLab.Emulator;

namespace PatchLab.Testing;

/// <summary>
/// A running PatchLab emulator inside the test process: the SSM API on a free loopback port, a fleet of instances
/// (Docker containers or host processes running the real agent), a configured AWS SDK client and the lab clock.
/// Disposing it removes every instance it launched, stops the emulator and deletes its state directory.
/// </summary>
public sealed class PatchLabEmulator : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<PatchLabEmulator, byte> Live = new();
    private readonly WebApplication _app;
    private readonly bool _deleteState;
    private readonly List<string> _instanceIds = [];
    private int _disposed;

    static PatchLabEmulator()
    {
        // A test host that exits without disposing (a crashed or cancelled run) still removes its instances.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var emulator in Live.Keys)
            {
                emulator.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
            }
        };
    }

    private PatchLabEmulator(WebApplication app, string stateDirectory, bool deleteState)
    {
        _app = app;
        _deleteState = deleteState;
        StateDirectory = stateDirectory;
        Endpoint = EmulatorHost.HttpAddress(app);
        Lab = new LabClient(Endpoint);
        Ssm = SsmClientFactory.Create(Endpoint);
        Clock = new PatchLabClock(Lab);
        Live[this] = 0;
    }

    /// <summary>The emulator's URL: pass it as ServiceURL / --endpoint-url to any AWS client.</summary>
    public Uri Endpoint { get; }

    /// <summary>An AWS SDK SSM client configured for this emulator (dummy credentials, no retries).</summary>
    public IAmazonSimpleSystemsManagement Ssm { get; }

    /// <summary>The lab clock: speed, pause, jumps.</summary>
    public PatchLabClock Clock { get; }

    /// <summary>The emulator-only API: instances (reboot/stop/start/terminate, tags), overview, fleet.</summary>
    public LabClient Lab { get; }

    /// <summary>The emulator's state directory (SQLite file, agent socket, process instances).</summary>
    public string StateDirectory { get; }

    /// <summary>Instances launched through this object, in launch order.</summary>
    public IReadOnlyList<string> InstanceIds
    {
        get
        {
            lock (_instanceIds)
            {
                return [.. _instanceIds];
            }
        }
    }

    /// <summary>What a lab file created (<see cref="PatchLabBuilder.WithLabFile"/>): instance, baseline and window ids by their lab names; null without one.</summary>
    public PatchLab.Labs.Running.LabDeployment? Deployment { get; private set; }

    internal void Adopt(PatchLab.Labs.Running.LabDeployment deployment)
    {
        Deployment = deployment;
        lock (_instanceIds)
        {
            _instanceIds.AddRange(deployment.Instances.Values.Except(_instanceIds));
        }
    }

    /// <summary>The runtime the emulator chose ("docker" or "process") and why.</summary>
    public async Task<(string Runtime, string Reason)> RuntimeAsync(CancellationToken ct = default)
    {
        var list = await Lab.GetInstancesAsync(ct).ConfigureAwait(false);
        return (list.Runtime, list.RuntimeReason);
    }

    /// <summary>A new SSM client for this emulator (for a region of your choice); dispose it yourself.</summary>
    public IAmazonSimpleSystemsManagement CreateSsmClient(string region = "us-east-1") => SsmClientFactory.Create(Endpoint, region);

    /// <summary>Launches a group of instances and waits until each agent has registered; returns their ids.</summary>
    /// <exception cref="PatchLabException">The group is invalid, or an instance failed to launch or register.</exception>
    public async Task<IReadOnlyList<string>> LaunchAsync(InstanceGroup group, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        var problems = group.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new PatchLabException(string.Join(" ", problems));
        }
        var launched = new List<string>();
        var failures = new List<string>();
        var last = await Lab.LaunchAsync(
            new FleetLaunchRequest { Count = group.Count, Os = group.Os, Tags = group.Tags.ToDictionary(), NamePrefix = group.NamePrefix, AgeDays = group.AgeDays },
            new InlineProgress(p =>
            {
                if (p.Stage == "launched" && p.InstanceId is { } id)
                {
                    launched.Add(id);
                    lock (_instanceIds)
                    {
                        _instanceIds.Add(id);
                    }
                }
                else if (p.Stage == "failed")
                {
                    failures.Add(p.Message);
                }
            }), ct).ConfigureAwait(false);
        if (failures.Count > 0 || launched.Count != group.Count || last.Done != group.Count)
        {
            throw new PatchLabException($"Launching {group.Count} {group.Os} instance(s) did not complete: {string.Join("; ", failures.Append(last.Message))}");
        }
        return launched;
    }

    /// <summary>Polls <paramref name="condition"/> (every 200 ms of real time) until it holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            while (!await condition(cts.Token).ConfigureAwait(false))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
        }
    }

    /// <summary>
    /// Waits until the command's invocation on <paramref name="instanceId"/> has ended (any terminal status) and returns it,
    /// with its plugins (ListCommandInvocations with Details, so multi-step documents such as AWS-RunPatchBaseline need no plugin name).
    /// </summary>
    public async Task<CommandInvocation> WaitForCommandAsync(string commandId, string instanceId, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        CommandInvocation? last = null;
        await WaitUntilAsync(async t =>
        {
            var list = await Ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = commandId, InstanceId = instanceId, Details = true }, t)
                .ConfigureAwait(false);
            last = list.CommandInvocations?.FirstOrDefault();
            return last?.Status is { } s && s != CommandInvocationStatus.Pending && s != CommandInvocationStatus.InProgress
                && s != CommandInvocationStatus.Delayed && s != CommandInvocationStatus.Cancelling;
        }, timeout ?? TimeSpan.FromMinutes(3), $"command {commandId} to end on {instanceId} (last status: {last?.Status?.Value ?? "none"})", ct).ConfigureAwait(false);
        return last!;
    }

    /// <summary>Waits until a maintenance window execution has ended and returns it.</summary>
    public async Task<GetMaintenanceWindowExecutionResponse> WaitForWindowExecutionAsync(string windowExecutionId, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        GetMaintenanceWindowExecutionResponse? last = null;
        await WaitUntilAsync(async t =>
        {
            last = await Ssm.GetMaintenanceWindowExecutionAsync(new GetMaintenanceWindowExecutionRequest { WindowExecutionId = windowExecutionId }, t).ConfigureAwait(false);
            return last.Status is { } s && s != MaintenanceWindowExecutionStatus.PENDING && s != MaintenanceWindowExecutionStatus.IN_PROGRESS
                && s != MaintenanceWindowExecutionStatus.CANCELLING;
        }, timeout ?? TimeSpan.FromMinutes(5), $"window execution {windowExecutionId} to end (last status: {last?.Status?.Value ?? "none"})", ct).ConfigureAwait(false);
        return last!;
    }

    internal static async Task<PatchLabEmulator> StartAsync(EmulatorOptions options, bool deleteState, CancellationToken ct)
    {
        var app = await EmulatorHost.BuildAsync(options, ct).ConfigureAwait(false);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PatchLabEmulator(app, options.StateDirectory, deleteState);
    }

    /// <summary>Removes every instance this emulator launched, stops it and deletes its state directory (unless kept).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Live.TryRemove(this, out _);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await Lab.DownAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or LabApiException or OperationCanceledException)
        {
            // No runtime, or the emulator is already failing: stopping it below is all that is left to do.
        }
        Ssm.Dispose();
        Lab.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_deleteState)
        {
            for (var i = 0; i < 3 && Directory.Exists(StateDirectory); i++)
            {
                try
                {
                    Directory.Delete(StateDirectory, recursive: true);
                }
                catch (IOException)
                {
                    await Task.Delay(200).ConfigureAwait(false);
                }
            }
        }
    }

    private sealed class InlineProgress(Action<FleetLaunchProgress> report) : IProgress<FleetLaunchProgress>
    {
        public void Report(FleetLaunchProgress value) => report(value);
    }
}

/// <summary>PatchLab could not start or do what a test asked; the message says what was wrong and what is valid.</summary>
public sealed class PatchLabException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PatchLabException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PatchLabException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PatchLabException() : base("PatchLab failed.")
    {
    }
}
