namespace PatchLab.Domain.Status;

/// <summary>
/// Run Command invocation status details (the detailed wire strings of reference 3.3), each with its coarse status and
/// the rules the dispatcher and the command aggregation share. Raw strings exist only here and in the wire mapping.
/// </summary>
public sealed class InvocationStatus : IEquatable<InvocationStatus>
{
    private InvocationStatus(string details, string coarse, bool terminal, bool countsAsError)
    {
        Details = details;
        Coarse = coarse;
        IsTerminal = terminal;
        CountsTowardMaxErrors = countsAsError;
    }

    /// <summary>Not yet delivered.</summary>
    public static readonly InvocationStatus Pending = new("Pending", "Pending", false, false);
    /// <summary>Delivered / running.</summary>
    public static readonly InvocationStatus InProgress = new("InProgress", "InProgress", false, false);
    /// <summary>Delivery failed, retrying.</summary>
    public static readonly InvocationStatus Delayed = new("Delayed", "Delayed", false, false);
    /// <summary>All plugins succeeded.</summary>
    public static readonly InvocationStatus Success = new("Success", "Success", true, false);
    /// <summary>A plugin failed.</summary>
    public static readonly InvocationStatus Failed = new("Failed", "Failed", true, true);
    /// <summary>The agent reported an execution timeout.</summary>
    public static readonly InvocationStatus ExecutionTimedOut = new("ExecutionTimedOut", "TimedOut", true, true);
    /// <summary>Never delivered before the command expired.</summary>
    public static readonly InvocationStatus DeliveryTimedOut = new("DeliveryTimedOut", "TimedOut", true, false);
    /// <summary>Cancelled by CancelCommand.</summary>
    public static readonly InvocationStatus Cancelled = new("Cancelled", "Cancelled", true, false);
    /// <summary>Cancel requested, not yet confirmed.</summary>
    public static readonly InvocationStatus Cancelling = new("Cancelling", "Cancelling", false, false);
    /// <summary>The node is gone or unresponsive.</summary>
    public static readonly InvocationStatus Undeliverable = new("Undeliverable", "Failed", true, false);
    /// <summary>Not dispatched because MaxErrors was exceeded.</summary>
    public static readonly InvocationStatus Terminated = new("Terminated", "Cancelled", true, false);
    /// <summary>Document platform does not match the node.</summary>
    public static readonly InvocationStatus InvalidPlatform = new("InvalidPlatform", "Failed", true, false);

    /// <summary>Every status.</summary>
    public static IReadOnlyList<InvocationStatus> All { get; } =
        [Pending, InProgress, Delayed, Success, Failed, ExecutionTimedOut, DeliveryTimedOut, Cancelled, Cancelling, Undeliverable, Terminated, InvalidPlatform];

    /// <summary>StatusDetails wire string.</summary>
    public string Details { get; }

    /// <summary>Coarse Status wire string.</summary>
    public string Coarse { get; }

    /// <summary>True when the invocation will not change any more.</summary>
    public bool IsTerminal { get; }

    /// <summary>True for Failed and ExecutionTimedOut, the only statuses MaxErrors counts.</summary>
    public bool CountsTowardMaxErrors { get; }

    /// <summary>The maintenance-window task-invocation status this maps to.</summary>
    public string WindowStatus => Details switch
    {
        "Pending" => "PENDING",
        "Success" => "SUCCESS",
        "ExecutionTimedOut" or "DeliveryTimedOut" => "TIMED_OUT",
        "Cancelled" or "Terminated" => "CANCELLED",
        "Cancelling" => "CANCELLING",
        "Failed" or "Undeliverable" or "InvalidPlatform" => "FAILED",
        _ => "IN_PROGRESS",
    };

    /// <summary>Parses a StatusDetails string.</summary>
    public static InvocationStatus FromDetails(string details) =>
        All.FirstOrDefault(s => s.Details == details) ?? throw new ArgumentException($"Unknown invocation status '{details}'", nameof(details));

    /// <summary>Maps an agent document status (agent contracts/model.go) to an invocation status.</summary>
    public static InvocationStatus FromAgentDocumentStatus(string agentStatus) => agentStatus switch
    {
        "Success" or "SuccessAndReboot" or "PassedAndReboot" => Success,
        "Failed" => Failed,
        "TimedOut" => ExecutionTimedOut,
        "Cancelled" => Cancelled,
        _ => InProgress,
    };

    /// <inheritdoc />
    public bool Equals(InvocationStatus? other) => other is not null && other.Details == Details;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InvocationStatus s && Equals(s);

    /// <inheritdoc />
    public override int GetHashCode() => Details.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Details;
}
