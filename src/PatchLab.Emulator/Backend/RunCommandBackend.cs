using PatchLab.Domain.Model;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Backend;

/// <summary>
/// SendCommand and CancelCommand (reference 3.1, 3.4): checks a request against the documents and the fleet, stores one
/// command with one invocation per target, and leaves starting them to <see cref="CommandDispatcher"/>.
/// </summary>
public sealed class RunCommandBackend(CommandRepository commands, InstanceRepository instances, CommandDispatcher dispatcher, CommandBackend backend,
    AgentSignals signals, EventLog events, LabClock clock)
{
    /// <summary>
    /// Validates and stores a command. <paramref name="request"/> carries the fields as sent (DocumentVersion, MaxConcurrency and
    /// MaxErrors already defaulted); exactly one of InstanceIds and Targets is non-empty. Returns the stored command.
    /// </summary>
    /// <remarks>
    /// InstanceIds must name managed nodes that are not stopped or terminated (AWS: "not in a valid state"), else
    /// InvalidInstanceId. Targets are resolved now (AWS resolves them a moment later): tag:K, tag-key and InstanceIds over
    /// managed, running nodes; resource-groups:* keys match no node in PatchLab. Instances whose platform the document does
    /// not support: all of them → UnsupportedPlatformType; some → those invocations end InvalidPlatform.
    /// </remarks>
    public Command Submit(Command request)
    {
        var doc = Documents.Find(request.DocumentName)
            ?? throw new InvalidDocumentException(
                $"Document {request.DocumentName} does not exist. PatchLab runs the AWS-owned documents {string.Join(", ", Documents.All.Select(d => d.Name))}.");
        if (!DocumentRules.HasVersion(request.DocumentVersion))
        {
            throw new InvalidDocumentVersionException(
                $"Document {doc.Name} has no version {request.DocumentVersion}. Its versions: $DEFAULT, $LATEST, {DocumentRules.OnlyVersion}.");
        }
        var (parameters, error) = doc.Resolve(request.Parameters.ToDictionary(p => p.Key, p => p.Value.ToList()));
        if (error is not null)
        {
            throw new InvalidParametersException(error);
        }

        var all = instances.List();
        List<Instance> targets;
        if (request.InstanceIds.Count > 0)
        {
            var duplicate = request.InstanceIds.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new DuplicateInstanceIdException($"Instance {duplicate.Key} is listed more than once in InstanceIds.");
            }
            var byId = all.ToDictionary(i => i.InstanceId);
            var invalid = request.InstanceIds.Where(id => !byId.TryGetValue(id, out var i) || !IsTargetable(i)).ToList();
            if (invalid.Count > 0)
            {
                throw new InvalidInstanceIdException(
                    $"Instances [[{string.Join(", ", invalid)}]] not in a valid state for account 123456789012: {string.Join("; ", invalid.Select(id => Why(id, byId.GetValueOrDefault(id))))}.");
            }
            targets = [.. request.InstanceIds.Select(id => byId[id])];
        }
        else
        {
            targets = [.. all.Where(i => IsTargetable(i) && Matches(request.Targets, i))];
        }
        if (targets.Count > 0 && targets.All(i => !DocumentRules.Supports(doc, i.PlatformType)))
        {
            throw new UnsupportedPlatformTypeException(
                $"Document {doc.Name} runs on {string.Join(", ", DocumentRules.PlatformTypes(doc))}; the targeted instance(s) are {string.Join(", ", targets.Select(t => t.PlatformType).Distinct())}.");
        }

        var now = clock.GetUtcNow();
        var cmd = request with
        {
            CommandId = Guid.NewGuid().ToString(), DocumentName = request.DocumentName,
            Parameters = parameters!.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)k.Value), RequestedDateTime = now,
            // ExpiresAfter = requested + delivery timeout + the document's execution timeout (reference 3.1).
            ExpiresAfter = now.AddSeconds(request.TimeoutSeconds + doc.StepTimeoutSeconds), Status = "Pending", StatusDetails = "Pending",
            TargetCount = targets.Count, CompletedCount = 0, ErrorCount = 0, DeliveryTimedOutCount = 0, CancelRequested = false, WindowExecutionId = null,
        };
        commands.Insert(cmd, [.. targets.Select(t => t.InstanceId)], dispatched: false);
        events.Add("command", $"SendCommand {doc.Name} ({cmd.CommandId[..8]}) to {targets.Count} instance(s); MaxConcurrency {cmd.MaxConcurrency}, MaxErrors {cmd.MaxErrors}");
        backend.Recompute(cmd.CommandId);
        dispatcher.Advance(cmd.CommandId);
        return cmd;
    }

    /// <summary>
    /// CancelCommand: best effort (reference 3.4). Invocations no agent received are Cancelled at once; delivered ones go
    /// Cancelling and their agents get a Cancel message. A finished command is left as it is [U: AWS answers 200 too].
    /// </summary>
    public void Cancel(string commandId, IReadOnlyList<string>? instanceIds)
    {
        var cmd = commands.Get(commandId) ?? throw new InvalidCommandIdException($"Command {commandId} does not exist.");
        if (instanceIds is { Count: > 0 })
        {
            var duplicate = instanceIds.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new DuplicateInstanceIdException($"Instance {duplicate.Key} is listed more than once in InstanceIds.");
            }
            var invoked = commands.Invocations(commandId, null).Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
            var foreign = instanceIds.Where(id => !invoked.Contains(id)).ToList();
            if (foreign.Count > 0)
            {
                throw new InvalidInstanceIdException($"Command {commandId} was not sent to {string.Join(", ", foreign)}.");
            }
        }
        if (IsFinished(cmd))
        {
            return;
        }
        var cancelling = commands.Cancel(commandId, instanceIds is { Count: > 0 } ? instanceIds : null, clock.GetUtcNow());
        foreach (var id in cancelling)
        {
            signals.WorkAvailable(id);
        }
        events.Add("command", $"CancelCommand {commandId[..8]}: {cancelling.Count} invocation(s) cancelling on their instances");
        backend.Recompute(commandId);
        signals.InvocationsChanged();
    }

    private static bool IsFinished(Command cmd) => cmd.Status is not ("Pending" or "InProgress" or "Cancelling");

    /// <summary>A managed node SendCommand can address: registered, not stopped, not terminated.</summary>
    private static bool IsTargetable(Instance i) => i.RegistrationDate is not null && i.State is "running" or "rebooting";

    private static string Why(string id, Instance? i) => i switch
    {
        null => $"{id} is not a managed node of this PatchLab",
        { State: "terminated" } => $"{id} is terminated",
        { State: "stopped" } => $"{id} is stopped (start it with `patchlab instance start {id}`)",
        _ => $"{id} has not registered its agent yet",
    };

    /// <summary>Every target must match (AND); within one, any value (OR), except tag-key, whose keys must all be present — as window targets do.</summary>
    internal static bool Matches(IReadOnlyList<Target> targets, Instance i) => targets.All(t => t.Key switch
    {
        "InstanceIds" or "instanceids" => t.Values.Contains(i.InstanceId),
        "tag-key" => t.Values.All(i.Tags.ContainsKey),
        _ when t.Key.StartsWith("tag:", StringComparison.Ordinal) => i.Tags.TryGetValue(t.Key[4..], out var v) && t.Values.Contains(v),
        _ => false,
    });
}
