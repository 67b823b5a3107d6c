namespace PatchLab.Tui.Models;

/// <summary>
/// How the dashboard reads an invocation's statuses, the way the window engine counts them: in flight while the window
/// status is PENDING, IN_PROGRESS or CANCELLING (dispatched, not finished); an error when Run Command says Failed or
/// ExecutionTimedOut, the only statuses MaxErrors counts.
/// </summary>
public static class InvocationStates
{
    /// <summary>Dispatched and not finished.</summary>
    public static bool IsInFlight(InvocationItem invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.Status is "PENDING" or "IN_PROGRESS" or "CANCELLING";
    }

    /// <summary>Counts toward MaxErrors.</summary>
    public static bool IsError(InvocationItem invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.StatusDetails is "Failed" or "ExecutionTimedOut";
    }

    /// <summary>A window task or execution status that will not change any more.</summary>
    public static bool IsTerminalWindowStatus(string status) =>
        status is "SUCCESS" or "FAILED" or "TIMED_OUT" or "CANCELLED" or "SKIPPED_OVERLAPPING";
}
