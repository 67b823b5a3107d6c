using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace PatchLab.Tui.Models;

/// <summary><see cref="ISsmConsole"/> over the real AWS SDK client: each method is the one SDK call it names.</summary>
public sealed class SsmConsole : ISsmConsole
{
    private const int MaxPages = 20; // a list shows at most a few thousand rows; stop paging there

    private readonly IAmazonSimpleSystemsManagement _ssm;

    /// <summary>Calls through <paramref name="ssm"/>, which the caller keeps and disposes.</summary>
    public SsmConsole(IAmazonSimpleSystemsManagement ssm)
    {
        ArgumentNullException.ThrowIfNull(ssm);
        _ssm = ssm;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Command>> ListCommandsAsync(CancellationToken ct)
    {
        // The first page (50) is the recent history a screen can show.
        ListCommandsResponse r = await _ssm.ListCommandsAsync(new ListCommandsRequest { MaxResults = 50 }, ct).ConfigureAwait(false);
        return [.. (r.Commands ?? []).OrderByDescending(c => c.RequestedDateTime)];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CommandInvocation>> ListCommandInvocationsAsync(string commandId, CancellationToken ct) =>
        AllPagesAsync(async next =>
        {
            ListCommandInvocationsResponse r = await _ssm.ListCommandInvocationsAsync(
                new ListCommandInvocationsRequest { CommandId = commandId, Details = true, MaxResults = 50, NextToken = next }, ct).ConfigureAwait(false);
            return (r.CommandInvocations, r.NextToken);
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<PatchBaselineIdentity>> DescribePatchBaselinesAsync(CancellationToken ct) =>
        AllPagesAsync(async next =>
        {
            DescribePatchBaselinesResponse r = await _ssm.DescribePatchBaselinesAsync(
                new DescribePatchBaselinesRequest { MaxResults = 100, NextToken = next }, ct).ConfigureAwait(false);
            return (r.BaselineIdentities, r.NextToken);
        });

    /// <inheritdoc />
    public Task<GetPatchBaselineResponse> GetPatchBaselineAsync(string baselineId, CancellationToken ct) =>
        _ssm.GetPatchBaselineAsync(new GetPatchBaselineRequest { BaselineId = baselineId }, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<PatchGroupPatchBaselineMapping>> DescribePatchGroupsAsync(CancellationToken ct) =>
        AllPagesAsync(async next =>
        {
            DescribePatchGroupsResponse r = await _ssm.DescribePatchGroupsAsync(
                new DescribePatchGroupsRequest { MaxResults = 100, NextToken = next }, ct).ConfigureAwait(false);
            return (r.Mappings, r.NextToken);
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<EffectivePatch>> DescribeEffectivePatchesAsync(string baselineId, CancellationToken ct) =>
        AllPagesAsync(async next =>
        {
            DescribeEffectivePatchesForPatchBaselineResponse r = await _ssm.DescribeEffectivePatchesForPatchBaselineAsync(
                new DescribeEffectivePatchesForPatchBaselineRequest { BaselineId = baselineId, MaxResults = 100, NextToken = next }, ct).ConfigureAwait(false);
            return (r.EffectivePatches, r.NextToken);
        });

    /// <inheritdoc />
    public async Task<string> CreateMaintenanceWindowAsync(CreateMaintenanceWindowRequest request, CancellationToken ct) =>
        (await _ssm.CreateMaintenanceWindowAsync(request, ct).ConfigureAwait(false)).WindowId ?? "";

    /// <inheritdoc />
    public Task UpdateMaintenanceWindowAsync(UpdateMaintenanceWindowRequest request, CancellationToken ct) =>
        _ssm.UpdateMaintenanceWindowAsync(request, ct);

    /// <inheritdoc />
    public Task DeleteMaintenanceWindowAsync(string windowId, CancellationToken ct) =>
        _ssm.DeleteMaintenanceWindowAsync(new DeleteMaintenanceWindowRequest { WindowId = windowId }, ct);

    /// <inheritdoc />
    public async Task<string> RegisterTargetAsync(RegisterTargetWithMaintenanceWindowRequest request, CancellationToken ct) =>
        (await _ssm.RegisterTargetWithMaintenanceWindowAsync(request, ct).ConfigureAwait(false)).WindowTargetId ?? "";

    /// <inheritdoc />
    public Task DeregisterTargetAsync(string windowId, string windowTargetId, CancellationToken ct) =>
        _ssm.DeregisterTargetFromMaintenanceWindowAsync(
            new DeregisterTargetFromMaintenanceWindowRequest { WindowId = windowId, WindowTargetId = windowTargetId }, ct);

    /// <inheritdoc />
    public async Task<string> RegisterTaskAsync(RegisterTaskWithMaintenanceWindowRequest request, CancellationToken ct) =>
        (await _ssm.RegisterTaskWithMaintenanceWindowAsync(request, ct).ConfigureAwait(false)).WindowTaskId ?? "";

    /// <inheritdoc />
    public Task DeregisterTaskAsync(string windowId, string windowTaskId, CancellationToken ct) =>
        _ssm.DeregisterTaskFromMaintenanceWindowAsync(
            new DeregisterTaskFromMaintenanceWindowRequest { WindowId = windowId, WindowTaskId = windowTaskId }, ct);

    /// <inheritdoc />
    public Task UpdateTargetAsync(UpdateMaintenanceWindowTargetRequest request, CancellationToken ct) =>
        _ssm.UpdateMaintenanceWindowTargetAsync(request, ct);

    /// <inheritdoc />
    public Task<GetMaintenanceWindowResponse> GetMaintenanceWindowAsync(string windowId, CancellationToken ct) =>
        _ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = windowId }, ct);

    /// <inheritdoc />
    public Task<GetMaintenanceWindowTaskResponse> GetTaskAsync(string windowId, string windowTaskId, CancellationToken ct) =>
        _ssm.GetMaintenanceWindowTaskAsync(new GetMaintenanceWindowTaskRequest { WindowId = windowId, WindowTaskId = windowTaskId }, ct);

    /// <inheritdoc />
    public Task UpdateTaskAsync(UpdateMaintenanceWindowTaskRequest request, CancellationToken ct) =>
        _ssm.UpdateMaintenanceWindowTaskAsync(request, ct);

    /// <inheritdoc />
    public Task RegisterPatchGroupAsync(RegisterPatchBaselineForPatchGroupRequest request, CancellationToken ct) =>
        _ssm.RegisterPatchBaselineForPatchGroupAsync(request, ct);

    /// <inheritdoc />
    public Task DeregisterPatchGroupAsync(DeregisterPatchBaselineForPatchGroupRequest request, CancellationToken ct) =>
        _ssm.DeregisterPatchBaselineForPatchGroupAsync(request, ct);

    /// <inheritdoc />
    public Task RegisterDefaultBaselineAsync(string baselineId, CancellationToken ct) =>
        _ssm.RegisterDefaultPatchBaselineAsync(new RegisterDefaultPatchBaselineRequest { BaselineId = baselineId }, ct);

    /// <inheritdoc />
    public async Task<string> CreatePatchBaselineAsync(CreatePatchBaselineRequest request, CancellationToken ct) =>
        (await _ssm.CreatePatchBaselineAsync(request, ct).ConfigureAwait(false)).BaselineId ?? "";

    /// <inheritdoc />
    public Task UpdatePatchBaselineAsync(UpdatePatchBaselineRequest request, CancellationToken ct) => _ssm.UpdatePatchBaselineAsync(request, ct);

    /// <inheritdoc />
    public Task DeletePatchBaselineAsync(string baselineId, CancellationToken ct) =>
        _ssm.DeletePatchBaselineAsync(new DeletePatchBaselineRequest { BaselineId = baselineId }, ct);

    /// <inheritdoc />
    public async Task<string> SendCommandAsync(SendCommandRequest request, CancellationToken ct) =>
        (await _ssm.SendCommandAsync(request, ct).ConfigureAwait(false)).Command?.CommandId ?? "";

    /// <inheritdoc />
    public Task CancelCommandAsync(string commandId, CancellationToken ct) =>
        _ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = commandId }, ct);

    /// <inheritdoc />
    public Task CancelMaintenanceWindowExecutionAsync(string windowExecutionId, CancellationToken ct) =>
        _ssm.CancelMaintenanceWindowExecutionAsync(new CancelMaintenanceWindowExecutionRequest { WindowExecutionId = windowExecutionId }, ct);

    private static async Task<IReadOnlyList<T>> AllPagesAsync<T>(Func<string?, Task<(List<T>? Items, string? Next)>> page)
    {
        var items = new List<T>();
        string? next = null;
        for (int i = 0; i < MaxPages; i++)
        {
            (List<T>? batch, next) = await page(next).ConfigureAwait(false);
            items.AddRange(batch ?? []);
            if (string.IsNullOrEmpty(next))
            {
                break;
            }
        }

        return items;
    }
}
