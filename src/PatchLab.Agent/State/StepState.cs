namespace PatchLab.Agent.State;

/// <summary>One step's result on disk, written after every change (write before act).</summary>
internal sealed class StepState
{
    public string Name { get; set; } = "";
    public StepStatus Status { get; set; } = StepStatus.Pending;
    public int Code { get; set; } = -1;
    public string Output { get; set; } = "";
    public string Error { get; set; } = "";
    public DateTimeOffset? StartDateTime { get; set; }
    public DateTimeOffset? EndDateTime { get; set; }

    /// <summary>The step exited for a reboot; it re-runs once the instance has booted again.</summary>
    public bool AwaitingReboot { get; set; }
}
