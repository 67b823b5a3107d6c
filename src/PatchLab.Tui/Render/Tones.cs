namespace PatchLab.Tui.Render;

/// <summary>The tone of a status word as SSM spells it (window, Run Command, ping and compliance statuses).</summary>
public static class Tones
{
    /// <summary>Good for success, Bad for failures, Busy for work under way, Warn for cancellations, Normal otherwise.</summary>
    public static Tone Of(string? status) => status switch
    {
        "Success" or "SUCCESS" or "COMPLIANT" or "Online" or "Installed" or "running" or "yes" => Tone.Good,
        "Failed" or "FAILED" or "TimedOut" or "TIMED_OUT" or "ExecutionTimedOut" or "DeliveryTimedOut" or "Undeliverable" or "InvalidPlatform"
            or "NON_COMPLIANT" or "ConnectionLost" or "terminated" => Tone.Bad,
        "Pending" or "PENDING" or "InProgress" or "IN_PROGRESS" or "Delayed" or "Cancelling" or "CANCELLING" or "rebooting" => Tone.Busy,
        "Cancelled" or "CANCELLED" or "Terminated" or "SKIPPED_OVERLAPPING" or "Missing" or "InstalledPendingReboot" or "InstalledRejected"
            or "Inactive" or "stopped" or "no" => Tone.Warn,
        _ => Tone.Normal,
    };
}
