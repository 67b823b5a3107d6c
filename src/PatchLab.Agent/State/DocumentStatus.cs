namespace PatchLab.Agent.State;

/// <summary>Agent-side status of a whole document. Wire strings come from <see cref="StatusRules"/>.</summary>
internal enum DocumentStatus
{
    InProgress,
    Success,
    Failed,
    TimedOut,
    Cancelled,
}
