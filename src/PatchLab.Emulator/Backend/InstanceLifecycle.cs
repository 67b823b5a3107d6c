using System.Text.RegularExpressions;
using PatchLab.Domain.Model;
using PatchLab.Domain.Ports;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Backend;

/// <summary>
/// The operator's instance actions (lab API and <c>patchlab instance …</c>): reboot, stop, start, terminate, tag, untag.
/// The lifecycle state lives in SQLite with EC2's names (pending, running, rebooting, stopping, stopped, shutting-down,
/// terminated); the runtime only carries the action out. Errors use EC2's codes (InvalidInstanceID.NotFound,
/// IncorrectInstanceState), since these actions are EC2's, not SSM's.
/// </summary>
public sealed partial class InstanceLifecycle(FleetRuntime runtime, FleetService fleetService, InstanceRepository instances, AgentSignals signals,
    EventLog events)
{
    /// <summary>Reboots a running instance (a container restart): its agent re-registers after the boot.</summary>
    public async Task<Instance> RebootAsync(string instanceId, CancellationToken ct)
    {
        var i = RequireState(instanceId, "reboot", "running", "rebooting");
        RequireFleet();
        await fleetService.RebootAsync(i.InstanceId, ct).ConfigureAwait(false);
        return instances.Get(instanceId)!;
    }

    /// <summary>Stops an instance; its disk is kept. Stopping a stopped instance is a no-op, as on EC2.</summary>
    public async Task<Instance> StopAsync(string instanceId, CancellationToken ct)
    {
        var i = RequireState(instanceId, "stop", "running", "rebooting", "stopping", "stopped", "pending");
        if (i.State == "stopped")
        {
            return i;
        }
        var fleet = RequireFleet();
        // Stopping first, so the re-adoption pass does not start the container again while it goes down.
        instances.SetState(instanceId, "stopping");
        try
        {
            await fleet.StopAsync(instanceId, ct).ConfigureAwait(false);
        }
        catch (FleetException e)
        {
            instances.SetState(instanceId, i.State);
            throw new AwsException("InstanceActionFailed", $"Stopping {instanceId} failed: {e.Message}");
        }
        instances.SetState(instanceId, "stopped");
        events.Add("fleet", $"Stopped {instanceId} ({i.Name}); its agent is gone until it starts again");
        signals.InvocationsChanged();
        return instances.Get(instanceId)!;
    }

    /// <summary>Starts a stopped instance; its agent registers again at boot. Starting a running instance is a no-op.</summary>
    public async Task<Instance> StartAsync(string instanceId, CancellationToken ct)
    {
        var i = RequireState(instanceId, "start", "stopped", "running", "pending", "rebooting");
        if (i.State != "stopped")
        {
            return i;
        }
        var fleet = RequireFleet();
        try
        {
            await fleet.StartAsync(instanceId, ct).ConfigureAwait(false);
        }
        catch (FleetException e)
        {
            throw new AwsException("InstanceActionFailed", $"Starting {instanceId} failed: {e.Message}");
        }
        instances.SetState(instanceId, "running");
        events.Add("fleet", $"Started {instanceId} ({i.Name})");
        signals.InvocationsChanged();
        return instances.Get(instanceId)!;
    }

    /// <summary>
    /// Terminates an instance: its container and disk are removed; it leaves DescribeInstanceInformation, and invocations
    /// still waiting for it become Undeliverable. Terminating a terminated instance is a no-op, as on EC2.
    /// </summary>
    public async Task<Instance> TerminateAsync(string instanceId, CancellationToken ct)
    {
        var i = Require(instanceId);
        if (i.State == "terminated")
        {
            return i;
        }
        var fleet = RequireFleet();
        instances.SetState(instanceId, "shutting-down");
        try
        {
            await fleet.TerminateAsync(instanceId, ct).ConfigureAwait(false);
        }
        catch (FleetException e)
        {
            instances.SetState(instanceId, i.State);
            throw new AwsException("InstanceActionFailed", $"Terminating {instanceId} failed: {e.Message}");
        }
        instances.SetState(instanceId, "terminated");
        events.Add("fleet", $"Terminated {instanceId} ({i.Name})");
        signals.InvocationsChanged();
        return instances.Get(instanceId)!;
    }

    /// <summary>
    /// Adds or overwrites tags (EC2 rules: key 1–128 characters, value up to 256, no aws: prefix). Tag targets are evaluated
    /// when a command or window runs, so a retag changes what the next run hits.
    /// </summary>
    public Instance Tag(string instanceId, IReadOnlyDictionary<string, string> tags)
    {
        var i = RequireLive(instanceId);
        if (tags.Count == 0)
        {
            throw new ValidationException("Give at least one tag, e.g. Environment=Production.");
        }
        foreach (var (k, v) in tags)
        {
            if (k.Length is 0 or > 128 || v.Length > 256 || !TagText().IsMatch(k) || !TagText().IsMatch(v))
            {
                throw new ValidationException(
                    $"Tag '{k}={v}' is not valid: keys are 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @.");
            }
            if (k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw new ValidationException($"Tag key '{k}' uses the reserved prefix aws:.");
            }
        }
        instances.SetTags(instanceId, tags);
        events.Add("fleet", $"Tagged {instanceId} ({i.Name}): {string.Join(" ", tags.Select(t => $"{t.Key}={t.Value}"))}");
        return instances.Get(instanceId)!;
    }

    /// <summary>Removes tags by key; keys the instance does not have are ignored, as EC2 does.</summary>
    public Instance Untag(string instanceId, IReadOnlyCollection<string> keys)
    {
        var i = RequireLive(instanceId);
        if (keys.Count == 0)
        {
            throw new ValidationException("Give at least one tag key to remove, e.g. Environment.");
        }
        var removed = instances.RemoveTags(instanceId, keys);
        events.Add("fleet", $"Untagged {instanceId} ({i.Name}): {string.Join(", ", keys)} ({removed} removed)");
        return instances.Get(instanceId)!;
    }

    private Instance Require(string instanceId) => instances.Get(instanceId)
        ?? throw new AwsException("InvalidInstanceID.NotFound", $"The instance ID '{instanceId}' does not exist in this PatchLab.");

    private Instance RequireLive(string instanceId)
    {
        var i = Require(instanceId);
        return i.State == "terminated" ? throw new AwsException("IncorrectInstanceState", $"The instance '{instanceId}' is terminated.") : i;
    }

    private Instance RequireState(string instanceId, string action, params string[] states)
    {
        var i = Require(instanceId);
        return states.Contains(i.State)
            ? i
            : throw new AwsException("IncorrectInstanceState", $"The instance '{instanceId}' is {i.State}; it cannot be asked to {action} now.");
    }

    private IFleet RequireFleet() => runtime.Fleet
        ?? throw new AwsException("FleetUnavailable", $"No instance runtime is available: {runtime.Reason}");

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex TagText();
}
