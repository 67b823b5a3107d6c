using Amazon.SimpleSystemsManagement.Model;

namespace PatchLab.Tui.Models;

/// <summary>
/// The SSM calls of the Commands and Baselines views and of every form: one method per operation, taking and returning
/// the AWS SDK's own types so a form sends exactly what a trainee's script would. Errors are the SDK's
/// <see cref="Amazon.Runtime.AmazonServiceException"/>s with the emulator's code and message; tests use a fake.
/// </summary>
public interface ISsmConsole
{
    /// <summary>ListCommands: the most recent commands, newest first.</summary>
    Task<IReadOnlyList<Command>> ListCommandsAsync(CancellationToken ct);

    /// <summary>ListCommandInvocations with Details for one command: one invocation per instance, with its plugins.</summary>
    Task<IReadOnlyList<CommandInvocation>> ListCommandInvocationsAsync(string commandId, CancellationToken ct);

    /// <summary>DescribePatchBaselines: AWS-owned and custom baselines.</summary>
    Task<IReadOnlyList<PatchBaselineIdentity>> DescribePatchBaselinesAsync(CancellationToken ct);

    /// <summary>GetPatchBaseline.</summary>
    Task<GetPatchBaselineResponse> GetPatchBaselineAsync(string baselineId, CancellationToken ct);

    /// <summary>DescribePatchGroups: every patch group and the baseline it uses.</summary>
    Task<IReadOnlyList<PatchGroupPatchBaselineMapping>> DescribePatchGroupsAsync(CancellationToken ct);

    /// <summary>DescribeEffectivePatchesForPatchBaseline (WINDOWS baselines only, as on AWS).</summary>
    Task<IReadOnlyList<EffectivePatch>> DescribeEffectivePatchesAsync(string baselineId, CancellationToken ct);

    /// <summary>CreateMaintenanceWindow; returns the window id.</summary>
    Task<string> CreateMaintenanceWindowAsync(CreateMaintenanceWindowRequest request, CancellationToken ct);

    /// <summary>GetMaintenanceWindow: every field of the window (to fill the edit form).</summary>
    Task<GetMaintenanceWindowResponse> GetMaintenanceWindowAsync(string windowId, CancellationToken ct);

    /// <summary>UpdateMaintenanceWindow.</summary>
    Task UpdateMaintenanceWindowAsync(UpdateMaintenanceWindowRequest request, CancellationToken ct);

    /// <summary>DeleteMaintenanceWindow.</summary>
    Task DeleteMaintenanceWindowAsync(string windowId, CancellationToken ct);

    /// <summary>RegisterTargetWithMaintenanceWindow; returns the window target id.</summary>
    Task<string> RegisterTargetAsync(RegisterTargetWithMaintenanceWindowRequest request, CancellationToken ct);

    /// <summary>DeregisterTargetFromMaintenanceWindow.</summary>
    Task DeregisterTargetAsync(string windowId, string windowTargetId, CancellationToken ct);

    /// <summary>RegisterTaskWithMaintenanceWindow; returns the window task id.</summary>
    Task<string> RegisterTaskAsync(RegisterTaskWithMaintenanceWindowRequest request, CancellationToken ct);

    /// <summary>DeregisterTaskFromMaintenanceWindow.</summary>
    Task DeregisterTaskAsync(string windowId, string windowTaskId, CancellationToken ct);

    /// <summary>UpdateMaintenanceWindowTarget.</summary>
    Task UpdateTargetAsync(UpdateMaintenanceWindowTargetRequest request, CancellationToken ct);

    /// <summary>GetMaintenanceWindowTask: the task with its Run Command parameters (to fill the update form).</summary>
    Task<GetMaintenanceWindowTaskResponse> GetTaskAsync(string windowId, string windowTaskId, CancellationToken ct);

    /// <summary>UpdateMaintenanceWindowTask.</summary>
    Task UpdateTaskAsync(UpdateMaintenanceWindowTaskRequest request, CancellationToken ct);

    /// <summary>RegisterPatchBaselineForPatchGroup.</summary>
    Task RegisterPatchGroupAsync(RegisterPatchBaselineForPatchGroupRequest request, CancellationToken ct);

    /// <summary>DeregisterPatchBaselineForPatchGroup.</summary>
    Task DeregisterPatchGroupAsync(DeregisterPatchBaselineForPatchGroupRequest request, CancellationToken ct);

    /// <summary>RegisterDefaultPatchBaseline: the baseline becomes the default for its operating system.</summary>
    Task RegisterDefaultBaselineAsync(string baselineId, CancellationToken ct);

    /// <summary>CreatePatchBaseline; returns the baseline id.</summary>
    Task<string> CreatePatchBaselineAsync(CreatePatchBaselineRequest request, CancellationToken ct);

    /// <summary>UpdatePatchBaseline.</summary>
    Task UpdatePatchBaselineAsync(UpdatePatchBaselineRequest request, CancellationToken ct);

    /// <summary>DeletePatchBaseline.</summary>
    Task DeletePatchBaselineAsync(string baselineId, CancellationToken ct);

    /// <summary>SendCommand; returns the command id.</summary>
    Task<string> SendCommandAsync(SendCommandRequest request, CancellationToken ct);

    /// <summary>CancelCommand.</summary>
    Task CancelCommandAsync(string commandId, CancellationToken ct);

    /// <summary>CancelMaintenanceWindowExecution.</summary>
    Task CancelMaintenanceWindowExecutionAsync(string windowExecutionId, CancellationToken ct);
}
