namespace PatchLab.Agent.State;

/// <summary>Agent-side status of one step (plugin), as amazon-ssm-agent names them. Wire strings come from
/// <see cref="StatusRules"/>.</summary>
internal enum StepStatus
{
    Pending,
    InProgress,
    Success,
    SuccessAndReboot,
    Failed,
    TimedOut,
    Cancelled,
}
