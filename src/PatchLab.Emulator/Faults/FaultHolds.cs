using System.Text.Json;
using PatchLab.Contracts;
using PatchLab.Contracts.Agent;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Model;
using PatchLab.Storage;

namespace PatchLab.Emulator.Faults;

/// <summary>
/// What the active faults mean for the rest of the emulator, read from SQLite (so a restarted emulator knows at once):
/// which instances the fleet re-adoption must leave down, how much longer their reboots take, and which installs fail.
/// <see cref="FaultEngine"/> refreshes it after every start and end.
/// </summary>
public sealed class FaultHolds
{
    private readonly FaultRepository _faults;
    private volatile Snapshot _now = new([], new Dictionary<string, TimeSpan>(), new Dictionary<string, AgentInstallFaults>());

    /// <summary>Loads the active faults.</summary>
    public FaultHolds(FaultRepository faults)
    {
        _faults = faults;
        Refresh();
    }

    /// <summary>True when a fault keeps this instance down (crashed agent, stopped engine, paused): re-adoption must not start it.</summary>
    public bool IsHeld(string instanceId) => _now.Held.Contains(instanceId);

    /// <summary>How much longer a reboot of this instance takes (slow-reboot), zero when no fault applies.</summary>
    public TimeSpan ExtraRebootDelay(string instanceId) => _now.SlowReboot.GetValueOrDefault(instanceId);

    /// <summary>Install faults for the instance's next install (patch-install-failure, disk-full), or null.</summary>
    public AgentInstallFaults? InstallFaultsFor(string instanceId) =>
        _now.Install.TryGetValue(instanceId, out var f) ? new AgentInstallFaults { FailPatches = [.. f.FailPatches], DiskFull = f.DiskFull } : null;

    /// <summary>Reads the active faults again.</summary>
    public void Refresh()
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        var slow = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var install = new Dictionary<string, AgentInstallFaults>(StringComparer.Ordinal);
        foreach (var f in _faults.Open().Where(f => f.State == FaultStates.Active))
        {
            var spec = SpecOf(f);
            foreach (var id in f.InstanceIds)
            {
                switch (f.Kind)
                {
                    case FaultApi.AgentCrash or FaultApi.EngineRestart or FaultApi.Offline:
                        held.Add(id);
                        break;
                    case FaultApi.SlowReboot:
                        slow[id] = slow.GetValueOrDefault(id) + (spec.Duration ?? TimeSpan.Zero);
                        break;
                    case FaultApi.PatchInstallFailure:
                        Install(id).FailPatches.Add(spec.Patch is { Length: > 0 } p ? p : "*");
                        break;
                    case FaultApi.DiskFull:
                        Install(id).DiskFull = true;
                        break;
                }
            }
        }
        _now = new Snapshot(held, slow, install);

        AgentInstallFaults Install(string id) => install.TryGetValue(id, out var x) ? x : install[id] = new AgentInstallFaults();
    }

    /// <summary>The spec a fault was injected with.</summary>
    public static FaultSpec SpecOf(FaultRecord f) => JsonSerializer.Deserialize(f.SpecJson, PatchLabJsonContext.Default.FaultSpec) ?? new FaultSpec();

    private sealed record Snapshot(HashSet<string> Held, IReadOnlyDictionary<string, TimeSpan> SlowReboot, IReadOnlyDictionary<string, AgentInstallFaults> Install);
}
