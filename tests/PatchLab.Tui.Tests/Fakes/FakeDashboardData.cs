using PatchLab.Client;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Tests.Fakes;

/// <summary>A hand-written IDashboardData: scripted details that answer synchronously, recorded instance actions.</summary>
internal sealed class FakeDashboardData : IDashboardData
{
    public Func<string, InstanceDetail> Instance { get; set; } = LabFixture.InstanceDetail;

    public Func<string, WindowDetail> Window { get; set; } = LabFixture.WindowDetail;

    public Func<string, string, InvocationOutput> Output { get; set; } = LabFixture.Output;

    public Func<IReadOnlyList<string>, ComplianceData> Compliance { get; set; } = LabFixture.Compliance;

    /// <summary>When set, instance actions throw it (the emulator refused).</summary>
    public Func<string, InstanceAction, Exception?> ActionError { get; set; } = (_, _) => null;

    public List<(string InstanceId, InstanceAction Action)> Actions { get; } = [];

    /// <summary>Faults injected through the <c>:fault</c> command, in order.</summary>
    public List<PatchLab.Contracts.Lab.FaultSpec> Faults { get; } = [];

    public int InstanceCalls { get; private set; }

    public int ComplianceCalls { get; private set; }

    public int OutputCalls { get; private set; }

    public Task<InstanceDetail> GetInstanceDetailAsync(string instanceId, CancellationToken ct)
    {
        InstanceCalls++;
        return Task.FromResult(Instance(instanceId));
    }

    public Task<WindowDetail> GetWindowDetailAsync(string windowId, CancellationToken ct) => Task.FromResult(Window(windowId));

    public Task<InvocationOutput> GetInvocationOutputAsync(string commandId, string instanceId, CancellationToken ct)
    {
        OutputCalls++;
        return Task.FromResult(Output(commandId, instanceId));
    }

    public Task<ComplianceData> GetComplianceAsync(IReadOnlyList<string> instanceIds, CancellationToken ct)
    {
        ComplianceCalls++;
        return Task.FromResult(Compliance(instanceIds));
    }

    public Task RunInstanceActionAsync(string instanceId, InstanceAction action, CancellationToken ct)
    {
        Actions.Add((instanceId, action));
        return ActionError(instanceId, action) is { } error ? Task.FromException(error) : Task.CompletedTask;
    }

    public Task<PatchLab.Contracts.Lab.FaultDto> InjectFaultAsync(PatchLab.Contracts.Lab.FaultSpec spec, CancellationToken ct)
    {
        Faults.Add(spec);
        return Task.FromResult(new PatchLab.Contracts.Lab.FaultDto { FaultId = $"flt-{Faults.Count:00000000000000000}", Spec = spec, State = "active", InstanceIds = spec.Targets });
    }

    /// <summary>The emulator's answer for an endpoint it does not have.</summary>
    public static Exception NotAnEndpoint(string instanceId, InstanceAction action) => new LabApiException("UnknownOperationException",
        $"POST {SsmDashboardData.ActionPath(instanceId, action)} is not a PatchLab endpoint. The SSM API is POST / with X-Amz-Target: AmazonSSM.<Operation>; the lab API is under /patchlab/v1.");
}
