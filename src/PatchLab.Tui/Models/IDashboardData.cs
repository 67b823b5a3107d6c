namespace PatchLab.Tui.Models;

/// <summary>
/// What the dashboard reads beyond the one-poll overview, through the SSM API as any AWS client would, and the instance
/// actions of the lab API. Operations the emulator does not implement yet come back as unavailable sections, not errors;
/// a call that fails as a whole (no emulator) throws.
/// </summary>
public interface IDashboardData
{
    /// <summary>An instance's patches and recent invocations.</summary>
    Task<InstanceDetail> GetInstanceDetailAsync(string instanceId, CancellationToken ct);

    /// <summary>A window's targets, tasks and executions.</summary>
    Task<WindowDetail> GetWindowDetailAsync(string windowId, CancellationToken ct);

    /// <summary>The full output of one command on one instance.</summary>
    Task<InvocationOutput> GetInvocationOutputAsync(string commandId, string instanceId, CancellationToken ct);

    /// <summary>Patch states of <paramref name="instanceIds"/> and the missing or failed patches of those that have some.</summary>
    Task<ComplianceData> GetComplianceAsync(IReadOnlyList<string> instanceIds, CancellationToken ct);

    /// <summary>Asks the emulator to reboot, stop, start or terminate an instance; throws with the emulator's message when refused.</summary>
    Task RunInstanceActionAsync(string instanceId, InstanceAction action, CancellationToken ct);

    /// <summary>Injects a fault through the lab API (issue 7); throws with the emulator's message when refused.</summary>
    Task<PatchLab.Contracts.Lab.FaultDto> InjectFaultAsync(PatchLab.Contracts.Lab.FaultSpec spec, CancellationToken ct) =>
        throw new NotSupportedException("This dashboard data source cannot inject faults.");
}
