using PatchLab.Contracts.Agent;
using PatchLab.Domain.Model;
using PatchLab.Domain.RunCommand;
using PatchLab.Domain.Status;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Hosting;
using PatchLab.Storage;

namespace PatchLab.Emulator.Backend;

/// <summary>Run Command: commands, their invocations, agent acknowledgements and replies, expiry.</summary>
public sealed class CommandBackend(CommandRepository commands, LabClock clock, AgentSignals signals, EventLog events, FleetService fleet)
{
    /// <summary>Agents keep output to 2500 characters per plugin in list views (reference 3.4).</summary>
    public const int OutputLimit = 2500;

    /// <summary>
    /// Creates a command for one instance (how a window task dispatches each target) and wakes its agent. A window task
    /// records its invocation with <paramref name="commandId"/> before calling this, so a crash in between is repaired by
    /// sending the same command id again, never a second command.
    /// </summary>
    public Command SendToInstance(DocumentDefinition doc, Dictionary<string, List<string>> parameters, string instanceId, string maxConcurrency,
        string maxErrors, int timeoutSeconds, string comment, string serviceRole, string? windowExecutionId, string? commandId = null)
    {
        var now = clock.GetUtcNow();
        var cmd = new Command
        {
            CommandId = commandId ?? Guid.NewGuid().ToString(), DocumentName = doc.Name, DocumentVersion = "1", Comment = comment,
            Parameters = parameters.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)k.Value), InstanceIds = [instanceId], RequestedDateTime = now,
            // ExpiresAfter = requested + delivery timeout + the document's execution timeout (reference 3.1).
            ExpiresAfter = now.AddSeconds(timeoutSeconds + doc.StepTimeoutSeconds), Status = "Pending", StatusDetails = "Pending",
            MaxConcurrency = maxConcurrency, MaxErrors = maxErrors, TimeoutSeconds = timeoutSeconds, ServiceRole = serviceRole,
            TargetCount = 1, WindowExecutionId = windowExecutionId,
        };
        commands.Insert(cmd, [instanceId]);
        signals.WorkAvailable(instanceId);
        return cmd;
    }

    /// <summary>
    /// The agent acknowledged a message: a Run message (the document is on its disk) or a Cancel message. Ids addressed
    /// to another instance are ignored.
    /// </summary>
    public void AcknowledgeMessage(string instanceId, string messageId)
    {
        if (!AgentMessageIds.TryParse(messageId, instanceId, out var commandId, out var isCancel))
        {
            return;
        }
        if (!isCancel)
        {
            Acknowledge(instanceId, commandId);
        }
        else if (commands.AcknowledgeCancel(commandId, instanceId, clock.GetUtcNow()))
        {
            Recompute(commandId);
            signals.InvocationsChanged();
        }
    }

    /// <summary>The agent acknowledged a message.</summary>
    public void Acknowledge(string instanceId, string commandId)
    {
        if (commands.Acknowledge(commandId, instanceId, clock.GetUtcNow()))
        {
            Recompute(commandId);
            signals.InvocationsChanged();
        }
    }

    /// <summary>Applies an agent reply (stale sequences are ignored); asks the fleet for a reboot when the agent wants one.</summary>
    public async Task ApplyReplyAsync(string instanceId, AgentReply reply, CancellationToken ct)
    {
        var status = InvocationStatus.FromAgentDocumentStatus(reply.DocumentStatus);
        var plugins = reply.Steps.Select(s => new PluginResult
        {
            Name = s.Name, Status = PluginStatus(s.Status), StatusDetails = PluginStatus(s.Status) switch { "TimedOut" => "ExecutionTimedOut", var x => x },
            ResponseCode = s.Code, ResponseStartDateTime = s.StartDateTime, ResponseFinishDateTime = s.EndDateTime,
            StandardOutput = s.StandardOutput, StandardError = s.StandardError,
        }).ToList();
        var code = reply.Steps.Where(s => s.Code >= 0).Select(s => s.Code).DefaultIfEmpty(-1).Max();
        var end = status.IsTerminal ? reply.Steps.Select(s => s.EndDateTime).Max() ?? clock.GetUtcNow() : (DateTimeOffset?)null;
        var applied = commands.ApplyReply(reply.CommandId, instanceId, reply.Sequence, status.Details, status.IsTerminal ? code : -1,
            reply.RebootRequested, plugins, end);
        if (!applied)
        {
            return;
        }
        // Logged before anything is woken by the change: the window engine's "task ended" must come after "finished".
        if (status.IsTerminal)
        {
            events.Add("command", $"{instanceId} finished {reply.CommandId[..8]}: {status.Details}");
        }
        Recompute(reply.CommandId);
        signals.InvocationsChanged();
        if (reply.RebootRequested)
        {
            events.Add("agent", $"{instanceId} asks for a reboot (exit code {code}) to finish {reply.CommandId[..8]}");
            await fleet.RebootAsync(instanceId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Recomputes a command's status and counters from its invocations, atomically: concurrent calls (replies arriving
    /// together) never leave a status derived from invocations older than the last change (see <see cref="CommandRepository.Recompute"/>).
    /// </summary>
    public void Recompute(string commandId) =>
        commands.Recompute(commandId, static (cmd, invocations) =>
        {
            var statuses = invocations.Select(i => InvocationStatus.FromDetails(i.StatusDetails)).ToList();
            var plan = ConcurrencyPlan.Create(cmd.MaxConcurrency, cmd.MaxErrors, statuses.Count);
            var merged = CommandStatusRules.Merge(statuses, plan.ErrorsAllowed, cmd.CancelRequested);
            var counters = CommandStatusRules.Count(statuses);
            return new CommandTally(merged.Status, merged.Details, counters.CompletedCount, counters.ErrorCount, counters.DeliveryTimedOutCount);
        });

    /// <summary>
    /// Applies the two deadlines of a command (reference 3.1): an invocation no agent has acknowledged by RequestedDateTime +
    /// TimeoutSeconds (the delivery timeout) will not run and becomes DeliveryTimedOut; at ExpiresAfter every unfinished
    /// invocation becomes DeliveryTimedOut, except one being cancelled, which becomes Cancelled.
    /// </summary>
    public void ExpireDue()
    {
        var now = clock.GetUtcNow();
        foreach (var cmd in commands.Active())
        {
            var expired = cmd.ExpiresAfter <= now;
            if (!expired && cmd.RequestedDateTime.AddSeconds(cmd.TimeoutSeconds) > now)
            {
                continue;
            }
            var changed = false;
            foreach (var inv in commands.Invocations(cmd.CommandId, null).Where(i => !InvocationStatus.FromDetails(i.StatusDetails).IsTerminal))
            {
                string to;
                if (expired)
                {
                    to = inv.StatusDetails == InvocationStatus.Cancelling.Details ? InvocationStatus.Cancelled.Details : InvocationStatus.DeliveryTimedOut.Details;
                }
                else if (!inv.Acked && inv.StatusDetails is "Pending" or "Delayed")
                {
                    to = InvocationStatus.DeliveryTimedOut.Details;
                }
                else
                {
                    continue;
                }
                if (commands.TrySetInvocationStatus(cmd.CommandId, inv.InstanceId, [inv.StatusDetails], to, now))
                {
                    changed = true;
                    events.Add("command", expired
                        ? $"{inv.InstanceId}: command {cmd.CommandId[..8]} expired before it finished ({to})"
                        : $"{inv.InstanceId}: command {cmd.CommandId[..8]} was not delivered within its {cmd.TimeoutSeconds} s delivery timeout (DeliveryTimedOut)");
                }
            }
            if (changed)
            {
                Recompute(cmd.CommandId);
                signals.InvocationsChanged();
            }
        }
    }

    private static string PluginStatus(string agentStatus) => agentStatus switch
    {
        "SuccessAndReboot" or "PassedAndReboot" => "InProgress",
        "Success" or "Failed" or "TimedOut" or "Cancelled" or "InProgress" or "Pending" => agentStatus,
        "NotStarted" => "Pending",
        _ => "InProgress",
    };
}
