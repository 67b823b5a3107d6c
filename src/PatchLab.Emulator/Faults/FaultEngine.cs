using System.Text.Json;
using Microsoft.Extensions.Logging;
using PatchLab.Contracts;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Model;
using PatchLab.Domain.Ports;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Faults;

/// <summary>
/// Fault injection (issue 7): validates and stores faults, starts them on the lab clock (resolving targets then), carries
/// them out on the instance runtime and ends them when their duration is up or they are cleared. The state lives in
/// SQLite; <see cref="TickAsync"/> is a function of it and the clock, so a restarted emulator picks up where it was.
/// See docs/faults.md for what each kind does and what AWS shows.
/// </summary>
public sealed class FaultEngine(FaultRepository faults, FaultHolds holds, InstanceRepository instances, FleetRuntime runtime, FleetService fleet,
    LabClock clock, EventLog events, AgentSignals signals, ILogger<FaultEngine> logger)
{
    /// <summary>Longest Duration accepted.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Validates and stores a fault; one due now starts before this returns.</summary>
    public async Task<FaultRecord> InjectAsync(FaultSpec spec, CancellationToken ct)
    {
        Validate(spec);
        var now = clock.GetUtcNow();
        var record = new FaultRecord
        {
            FaultId = WireFormat.HexId("flt-"), Kind = spec.Kind, SpecJson = JsonSerializer.Serialize(spec, PatchLabJsonContext.Default.FaultSpec),
            State = FaultStates.Scheduled, CreatedAt = now, StartsAt = spec.At is { } at && at > now ? at : now,
        };
        faults.Insert(record);
        if (record.StartsAt > now)
        {
            events.Add("fault", $"Fault {record.FaultId} ({record.Kind}) scheduled for {record.StartsAt:yyyy-MM-dd HH:mm:ss}Z");
            return record;
        }
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await StartAsync(record, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
        return faults.Get(record.FaultId)!;
    }

    /// <summary>Every fault, oldest first.</summary>
    public IReadOnlyList<FaultRecord> List() => faults.List();

    /// <summary>Ends a fault now (a scheduled one never starts). Clearing an ended fault changes nothing.</summary>
    public async Task<FaultRecord> ClearAsync(string faultId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var f = faults.Get(faultId) ?? throw new DoesNotExistException($"Fault {faultId} does not exist.");
            if (f.State == FaultStates.Scheduled)
            {
                faults.Update(f with { State = FaultStates.Ended, EndedAt = clock.GetUtcNow() });
                events.Add("fault", $"Fault {f.FaultId} ({f.Kind}) cleared before it started");
            }
            else if (f.State == FaultStates.Active)
            {
                await EndAsync(f, "cleared", ct).ConfigureAwait(false);
            }
            return faults.Get(faultId)!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One pass: starts scheduled faults that are due and ends active ones whose duration is up.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            foreach (var f in faults.Open())
            {
                if (f.State == FaultStates.Scheduled && f.StartsAt <= now)
                {
                    await StartAsync(f, ct).ConfigureAwait(false);
                }
                else if (f.State == FaultStates.Active && f.EndsAt is { } end && end <= now)
                {
                    await EndAsync(f, "duration over", ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Refuses a bad spec with a ValidationException naming the field and the valid values.</summary>
    public static void Validate(FaultSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrEmpty(spec.Kind))
        {
            throw new ValidationException($"Kind is required. Valid kinds: {string.Join(", ", FaultApi.Kinds)}.");
        }
        if (!FaultApi.Kinds.Contains(spec.Kind))
        {
            throw new ValidationException($"Kind '{spec.Kind}' is not a fault kind. Valid kinds: {string.Join(", ", FaultApi.Kinds)}.");
        }
        if (spec.Random is < 1)
        {
            throw new ValidationException($"Random must be at least 1 (how many of the matching instances to pick), got {spec.Random}.");
        }
        if (spec.Duration is { } d && (d <= TimeSpan.Zero || d > MaxDuration))
        {
            throw new ValidationException($"Duration must be more than 0 and at most {MaxDuration.TotalDays:0} days, got {d}.");
        }
        if (spec.Patch is not null && spec.Kind != FaultApi.PatchInstallFailure)
        {
            throw new ValidationException($"Patch applies to {FaultApi.PatchInstallFailure} only, not to {spec.Kind}.");
        }
        if (spec.Patch is { } p && (p.Length is 0 or > 256 || p.Any(char.IsWhiteSpace)))
        {
            throw new ValidationException($"Patch '{p}' must be a package name, name.arch, advisory id or KB id (1-256 characters, no spaces), or left out for any patch.");
        }
        if (spec.Kind == FaultApi.SlowReboot && spec.Duration is null)
        {
            throw new ValidationException($"{FaultApi.SlowReboot} needs Duration: how much longer each reboot takes (e.g. 10m). The fault lasts until cleared.");
        }
        if (spec.Kind == FaultApi.EngineRestart && (spec.Targets.Count > 0 || spec.Random is not null))
        {
            throw new ValidationException($"{FaultApi.EngineRestart} restarts the whole instance runtime: Targets and Random must be left out.");
        }
        foreach (var t in spec.Targets)
        {
            if (string.IsNullOrWhiteSpace(t))
            {
                throw new ValidationException("Targets entries must be an instance id (i-...), a Name tag value or tag:Key=Value; got an empty entry.");
            }
            if (t.StartsWith("tag:", StringComparison.Ordinal) && t.IndexOf('=', StringComparison.Ordinal) is < 5)
            {
                throw new ValidationException($"Target '{t}' must be tag:Key=Value, e.g. tag:Environment=Production.");
            }
        }
    }

    private async Task StartAsync(FaultRecord f, CancellationToken ct)
    {
        var spec = FaultHolds.SpecOf(f);
        var now = clock.GetUtcNow();
        var fleetApi = runtime.Fleet as IFleetFaults;
        var needsRuntime = f.Kind is FaultApi.AgentCrash or FaultApi.Offline or FaultApi.EngineRestart;
        if (needsRuntime && fleetApi is null)
        {
            faults.Update(f with { State = FaultStates.Ended, StartedAt = now, EndedAt = now });
            events.Add("fault", $"Fault {f.FaultId} ({f.Kind}) could not start: no instance runtime supports it ({runtime.Reason ?? runtime.Fleet?.RuntimeName})");
            return;
        }
        IReadOnlyList<string> ids = f.Kind == FaultApi.EngineRestart
            ? []
            : FaultTargets.Resolve(instances.List().Where(i => i.State != "terminated"), spec.Targets, spec.Random, spec.Seed);
        if (f.Kind != FaultApi.EngineRestart && ids.Count == 0)
        {
            faults.Update(f with { State = FaultStates.Ended, StartedAt = now, EndedAt = now });
            events.Add("fault", $"Fault {f.FaultId} ({f.Kind}) matched no instance ({Describe(spec)}): nothing to do");
            return;
        }
        // slow-reboot's Duration is the extra reboot time: the fault itself lasts until cleared.
        var endsAt = f.Kind == FaultApi.SlowReboot ? null : now + spec.Duration;
        var active = f with { State = FaultStates.Active, StartedAt = now, EndsAt = endsAt, InstanceIds = ids };
        // Recorded before acting: an emulator killed half-way ends (and so undoes) the fault after its restart.
        faults.Update(active);
        holds.Refresh();
        switch (f.Kind)
        {
            case FaultApi.Offline:
                await EachAsync(ids, "pause", id => fleetApi!.PauseAsync(id, ct)).ConfigureAwait(false);
                break;
            case FaultApi.AgentCrash:
                await EachAsync(ids, "kill the agent of", id => fleetApi!.KillAgentAsync(id, ct)).ConfigureAwait(false);
                break;
            case FaultApi.EngineRestart:
                ids = await fleetApi!.StopEngineAsync(ct).ConfigureAwait(false);
                active = active with { InstanceIds = ids };
                faults.Update(active);
                holds.Refresh();
                break;
        }
        events.Add("fault", $"Fault {f.FaultId} ({f.Kind}) started on {(ids.Count == 0 ? "no running instance" : string.Join(", ", ids))}"
            + (spec.Patch is { } p ? $", patch {p}" : "") + (spec.Duration is { } d ? f.Kind == FaultApi.SlowReboot ? $"; reboots take {d} longer" : $" for {d}" : ""));
        signals.InvocationsChanged();
        if (endsAt is null && f.Kind is FaultApi.AgentCrash or FaultApi.EngineRestart)
        {
            // No Duration: the runtime restarts the agent at once, as systemd (or the engine coming back) would.
            await EndAsync(active, "restarted", ct).ConfigureAwait(false);
        }
    }

    private async Task EndAsync(FaultRecord f, string why, CancellationToken ct)
    {
        faults.Update(f with { State = FaultStates.Ended, EndedAt = clock.GetUtcNow() });
        holds.Refresh();
        var fleetApi = runtime.Fleet as IFleetFaults;
        switch (f.Kind)
        {
            case FaultApi.Offline when fleetApi is not null:
                await EachAsync(f.InstanceIds, "unpause", id => fleetApi.UnpauseAsync(id, ct)).ConfigureAwait(false);
                break;
            case FaultApi.AgentCrash when fleetApi is not null:
                await EachAsync(f.InstanceIds.Where(id => !holds.IsHeld(id)).ToList(), "restart the agent of", id => fleetApi.ReviveAgentAsync(id, ct))
                    .ConfigureAwait(false);
                break;
            case FaultApi.EngineRestart:
                // The engine is back: the emulator re-adopts its instances by label and starts those that should run.
                await fleet.ReconcileAsync(ct, startup: false).ConfigureAwait(false);
                break;
        }
        events.Add("fault", $"Fault {f.FaultId} ({f.Kind}) ended ({why}){(f.InstanceIds.Count > 0 ? ": " + string.Join(", ", f.InstanceIds) : "")}");
        signals.InvocationsChanged();
    }

    /// <summary>Acts on every instance; one failing (terminated meanwhile, engine hiccup) is logged and the rest still go.</summary>
    private async Task EachAsync(IReadOnlyList<string> ids, string action, Func<string, Task> act)
    {
        foreach (var id in ids)
        {
            try
            {
                await act(id).ConfigureAwait(false);
            }
            catch (FleetException e)
            {
                events.Add("fault", $"Could not {action} {id}: {e.Message}");
                logger.LogWarning("Fault action {Action} on {Instance} failed: {Message}", action, id, e.Message);
            }
        }
    }

    private static string Describe(FaultSpec spec) =>
        (spec.Targets.Count == 0 ? "every instance" : "targets " + string.Join(" ", spec.Targets)) + (spec.Random is { } n ? $", random {n} seed {spec.Seed}" : "");

    /// <summary>The lab API's view of a fault.</summary>
    public static FaultDto ToDto(FaultRecord f) => new()
    {
        FaultId = f.FaultId, Spec = FaultHolds.SpecOf(f), State = f.State, InstanceIds = [.. f.InstanceIds], StartedAt = f.StartedAt, EndedAt = f.EndedAt,
    };
}
