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
/// <param name="Choice">Why this runtime was chosen, e.g. "Docker unavailable (…); agents run as host processes".</param>
public sealed record FleetRuntime(IFleet? Fleet, string? Reason, string? Choice = null);

/// <summary>
/// Launches and manages instances: identity and tokens live here (SQLite); the runtime (Docker) only runs them.
/// </summary>
public sealed class FleetService(FleetRuntime runtime, InstanceRepository instances, LabClock clock, EventLog events, Faults.FaultHolds holds)
{
    /// <summary>Most instances one launch call creates.</summary>
    public const int MaxLaunch = 200;

    /// <summary>How many instances one launch starts at once.</summary>
    public const int LaunchParallelism = 4;

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
            ?? throw new AwsException("ValidationException", $"Unknown OS '{request.Os}'. Valid flavours: {OsFlavor.ValidNames}.");
        if (request.Count is < 1 or > MaxLaunch)
        {
            throw new AwsException("ValidationException", $"Count must be from 1 to {MaxLaunch}, got {request.Count}.");
        }
        if (request.AgeDays is < 0 or > 3650)
        {
            throw new AwsException("ValidationException", $"AgeDays must be from 0 to 3650, got {request.AgeDays}.");
        }
        if (request.AgeDaysMax is { } max && (max < request.AgeDays || max > 3650))
        {
            throw new AwsException("ValidationException", $"AgeDaysMax must be from AgeDays ({request.AgeDays}) to 3650, got {max}.");
        }
        var ages = new Random(request.AgeSeed);
        var total = request.Count;
        var progressGate = new Lock();
        // Launches run in parallel; the caller's callback sees one report at a time.
        void Report(FleetLaunchProgress p)
        {
            lock (progressGate)
            {
                progress(p);
            }
        }
        Report(new FleetLaunchProgress { Stage = "building-image", Message = $"Preparing the {os.Name} instance image", Total = total });
        await fleet.EnsureImageAsync(os.Name, new Progress<string>(m => Report(new FleetLaunchProgress { Stage = "building-image", Message = m, Total = total })), ct)
            .ConfigureAwait(false);
        Report(new FleetLaunchProgress { Stage = "image-ready", Message = $"{os.Name} image ready", Total = total });
        var prefix = request.NamePrefix ?? os.Name.ToLowerInvariant();
        // Names continue per prefix: a second launch of "staging" gives staging-3, staging-4 …
        var existing = instances.List().Count(i => i.Name.StartsWith(prefix + "-", StringComparison.Ordinal));
        // Identities first, in order (names and seeded ages do not depend on which launch finishes first).
        var planned = Enumerable.Range(0, total).Select(n =>
        {
            var id = WireFormat.HexId("i-");
            var age = request.AgeDaysMax is { } upper ? ages.Next(request.AgeDays, upper + 1) : request.AgeDays;
            var tags = new Dictionary<string, string>(request.Tags);
            if (!tags.ContainsKey("Name"))
            {
                tags["Name"] = $"{prefix}-{existing + n + 1}";
            }
            // EC2-style private DNS name, derived from the id (a name only: nothing resolves or connects to it).
            var hostname = $"ip-127-0-{Convert.ToInt32(id[2..4], 16)}-{Convert.ToInt32(id[4..6], 16)}.ec2.internal";
            return (Id: id, Age: age, Tags: tags, Hostname: hostname, Secret: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        }).ToList();
        // Rows first, in name order: target resolution and every list follow it, whichever container starts first.
        foreach (var (id, age, tags, hostname, secret) in planned)
        {
            instances.Insert(new Instance
            {
                InstanceId = id, Os = os.Name, TokenHash = HashToken(secret), State = "pending", AgeDays = age, LaunchedAt = clock.GetUtcNow(),
                ComputerName = hostname, Tags = tags,
            });
        }

        // A few launches at once: the engine's create/start calls and each instance's startup check overlap, so a fleet
        // comes up in a fraction of the one-by-one time. The first failure stops launches not yet begun.
        // "launched" is reported in name order (web-1, web-2 …) whatever order the engine finishes in: 0 pending, 1 launched, 2 failed.
        var settled = new int[total];
        var nextToReport = 0;
        var done = 0;
        void Settle(int n, int outcome)
        {
            lock (progressGate)
            {
                settled[n] = outcome;
                for (; nextToReport < total && settled[nextToReport] != 0; nextToReport++)
                {
                    if (settled[nextToReport] == 1)
                    {
                        var id = planned[nextToReport].Id;
                        progress(new FleetLaunchProgress { Stage = "launched", InstanceId = id, Message = $"Launched {id}", Done = ++done, Total = total });
                    }
                }
            }
        }
        AwsException? failure = null;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, total),
                new ParallelOptions { MaxDegreeOfParallelism = LaunchParallelism, CancellationToken = stopping.Token }, async (n, token) =>
                {
                    var (id, age, tags, hostname, secret) = planned[n];
                    Report(new FleetLaunchProgress { Stage = "launching", InstanceId = id, Message = $"Launching {id} ({tags["Name"]})", Done = done, Total = total });
                    try
                    {
                        await fleet.LaunchAsync(new InstanceLaunchSpec(id, os.Name, secret, hostname, age), token).ConfigureAwait(false);
                    }
                    catch (FleetException e)
                    {
                        instances.SetState(id, "terminated");
                        Report(new FleetLaunchProgress { Stage = "failed", InstanceId = id, Message = e.Message, Done = done, Total = total });
                        Interlocked.CompareExchange(ref failure, new AwsException("InstanceLaunchFailed", $"Launching {id} failed: {e.Message}"), null);
                        Settle(n, 2);
                        await stopping.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                    instances.SetState(id, "running");
                    events.Add("fleet", $"Launched {id} ({tags["Name"]}, {os.Name}, age {age} days, {string.Join(" ", request.Tags.Select(t => $"{t.Key}={t.Value}"))})");
                    Settle(n, 1);
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (failure is not null && !ct.IsCancellationRequested)
        {
            // Launches not begun after a failure never settle: the ones behind them that did launch are still reported.
            for (var n = 0; n < total; n++)
            {
                if (settled[n] == 0)
                {
                    instances.SetState(planned[n].Id, "terminated");
                    Settle(n, 2);
                }
            }
        }
        if (failure is not null)
        {
            throw failure;
        }
        var ids = planned.Where((_, n) => settled[n] == 1).Select(p => p.Id).ToList();
        var deadline = clock.Real.GetUtcNow().AddSeconds(60 + 2 * total);
        var online = new HashSet<string>();
        while (online.Count < ids.Count && clock.Real.GetUtcNow() < deadline)
        {
            foreach (var i in instances.List().Where(i => ids.Contains(i.InstanceId) && i.RegistrationDate is not null && online.Add(i.InstanceId)))
            {
                Report(new FleetLaunchProgress { Stage = "online", InstanceId = i.InstanceId, Message = $"{i.InstanceId} agent registered", Done = online.Count, Total = total });
            }
            if (online.Count < ids.Count)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), clock.Real, ct).ConfigureAwait(false);
            }
        }
        var late = ids.Except(online).ToList();
        Report(new FleetLaunchProgress
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
            if (holds.ExtraRebootDelay(instanceId) is var extra && extra > TimeSpan.Zero)
            {
                await SlowRebootAsync(fleet, instanceId, extra).ConfigureAwait(false);
                return;
            }
            await fleet.RebootAsync(instanceId, ct).ConfigureAwait(false);
        }
        catch (FleetException e)
        {
            events.Add("fleet", $"Reboot of {instanceId} failed: {e.Message}");
        }
    }

    /// <summary>
    /// A reboot under a slow-reboot fault: the instance goes down now and comes back <paramref name="extra"/> (emulator time)
    /// later. The wait runs in the background (the caller is the agent's reply, which the shutdown ends); an emulator
    /// stopped meanwhile starts the instance at its next start, as it re-adopts every rebooting instance.
    /// </summary>
    private async Task SlowRebootAsync(IFleet fleet, string instanceId, TimeSpan extra)
    {
        events.Add("fault", $"{instanceId} reboots slowly: it comes back {extra} later (slow-reboot)");
        await fleet.StopAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(clock.RealDelayFor(extra), clock.Real).ConfigureAwait(false);
                await fleet.StartAsync(instanceId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (FleetException e)
            {
                events.Add("fleet", $"Slow reboot of {instanceId} failed to start it again: {e.Message}");
            }
        });
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

    /// <summary>
    /// Re-adopts the runtime's instances by their labels, at start and every few seconds after (<see cref="FleetWatchService"/>):
    /// an instance whose container is gone is terminated; one that should run but whose container stopped without PatchLab
    /// asking (a Docker engine restart stops every container) is started again; one PatchLab stopped stays stopped; a paused
    /// one is left alone (its agent goes silent: ConnectionLost). Outside <paramref name="startup"/>, instances in a
    /// transition (pending, rebooting, stopping, shutting-down) are left to the operation in progress.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken ct, bool startup = true)
    {
        if (runtime.Fleet is not { } fleet)
        {
            return;
        }
        var live = (await fleet.ListAsync(ct).ConfigureAwait(false)).ToDictionary(r => r.InstanceId);
        foreach (var i in instances.List().Where(i => i.State != "terminated"))
        {
            if (!startup && i.State is not ("running" or "stopped") || holds.IsHeld(i.InstanceId))
            {
                // A fault (crashed agent, stopped engine, paused instance) keeps it down until the fault ends.
                continue;
            }
            if (!live.TryGetValue(i.InstanceId, out var r))
            {
                instances.SetState(i.InstanceId, "terminated");
                events.Add("fleet", $"{i.InstanceId} has no {fleet.RuntimeName} instance any more: terminated");
                continue;
            }
            if (i.State == "shutting-down")
            {
                // A terminate interrupted by an emulator stop: finish it.
                await fleet.TerminateAsync(i.InstanceId, ct).ConfigureAwait(false);
                instances.SetState(i.InstanceId, "terminated");
                events.Add("fleet", $"Terminated {i.InstanceId} (interrupted before)");
                continue;
            }
            var wantsRunning = i.State is "running" or "pending" or "rebooting";
            switch (r.State)
            {
                case "running" or "restarting":
                    if (i.State != "running" && (startup || !wantsRunning))
                    {
                        instances.SetState(i.InstanceId, "running");
                        events.Add("fleet", $"Re-adopted {i.InstanceId}: running");
                    }
                    break;
                case "paused":
                    break;
                default:
                    if (!wantsRunning)
                    {
                        if (i.State != "stopped")
                        {
                            instances.SetState(i.InstanceId, "stopped");
                            events.Add("fleet", $"Re-adopted {i.InstanceId}: stopped");
                        }
                        break;
                    }
                    try
                    {
                        await fleet.StartAsync(i.InstanceId, ct).ConfigureAwait(false);
                        instances.SetState(i.InstanceId, "running");
                        events.Add("fleet", $"Restarted {i.InstanceId}: its {fleet.RuntimeName} instance was {r.State} without PatchLab stopping it (e.g. a Docker engine restart)");
                    }
                    catch (FleetException e)
                    {
                        instances.SetState(i.InstanceId, "stopped");
                        events.Add("fleet", $"{i.InstanceId} is {r.State} and could not be started again: {e.Message}");
                    }
                    break;
            }
        }
    }

    private IFleet RequireFleet() => runtime.Fleet
        ?? throw new AwsException("FleetUnavailable", $"No instance runtime is available: {runtime.Reason}");
}
