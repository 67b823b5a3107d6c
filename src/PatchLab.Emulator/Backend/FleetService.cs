using System.Security.Cryptography;
using System.Text;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Model;
using PatchLab.Domain.Ports;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Backend;

/// <summary>Which instance runtime is active, or why none is.</summary>
/// <param name="Fleet">The runtime, or null.</param>
/// <param name="Reason">Why no runtime is available (null when one is).</param>
public sealed record FleetRuntime(IFleet? Fleet, string? Reason);

/// <summary>
/// Launches and manages instances: identity and tokens live here (SQLite); the runtime (Docker) only runs them.
/// </summary>
public sealed class FleetService(FleetRuntime runtime, InstanceRepository instances, LabClock clock, EventLog events)
{
    /// <summary>Most instances one launch call creates.</summary>
    public const int MaxLaunch = 200;

    /// <summary>The active runtime name ("docker"), or null.</summary>
    public string? RuntimeName => runtime.Fleet?.RuntimeName;

    /// <summary>Why there is no runtime.</summary>
    public string? UnavailableReason => runtime.Reason;

    /// <summary>SHA-256 of a token, as stored.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Launches instances, reporting progress; waits (up to a minute each) for their agents to register.</summary>
    public async Task<IReadOnlyList<string>> LaunchAsync(FleetLaunchRequest request, Action<FleetLaunchProgress> progress, CancellationToken ct)
    {
        var fleet = RequireFleet();
        var os = OsFlavor.Find(request.Os)
            ?? throw new AwsException("ValidationException", $"Unknown OS '{request.Os}'. Available: {string.Join(", ", OsFlavor.All.Select(o => o.Name))}.");
        if (request.Count is < 1 or > MaxLaunch)
        {
            throw new AwsException("ValidationException", $"Count must be from 1 to {MaxLaunch}, got {request.Count}.");
        }
        if (request.AgeDays is < 0 or > 3650)
        {
            throw new AwsException("ValidationException", $"AgeDays must be from 0 to 3650, got {request.AgeDays}.");
        }
        var total = request.Count;
        progress(new FleetLaunchProgress { Stage = "building-image", Message = $"Preparing the {os.Name} instance image", Total = total });
        await fleet.EnsureImageAsync(os.Name, new Progress<string>(m => progress(new FleetLaunchProgress { Stage = "building-image", Message = m, Total = total })), ct)
            .ConfigureAwait(false);
        progress(new FleetLaunchProgress { Stage = "image-ready", Message = $"{os.Name} image ready", Total = total });
        var existing = instances.List().Count;
        var ids = new List<string>();
        for (var n = 0; n < total; n++)
        {
            var id = WireFormat.HexId("i-");
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var tags = new Dictionary<string, string>(request.Tags);
            if (!tags.ContainsKey("Name"))
            {
                tags["Name"] = $"{request.NamePrefix ?? os.Name.ToLowerInvariant()}-{existing + n + 1}";
            }
            var hostname = $"ip-127-0-{(existing + n + 1) / 250}-{(existing + n + 1) % 250 + 1}.ec2.internal";
            instances.Insert(new Instance
            {
                InstanceId = id, Os = os.Name, TokenHash = HashToken(token), State = "pending", AgeDays = request.AgeDays, LaunchedAt = clock.GetUtcNow(),
                ComputerName = hostname, Tags = tags,
            });
            progress(new FleetLaunchProgress { Stage = "launching", InstanceId = id, Message = $"Launching {id} ({tags["Name"]})", Done = n, Total = total });
            try
            {
                await fleet.LaunchAsync(new InstanceLaunchSpec(id, os.Name, token, hostname, request.AgeDays), ct).ConfigureAwait(false);
            }
            catch (FleetException e)
            {
                instances.SetState(id, "terminated");
                progress(new FleetLaunchProgress { Stage = "failed", InstanceId = id, Message = e.Message, Done = n, Total = total });
                throw new AwsException("InstanceLaunchFailed", $"Launching {id} failed: {e.Message}");
            }
            instances.SetState(id, "running");
            events.Add("fleet", $"Launched {id} ({tags["Name"]}, {os.Name}, {string.Join(" ", request.Tags.Select(t => $"{t.Key}={t.Value}"))})");
            ids.Add(id);
            progress(new FleetLaunchProgress { Stage = "launched", InstanceId = id, Message = $"Launched {id}", Done = n + 1, Total = total });
        }
        var deadline = clock.Real.GetUtcNow().AddSeconds(60 + 2 * total);
        var online = new HashSet<string>();
        while (online.Count < ids.Count && clock.Real.GetUtcNow() < deadline)
        {
            foreach (var i in instances.List().Where(i => ids.Contains(i.InstanceId) && i.RegistrationDate is not null && online.Add(i.InstanceId)))
            {
                progress(new FleetLaunchProgress { Stage = "online", InstanceId = i.InstanceId, Message = $"{i.InstanceId} agent registered", Done = online.Count, Total = total });
            }
            if (online.Count < ids.Count)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), clock.Real, ct).ConfigureAwait(false);
            }
        }
        var late = ids.Except(online).ToList();
        progress(new FleetLaunchProgress
        {
            Stage = "done", Done = online.Count, Total = total,
            Message = late.Count == 0 ? $"{total} instance(s) online" : $"{online.Count} of {total} online; no registration yet from {string.Join(", ", late)}",
        });
        return ids;
    }

    /// <summary>Reboots an instance (the agent asked, or the operator did).</summary>
    public async Task RebootAsync(string instanceId, CancellationToken ct)
    {
        var fleet = RequireFleet();
        instances.SetState(instanceId, "rebooting");
        events.Add("fleet", $"Rebooting {instanceId}");
        try
        {
            await fleet.RebootAsync(instanceId, ct).ConfigureAwait(false);
        }
        catch (FleetException e)
        {
            events.Add("fleet", $"Reboot of {instanceId} failed: {e.Message}");
        }
    }

    /// <summary>Removes every instance of this emulator.</summary>
    public async Task DownAsync(CancellationToken ct)
    {
        var fleet = RequireFleet();
        await fleet.RemoveAllAsync(ct).ConfigureAwait(false);
        foreach (var i in instances.List().Where(i => i.State != "terminated"))
        {
            instances.SetState(i.InstanceId, "terminated");
        }
        events.Add("fleet", "Removed every instance (fleet down)");
    }

    /// <summary>Re-adopts containers after an emulator restart: instances whose container is gone are terminated.</summary>
    public async Task ReconcileAsync(CancellationToken ct)
    {
        if (runtime.Fleet is not { } fleet)
        {
            return;
        }
        var live = (await fleet.ListAsync(ct).ConfigureAwait(false)).ToDictionary(r => r.InstanceId);
        foreach (var i in instances.List().Where(i => i.State != "terminated"))
        {
            var state = live.TryGetValue(i.InstanceId, out var r) ? (r.State is "running" or "restarting" ? "running" : "stopped") : "terminated";
            if (state != i.State)
            {
                instances.SetState(i.InstanceId, state);
                events.Add("fleet", $"Re-adopted {i.InstanceId}: {state}");
            }
        }
    }

    private IFleet RequireFleet() => runtime.Fleet
        ?? throw new AwsException("FleetUnavailable", $"No instance runtime is available: {runtime.Reason}");
}
