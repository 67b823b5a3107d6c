namespace PatchLab.Domain.Status;

/// <summary>Aggregated status of a command from its invocations (reference 3.3, "Aggregation rules").</summary>
/// <param name="Status">Coarse status.</param>
/// <param name="Details">StatusDetails.</param>
public sealed record CommandStatus(string Status, string Details)
{
    /// <summary>True when the command is final.</summary>
    public bool IsTerminal => Status is not ("Pending" or "InProgress" or "Cancelling");
}

/// <summary>The one place where a command's status is derived from its invocations.</summary>
public static class CommandStatusRules
{
    /// <summary>Counters of a command.</summary>
    /// <param name="TargetCount">Invocations.</param>
    /// <param name="CompletedCount">Invocations in a terminal state.</param>
    /// <param name="ErrorCount">Failed + ExecutionTimedOut.</param>
    /// <param name="DeliveryTimedOutCount">DeliveryTimedOut.</param>
    public sealed record Counters(int TargetCount, int CompletedCount, int ErrorCount, int DeliveryTimedOutCount);

    /// <summary>Counts the invocations.</summary>
    public static Counters Count(IReadOnlyCollection<InvocationStatus> invocations) => new(
        invocations.Count,
        invocations.Count(i => i.IsTerminal),
        invocations.Count(i => i.CountsTowardMaxErrors),
        invocations.Count(i => i == InvocationStatus.DeliveryTimedOut));

    /// <summary>Merges invocation statuses into the command status.</summary>
    /// <param name="invocations">Current invocation statuses.</param>
    /// <param name="errorsAllowed">MaxErrors resolved to a count.</param>
    /// <param name="cancelRequested">True after CancelCommand.</param>
    public static CommandStatus Merge(IReadOnlyCollection<InvocationStatus> invocations, int errorsAllowed, bool cancelRequested = false)
    {
        if (invocations.Count == 0)
        {
            return new CommandStatus("Success", "NoInstancesInTag");
        }
        if (invocations.Any(i => !i.IsTerminal))
        {
            if (cancelRequested)
            {
                return new CommandStatus("Cancelling", "Cancelling");
            }
            return invocations.All(i => i == InvocationStatus.Pending)
                ? new CommandStatus("Pending", "Pending")
                : new CommandStatus("InProgress", "InProgress");
        }
        if (invocations.Any(i => i == InvocationStatus.Cancelled) && cancelRequested)
        {
            return new CommandStatus("Cancelled", "Cancelled");
        }
        var ignorable = new[] { InvocationStatus.Undeliverable, InvocationStatus.InvalidPlatform };
        var relevant = invocations.Where(i => !ignorable.Contains(i)).ToList();
        if (relevant.Count == 0)
        {
            return new CommandStatus("Failed", "Failed");
        }
        if (relevant.All(i => i == InvocationStatus.Success))
        {
            return new CommandStatus("Success", "Success");
        }
        var errors = relevant.Count(i => i.CountsTowardMaxErrors);
        var deliveryTimeouts = relevant.Count(i => i == InvocationStatus.DeliveryTimedOut);
        if (errors >= Math.Max(errorsAllowed, 1))
        {
            var timedOut = relevant.Count(i => i == InvocationStatus.ExecutionTimedOut);
            return timedOut > errors - timedOut
                ? new CommandStatus("TimedOut", "ExecutionTimedOut")
                : new CommandStatus("Failed", "Failed");
        }
        if (deliveryTimeouts > 0 && deliveryTimeouts == relevant.Count(i => i != InvocationStatus.Success))
        {
            return relevant.Any(i => i == InvocationStatus.Success)
                ? new CommandStatus("Failed", "Incomplete")
                : new CommandStatus("TimedOut", "DeliveryTimedOut");
        }
        return new CommandStatus("Failed", "Incomplete");
    }
}
