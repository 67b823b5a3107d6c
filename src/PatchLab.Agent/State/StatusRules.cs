using PatchLab.Agent.Patching;

namespace PatchLab.Agent.State;

/// <summary>The one place that maps statuses to wire strings and merges step results into a document status.</summary>
internal static class StatusRules
{
    public static string ToWire(StepStatus status) => status switch
    {
        StepStatus.Pending => "Pending",
        StepStatus.InProgress => "InProgress",
        StepStatus.Success => "Success",
        StepStatus.SuccessAndReboot => "SuccessAndReboot",
        StepStatus.Failed => "Failed",
        StepStatus.TimedOut => "TimedOut",
        StepStatus.Cancelled => "Cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWire(DocumentStatus status) => status switch
    {
        DocumentStatus.InProgress => "InProgress",
        DocumentStatus.Success => "Success",
        DocumentStatus.Failed => "Failed",
        DocumentStatus.TimedOut => "TimedOut",
        DocumentStatus.Cancelled => "Cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToWire(PatchState state) => state switch
    {
        PatchState.Installed => "Installed",
        PatchState.InstalledOther => "InstalledOther",
        PatchState.InstalledPendingReboot => "InstalledPendingReboot",
        PatchState.InstalledRejected => "InstalledRejected",
        PatchState.Missing => "Missing",
        PatchState.Failed => "Failed",
        PatchState.NotApplicable => "NotApplicable",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>True once a step will not run again (SuccessAndReboot is not: the step re-runs after the boot).</summary>
    public static bool IsFinished(StepStatus status) =>
        status is StepStatus.Success or StepStatus.Failed or StepStatus.TimedOut or StepStatus.Cancelled;

    /// <summary>Document status from its steps: Cancelled &gt; Failed &gt; TimedOut &gt; InProgress (anything unfinished) &gt;
    /// Success (amazon-ssm-agent: any failed plugin fails the document; skipped steps count as Success).</summary>
    public static DocumentStatus Merge(IEnumerable<StepStatus> steps)
    {
        var result = DocumentStatus.Success;
        foreach (var step in steps)
        {
            var candidate = step switch
            {
                StepStatus.Cancelled => DocumentStatus.Cancelled,
                StepStatus.Failed => DocumentStatus.Failed,
                StepStatus.TimedOut => DocumentStatus.TimedOut,
                StepStatus.Success => DocumentStatus.Success,
                _ => DocumentStatus.InProgress,
            };
            if (Rank(candidate) > Rank(result))
            {
                result = candidate;
            }
        }
        return result;
    }

    private static int Rank(DocumentStatus status) => status switch
    {
        DocumentStatus.Success => 0,
        DocumentStatus.InProgress => 1,
        DocumentStatus.TimedOut => 2,
        DocumentStatus.Failed => 3,
        DocumentStatus.Cancelled => 4,
        _ => 0,
    };
}
