using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using PatchLab.Labs.Model;
using PatchFilter = Amazon.SimpleSystemsManagement.Model.PatchFilter;
using PatchRule = Amazon.SimpleSystemsManagement.Model.PatchRule;
using Target = Amazon.SimpleSystemsManagement.Model.Target;

namespace PatchLab.Labs.Running;

/// <summary>
/// Applies a validated lab to a running emulator: the fleet, clock and faults through the lab API, baselines, windows,
/// targets and tasks through the real SSM API (so the emulator's own validation applies). Order: fault API probe (when the lab
/// has faults), clock, fleet, then (clock paused) baselines, windows, faults, and finally the lab's speed.
/// </summary>
public sealed class LabApplier(IAmazonSimpleSystemsManagement ssm, LabClient lab, Action<string> log)
{
    /// <summary>Applies <paramref name="l"/>; throws <see cref="LabApplyException"/> naming the item the emulator refused.</summary>
    public async Task<LabDeployment> ApplyAsync(Lab l, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(l);
        var d = new LabDeployment();
        if (l.Faults.Count > 0)
        {
            await ProbeFaultApiAsync(ct).ConfigureAwait(false);
        }
        var clock = await lab.GetClockAsync(ct).ConfigureAwait(false);
        if (clock.Now < l.Clock.Start)
        {
            await lab.ChangeClockAsync(new ClockChangeRequest { JumpTo = l.Clock.Start }, ct).ConfigureAwait(false);
        }
        await LaunchFleetAsync(l, d, ct).ConfigureAwait(false);
        // Nothing may fire while the windows are only half registered.
        await lab.ChangeClockAsync(new ClockChangeRequest { Paused = true }, ct).ConfigureAwait(false);
        foreach (var b in l.Baselines)
        {
            await Step($"baseline '{b.Name}'", () => CreateBaselineAsync(b, d, ct)).ConfigureAwait(false);
        }
        foreach (var w in l.Windows)
        {
            await Step($"window '{w.Name}'", () => CreateWindowAsync(w, d, ct)).ConfigureAwait(false);
        }
        foreach (var f in l.Faults)
        {
            var spec = new FaultSpec
            {
                Kind = f.Kind, Targets = [.. f.Targets.Select(t => d.Instances.GetValueOrDefault(t, t))], Random = f.Random, Seed = f.Seed, Patch = f.Patch,
                At = f.At, Duration = f.Duration,
            };
            await Step($"fault '{f.Kind}'", async () =>
            {
                var dto = await lab.InjectFaultAsync(spec, ct).ConfigureAwait(false);
                d.Faults.Add(dto);
                log($"fault {dto.FaultId}: {f.Kind} {dto.State}{(f.At is { } at ? $" at {at:yyyy-MM-ddTHH:mm}Z" : "")}");
            }).ConfigureAwait(false);
        }
        await lab.ChangeClockAsync(new ClockChangeRequest { Speed = l.Clock.Speed, Paused = false }, ct).ConfigureAwait(false);
        log($"lab {l.Name} applied: {d.Instances.Count} instance(s), {d.Baselines.Count} baseline(s), {d.Windows.Count} window(s), {d.Faults.Count} fault(s); clock x{l.Clock.Speed}");
        return d;
    }

    private async Task ProbeFaultApiAsync(CancellationToken ct)
    {
        try
        {
            await lab.ListFaultsAsync(ct).ConfigureAwait(false);
        }
        catch (LabApiException e) when (e.Code is "HTTP404" or "UnknownOperationException")
        {
            throw new LabApplyException($"the lab has faults, but this emulator has no fault API (GET {FaultApi.Faults} answered {e.Code}: {e.Message}); nothing was applied", e);
        }
    }

    private static async Task Step(string what, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (AmazonSimpleSystemsManagementException e)
        {
            throw new LabApplyException($"the emulator refused {what}: {e.ErrorCode}: {e.Message}", e);
        }
        catch (LabApiException e)
        {
            throw new LabApplyException($"the emulator refused {what}: {e.Code}: {e.Message}", e);
        }
    }

    private async Task LaunchFleetAsync(Lab l, LabDeployment d, CancellationToken ct)
    {
        foreach (var g in l.Fleet)
        {
            log($"launching {g.Count} × {g.Os} '{g.Name}' ({string.Join(", ", g.Tags.Select(t => $"{t.Key}={t.Value}"))}; {g.AgeDays} days behind)");
            FleetLaunchProgress last;
            try
            {
                last = await lab.LaunchAsync(new FleetLaunchRequest
                {
                    Count = g.Count, Os = g.Os, Tags = g.Tags.ToDictionary(), NamePrefix = g.Name, AgeDays = g.AgeDays,
                }, new InlineProgress<FleetLaunchProgress>(p => log(p.Total > 0 ? $"  [{p.Done}/{p.Total}] {p.Message}" : $"  {p.Message}")), ct).ConfigureAwait(false);
            }
            catch (LabApiException e)
            {
                throw new LabApplyException($"the emulator could not launch fleet group '{g.Name}': {e.Code}: {e.Message}", e);
            }
            if (last.Stage == "failed")
            {
                throw new LabApplyException($"the emulator could not launch fleet group '{g.Name}': {last.Message}");
            }
        }
        var rows = await lab.GetInstancesAsync(ct).ConfigureAwait(false);
        foreach (var r in rows.Instances.Where(r => r.State != "terminated"))
        {
            d.Instances[r.Name] = r.InstanceId;
        }
        foreach (var name in l.InstanceNames.Where(n => !d.Instances.ContainsKey(n)))
        {
            throw new LabApplyException($"instance '{name}' was launched but the emulator does not list it");
        }
    }

    private async Task CreateBaselineAsync(LabBaseline b, LabDeployment d, CancellationToken ct)
    {
        var req = new CreatePatchBaselineRequest
        {
            Name = b.Name, OperatingSystem = b.OperatingSystem, Description = b.Description,
            ApprovedPatchesComplianceLevel = b.ApprovedPatchesComplianceLevel, ApprovedPatchesEnableNonSecurity = b.ApprovedPatchesEnableNonSecurity,
            RejectedPatchesAction = b.RejectedPatchesAction,
        };
        if (b.GlobalFilters.Count > 0)
        {
            req.GlobalFilters = Filters(b.GlobalFilters);
        }
        if (b.ApprovalRules.Count > 0)
        {
            req.ApprovalRules = new PatchRuleGroup
            {
                PatchRules = [.. b.ApprovalRules.Select(r => new PatchRule
                {
                    PatchFilterGroup = Filters(r.Filters), ComplianceLevel = r.ComplianceLevel, ApproveAfterDays = r.ApproveAfterDays,
                    ApproveUntilDate = r.ApproveUntilDate, EnableNonSecurity = r.EnableNonSecurity,
                })],
            };
        }
        if (b.ApprovedPatches.Count > 0)
        {
            req.ApprovedPatches = [.. b.ApprovedPatches];
        }
        if (b.RejectedPatches.Count > 0)
        {
            req.RejectedPatches = [.. b.RejectedPatches];
        }
        var id = (await ssm.CreatePatchBaselineAsync(req, ct).ConfigureAwait(false)).BaselineId;
        d.Baselines[b.Name] = id;
        if (b.Default)
        {
            await ssm.RegisterDefaultPatchBaselineAsync(new RegisterDefaultPatchBaselineRequest { BaselineId = id }, ct).ConfigureAwait(false);
        }
        foreach (var pg in b.PatchGroups)
        {
            await ssm.RegisterPatchBaselineForPatchGroupAsync(new RegisterPatchBaselineForPatchGroupRequest { BaselineId = id, PatchGroup = pg }, ct).ConfigureAwait(false);
        }
        log($"baseline {b.Name} = {id}{(b.Default ? $" (default for {b.OperatingSystem})" : "")}{(b.PatchGroups.Count > 0 ? $", patch groups {string.Join(", ", b.PatchGroups)}" : "")}");
    }

    private static PatchFilterGroup Filters(IReadOnlyDictionary<string, IReadOnlyList<string>> filters) =>
        new() { PatchFilters = [.. filters.Select(f => new PatchFilter { Key = f.Key, Values = [.. f.Value] })] };

    private async Task CreateWindowAsync(LabWindow w, LabDeployment d, CancellationToken ct)
    {
        var id = (await ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
        {
            Name = w.Name, Description = w.Description, Schedule = w.Schedule, ScheduleTimezone = w.ScheduleTimezone, ScheduleOffset = w.ScheduleOffset,
            Duration = w.Duration, Cutoff = w.Cutoff, AllowUnassociatedTargets = w.AllowUnassociatedTargets, StartDate = w.StartDate, EndDate = w.EndDate,
        }, ct).ConfigureAwait(false)).WindowId;
        d.Windows[w.Name] = id;
        foreach (var t in w.Targets)
        {
            List<Target> targets = t.Instances.Count > 0 ? [new Target { Key = "InstanceIds", Values = [.. t.Instances.Select(n => d.Instances[n])] }]
                : t.TagKeys.Count > 0 ? [new Target { Key = "tag-key", Values = [.. t.TagKeys] }]
                : [.. t.Tags.Select(kv => new Target { Key = "tag:" + kv.Key, Values = [.. kv.Value] })];
            var targetId = (await ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
            {
                WindowId = id, ResourceType = MaintenanceWindowResourceType.INSTANCE, Name = t.Name, Targets = targets,
            }, ct).ConfigureAwait(false)).WindowTargetId;
            d.Targets[$"{w.Name}/{t.Name}"] = targetId;
        }
        foreach (var t in w.Tasks)
        {
            await ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
            {
                WindowId = id, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = t.Document, Name = t.Name, Priority = t.Priority,
                Targets = [new Target { Key = "WindowTargetIds", Values = [.. t.Targets.Select(n => d.Targets[$"{w.Name}/{n}"])] }],
                MaxConcurrency = t.MaxConcurrency, MaxErrors = t.MaxErrors, CutoffBehavior = MaintenanceWindowTaskCutoffBehavior.FindValue(t.CutoffBehavior),
                TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
                {
                    RunCommand = new MaintenanceWindowRunCommandParameters
                    {
                        Parameters = t.Parameters.ToDictionary(p => p.Key, p => p.Value.ToList()), TimeoutSeconds = t.TimeoutSeconds,
                    },
                },
            }, ct).ConfigureAwait(false);
        }
        if (!w.Enabled)
        {
            await ssm.UpdateMaintenanceWindowAsync(new UpdateMaintenanceWindowRequest { WindowId = id, Enabled = false }, ct).ConfigureAwait(false);
        }
        log($"window {w.Name} = {id}: {w.Schedule}{(w.ScheduleTimezone is { } tz ? $" ({tz})" : "")}, {w.Duration} h, cutoff {w.Cutoff} h; {w.Targets.Count} target(s), {w.Tasks.Count} task(s)");
    }
}
