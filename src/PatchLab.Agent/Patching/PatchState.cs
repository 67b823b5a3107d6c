namespace PatchLab.Agent.Patching;

/// <summary>Per-patch state after a Scan or Install (reference 5.2). Wire strings come from <see cref="State.StatusRules"/>.</summary>
internal enum PatchState
{
    Installed,
    InstalledOther,
    InstalledPendingReboot,
    InstalledRejected,
    Missing,
    Failed,
    NotApplicable,
}
