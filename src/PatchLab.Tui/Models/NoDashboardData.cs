namespace PatchLab.Tui.Models;

/// <summary>
/// Stands in when the dashboard has no SSM endpoint to read from (a client that is not an HTTP emulator client): every
/// section says so and every action is refused, while the overview keeps working.
/// </summary>
public sealed class NoDashboardData : IDashboardData
{
    /// <summary>The text of every section.</summary>
    public const string Reason = "not available: the dashboard has no SSM endpoint";

    /// <inheritdoc />
    public Task<InstanceDetail> GetInstanceDetailAsync(string instanceId, CancellationToken ct) =>
        Task.FromResult(new InstanceDetail(instanceId, new Section<PatchItem>([], Reason), new Section<CommandInvocationItem>([], Reason)));

    /// <inheritdoc />
    public Task<WindowDetail> GetWindowDetailAsync(string windowId, CancellationToken ct) =>
        Task.FromResult(new WindowDetail(windowId, new Section<WindowTargetItem>([], Reason), new Section<WindowTaskItem>([], Reason),
            new Section<WindowExecutionItem>([], Reason)));

    /// <inheritdoc />
    public Task<InvocationOutput> GetInvocationOutputAsync(string commandId, string instanceId, CancellationToken ct) =>
        Task.FromResult(new InvocationOutput(commandId, instanceId, new Section<CommandInvocationItem>([], Reason)));

    /// <inheritdoc />
    public Task<ComplianceData> GetComplianceAsync(IReadOnlyList<string> instanceIds, CancellationToken ct) =>
        Task.FromResult(new ComplianceData(new Section<PatchStateItem>([], Reason), new Section<PatchItem>([], Reason)));

    /// <inheritdoc />
    public Task RunInstanceActionAsync(string instanceId, InstanceAction action, CancellationToken ct) =>
        Task.FromException(new InvalidOperationException(Reason));
}
