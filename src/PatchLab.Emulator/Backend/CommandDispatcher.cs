using PatchLab.Domain.Model;
using PatchLab.Domain.RunCommand;
using PatchLab.Domain.Status;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Hosting;
using PatchLab.Storage;

namespace PatchLab.Emulator.Backend;

/// <summary>
/// Run Command rate control and delivery bookkeeping (reference 3.2, 3.3). Like <see cref="WindowEngine"/>, every step is a
/// pure function of what SQLite holds and runs on each scheduler tick, so a restarted emulator carries on where it was:
/// the MaxConcurrency ramp (1 → 3 → 7 …) is re-derived from how many dispatched invocations were acknowledged.
/// </summary>
/// <remarks>
/// Per tick and active command: a dispatched invocation whose instance was terminated becomes Undeliverable; one still
/// Pending whose instance is stopped or ConnectionLost becomes Delayed (delivery retried until the delivery timeout);
/// undispatched invocations start while the plan allows, and become Terminated once errors exceed MaxErrors.
/// Invocations already running are left to finish (they may fail too).
/// </remarks>
public sealed class CommandDispatcher(CommandRepository commands, InstanceRepository instances, CommandBackend backend, PingStatusRule ping,
    AgentSignals signals, EventLog events, LabClock clock)
{
    private static readonly string[] NotFinal = ["Pending", "Delayed", "InProgress", "Cancelling"];
    private readonly Lock _gate = new();

    /// <summary>One scheduler pass over every active command, then the deadlines.</summary>
    public void Tick()
    {
        var active = commands.Active();
        if (active.Count > 0)
        {
            var byId = instances.List().ToDictionary(i => i.InstanceId);
            foreach (var cmd in active)
            {
                Advance(cmd, byId);
            }
        }
        backend.ExpireDue();
    }

    /// <summary>Advances one command now (SendCommand dispatches its first wave without waiting for the next tick).</summary>
    public void Advance(string commandId)
    {
        if (commands.Get(commandId) is { } cmd)
        {
            Advance(cmd, instances.List().ToDictionary(i => i.InstanceId));
        }
    }

    private void Advance(Command cmd, Dictionary<string, Instance> byId)
    {
        // SendCommand's first wave and the scheduler tick may meet on one command: one at a time, or the ramp overshoots.
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var invocations = commands.InvocationsInOrder(cmd.CommandId);
            var changed = false;
            foreach (var inv in invocations.Where(i => i.Dispatched && !IsFinal(i)))
            {
                changed |= CheckDelivery(cmd, inv, byId.GetValueOrDefault(inv.InstanceId), now);
            }
            changed |= Dispatch(cmd, byId, now);
            if (changed)
            {
                backend.Recompute(cmd.CommandId);
                signals.InvocationsChanged();
            }
        }
    }

    private bool CheckDelivery(Command cmd, CommandInvocation inv, Instance? instance, DateTimeOffset now)
    {
        if (instance is null || instance.State == "terminated")
        {
            // The node is gone: nothing can reach it any more. A cancel in flight is simply done.
            var to = inv.StatusDetails == InvocationStatus.Cancelling.Details ? InvocationStatus.Cancelled : InvocationStatus.Undeliverable;
            if (commands.TrySetInvocationStatus(cmd.CommandId, inv.InstanceId, NotFinal, to.Details, now))
            {
                events.Add("command", $"{inv.InstanceId} is terminated: command {cmd.CommandId[..8]} is {to.Details}");
                return true;
            }
            return false;
        }
        if (inv.StatusDetails == InvocationStatus.Pending.Details && !inv.Acked && Unreachable(instance))
        {
            return commands.TrySetInvocationStatus(cmd.CommandId, inv.InstanceId, [InvocationStatus.Pending.Details], InvocationStatus.Delayed.Details, null);
        }
        return false;
    }

    private bool Dispatch(Command cmd, Dictionary<string, Instance> byId, DateTimeOffset now)
    {
        var invocations = commands.InvocationsInOrder(cmd.CommandId);
        var waiting = invocations.Where(i => !i.Dispatched && !IsFinal(i)).ToList();
        if (waiting.Count == 0 || cmd.CancelRequested)
        {
            return false;
        }
        var plan = ConcurrencyPlan.Create(cmd.MaxConcurrency, cmd.MaxErrors, invocations.Count);
        var responded = invocations.Count(i => i.Dispatched && (i.Acked || i.StatusDetails is not ("Pending" or "Delayed")));
        for (var k = 0; k < responded && plan.Window < plan.Concurrency; k++)
        {
            plan.OnAcknowledged();
        }
        var inFlight = invocations.Count(i => i.Dispatched && !IsFinal(i));
        var errors = invocations.Count(i => InvocationStatus.FromDetails(i.StatusDetails).CountsTowardMaxErrors);
        var changed = false;
        if (plan.ShouldStop(errors))
        {
            foreach (var inv in waiting)
            {
                changed |= commands.TrySetInvocationStatus(cmd.CommandId, inv.InstanceId, [InvocationStatus.Pending.Details], InvocationStatus.Terminated.Details, now);
            }
            events.Add("command", $"Command {cmd.CommandId[..8]} stopped after {errors} error(s) (MaxErrors {cmd.MaxErrors}): {waiting.Count} invocation(s) Terminated");
            return changed;
        }
        var room = plan.CanStart(inFlight, waiting.Count, errors);
        var doc = Documents.Find(cmd.DocumentName);
        foreach (var inv in waiting)
        {
            if (room <= 0)
            {
                break;
            }
            var instance = byId.GetValueOrDefault(inv.InstanceId);
            if (instance is null || instance.State == "terminated")
            {
                changed |= commands.TrySetInvocationStatus(cmd.CommandId, inv.InstanceId, [InvocationStatus.Pending.Details], InvocationStatus.Undeliverable.Details, now);
                continue;
            }
            if (doc is not null && !DocumentRules.Supports(doc, instance.PlatformType))
            {
                changed |= commands.TrySetInvocationStatus(cmd.CommandId, inv.InstanceId, [InvocationStatus.Pending.Details], InvocationStatus.InvalidPlatform.Details, now);
                continue;
            }
            if (!commands.MarkDispatched(cmd.CommandId, inv.InstanceId))
            {
                continue; // cancelled (or expired) since it was read as waiting: nothing to send
            }
            signals.WorkAvailable(inv.InstanceId);
            room--;
            inFlight++;
            changed = true;
            events.Add("command", $"Dispatched {cmd.DocumentName} ({cmd.CommandId[..8]}) to {inv.InstanceId}; in flight {inFlight}/{plan.Concurrency}, ramp {plan.Window}");
        }
        return changed;
    }

    private bool Unreachable(Instance instance) => instance.State == "stopped" || ping.Of(instance) == "ConnectionLost";

    private static bool IsFinal(CommandInvocation i) => InvocationStatus.FromDetails(i.StatusDetails).IsTerminal;
}
