using Amazon.SimpleSystemsManagement;
using OperatingSystem = Amazon.SimpleSystemsManagement.OperatingSystem;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Tests.Fakes;

/// <summary>
/// A hand-written ISsmConsole: canned commands and baselines answered synchronously, every call recorded with its
/// request, and an optional refusal per operation (the emulator's AWS error, as the SDK throws it).
/// </summary>
internal sealed class FakeSsmConsole : ISsmConsole
{
    public const string CustomBaseline = "pb-0c0ffee0c0ffee001";
    public const string WindowsBaseline = "arn:aws:ssm:us-east-1:123456789012:patchbaseline/pb-0a1b2c3d4e5f60718";
    public const string Command2 = "c2c2c2c2-1111-2222-3333-444455556666";

    public List<Command> Commands { get; } =
    [
        new Command
        {
            CommandId = LabFixture.Command1, DocumentName = "AWS-RunPatchBaseline", Status = CommandStatus.InProgress, RequestedDateTime = LabFixture.Now.AddMinutes(-3).UtcDateTime,
            TargetCount = 2, CompletedCount = 1, ErrorCount = 0, Comment = "patch-weekly", MaxConcurrency = "50%", MaxErrors = "0",
            Targets = [new Target { Key = "tag:env", Values = ["prod"] }],
        },
        new Command
        {
            CommandId = Command2, DocumentName = "AWS-RunShellScript", Status = CommandStatus.Failed, RequestedDateTime = LabFixture.Now.AddMinutes(-9).UtcDateTime,
            TargetCount = 1, CompletedCount = 1, ErrorCount = 1, Comment = "uptime check", InstanceIds = [LabFixture.Db1],
        },
    ];

    public Func<string, List<CommandInvocation>> Invocations { get; set; } = commandId =>
    [
        new CommandInvocation
        {
            CommandId = commandId, InstanceId = LabFixture.Web1, Status = CommandInvocationStatus.Success, StatusDetails = "Success",
            CommandPlugins =
            [
                new CommandPlugin { Name = "ConfigureStep", Status = CommandPluginStatus.Success, ResponseCode = 0, Output = "configured" },
                new CommandPlugin { Name = "PatchLinux", Status = CommandPluginStatus.Success, ResponseCode = 0, Output = "Installed 3 patches" },
            ],
        },
        new CommandInvocation
        {
            CommandId = commandId, InstanceId = LabFixture.Web2, Status = CommandInvocationStatus.InProgress, StatusDetails = "InProgress",
            CommandPlugins = [new CommandPlugin { Name = "PatchLinux", Status = CommandPluginStatus.InProgress, ResponseCode = -1, Output = "" }],
        },
    ];

    public List<PatchBaselineIdentity> Baselines { get; } =
    [
        new PatchBaselineIdentity
        {
            BaselineId = LabFixture.Baseline, BaselineName = "AWS-AmazonLinux2DefaultPatchBaseline", OperatingSystem = OperatingSystem.AMAZON_LINUX_2,
            DefaultBaseline = true, BaselineDescription = "Default for Amazon Linux 2",
        },
        new PatchBaselineIdentity
        {
            BaselineId = CustomBaseline, BaselineName = "web-critical", OperatingSystem = OperatingSystem.AMAZON_LINUX_2, DefaultBaseline = false,
        },
        new PatchBaselineIdentity
        {
            BaselineId = WindowsBaseline, BaselineName = "AWS-DefaultPatchBaseline", OperatingSystem = OperatingSystem.WINDOWS, DefaultBaseline = true,
        },
    ];

    public Func<string, GetPatchBaselineResponse> Baseline { get; set; } = id => new GetPatchBaselineResponse
    {
        BaselineId = id,
        Name = id == WindowsBaseline ? "AWS-DefaultPatchBaseline" : "web-critical",
        OperatingSystem = id == WindowsBaseline ? OperatingSystem.WINDOWS : OperatingSystem.AMAZON_LINUX_2,
        ApprovalRules = new PatchRuleGroup
        {
            PatchRules =
            [
                new PatchRule
                {
                    PatchFilterGroup = new PatchFilterGroup
                    {
                        PatchFilters =
                        [
                            new PatchFilter { Key = PatchFilterKey.CLASSIFICATION, Values = ["Security", "Bugfix"] },
                            new PatchFilter { Key = PatchFilterKey.SEVERITY, Values = ["Critical"] },
                        ],
                    },
                    ApproveAfterDays = 7,
                    ComplianceLevel = PatchComplianceLevel.CRITICAL,
                },
            ],
        },
        GlobalFilters = new PatchFilterGroup { PatchFilters = [new PatchFilter { Key = PatchFilterKey.PRODUCT, Values = ["AmazonLinux2"] }] },
        ApprovedPatches = ["openssl"],
        RejectedPatches = ["telnet"],
        ApprovedPatchesComplianceLevel = PatchComplianceLevel.HIGH,
        RejectedPatchesAction = PatchAction.BLOCK,
    };

    public List<PatchGroupPatchBaselineMapping> Groups { get; } =
    [
        new PatchGroupPatchBaselineMapping { PatchGroup = "web", BaselineIdentity = new PatchBaselineIdentity { BaselineId = CustomBaseline } },
        new PatchGroupPatchBaselineMapping { PatchGroup = "db", BaselineIdentity = new PatchBaselineIdentity { BaselineId = LabFixture.Baseline } },
    ];

    public List<EffectivePatch> Effective { get; } =
    [
        new EffectivePatch
        {
            Patch = new Patch { KbNumber = "KB5034441", Title = "2024-01 Security Update", Classification = "SecurityUpdates", MsrcSeverity = "Critical" },
            PatchStatus = new PatchStatus { DeploymentStatus = PatchDeploymentStatus.APPROVED, ApprovalDate = new DateTime(2024, 1, 16, 0, 0, 0, DateTimeKind.Utc) },
        },
    ];

    /// <summary>GetMaintenanceWindow's answer: patch-weekly with a description and an end date.</summary>
    public Func<string, GetMaintenanceWindowResponse> Window { get; set; } = windowId => new GetMaintenanceWindowResponse
    {
        WindowId = windowId,
        Name = "patch-weekly",
        Schedule = "cron(0 5 ? * TUE *)",
        Duration = 3,
        Cutoff = 1,
        AllowUnassociatedTargets = false,
        Enabled = true,
        EndDate = "2027-06-30T00:00:00Z",
        Description = "weekly patching",
    };

    /// <summary>GetMaintenanceWindowTask's answer: a RUN_COMMAND task with its parameters.</summary>
    public Func<string, string, GetMaintenanceWindowTaskResponse> WindowTask { get; set; } = (windowId, taskId) => new GetMaintenanceWindowTaskResponse
    {
        WindowId = windowId,
        WindowTaskId = taskId,
        Name = "install",
        TaskArn = "AWS-RunPatchBaseline",
        TaskType = MaintenanceWindowTaskType.RUN_COMMAND,
        Targets = [new Target { Key = "WindowTargetIds", Values = [LabFixture.WebTarget] }],
        TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
        {
            RunCommand = new MaintenanceWindowRunCommandParameters
            {
                Parameters = new() { ["Operation"] = ["Install"], ["RebootOption"] = ["RebootIfNeeded"] },
            },
        },
        MaxConcurrency = "2",
        MaxErrors = "1",
        Priority = 1,
        Description = "weekly install",
    };

    /// <summary>Per operation name: the error to throw instead of answering, or null.</summary>
    public Func<string, Exception?> Error { get; set; } = _ => null;

    /// <summary>Every call: operation name and its request (or id).</summary>
    public List<(string Operation, object Request)> Calls { get; } = [];

    public T Last<T>(string operation) => (T)Calls.Last(c => c.Operation == operation).Request;

    public static AmazonSimpleSystemsManagementException Refusal(string code, string message) =>
        new(message) { ErrorCode = code, StatusCode = System.Net.HttpStatusCode.BadRequest };

    public Task<IReadOnlyList<Command>> ListCommandsAsync(CancellationToken ct) => Answer("ListCommands", "", (IReadOnlyList<Command>)Commands);

    public Task<IReadOnlyList<CommandInvocation>> ListCommandInvocationsAsync(string commandId, CancellationToken ct) =>
        Answer("ListCommandInvocations", commandId, (IReadOnlyList<CommandInvocation>)Invocations(commandId));

    public Task<IReadOnlyList<PatchBaselineIdentity>> DescribePatchBaselinesAsync(CancellationToken ct) =>
        Answer("DescribePatchBaselines", "", (IReadOnlyList<PatchBaselineIdentity>)Baselines);

    public Task<GetPatchBaselineResponse> GetPatchBaselineAsync(string baselineId, CancellationToken ct) => Answer("GetPatchBaseline", baselineId, Baseline(baselineId));

    public Task<IReadOnlyList<PatchGroupPatchBaselineMapping>> DescribePatchGroupsAsync(CancellationToken ct) =>
        Answer("DescribePatchGroups", "", (IReadOnlyList<PatchGroupPatchBaselineMapping>)Groups);

    public Task<IReadOnlyList<EffectivePatch>> DescribeEffectivePatchesAsync(string baselineId, CancellationToken ct) =>
        Answer("DescribeEffectivePatchesForPatchBaseline", baselineId, (IReadOnlyList<EffectivePatch>)Effective);

    public Task<string> CreateMaintenanceWindowAsync(CreateMaintenanceWindowRequest request, CancellationToken ct) =>
        Answer("CreateMaintenanceWindow", request, "mw-0new0new0new0new0");

    public Task<GetMaintenanceWindowResponse> GetMaintenanceWindowAsync(string windowId, CancellationToken ct) =>
        Answer("GetMaintenanceWindow", windowId, Window(windowId));

    public Task UpdateMaintenanceWindowAsync(UpdateMaintenanceWindowRequest request, CancellationToken ct) => Answer("UpdateMaintenanceWindow", request, "");

    public Task DeleteMaintenanceWindowAsync(string windowId, CancellationToken ct) => Answer("DeleteMaintenanceWindow", windowId, "");

    public Task<string> RegisterTargetAsync(RegisterTargetWithMaintenanceWindowRequest request, CancellationToken ct) =>
        Answer("RegisterTargetWithMaintenanceWindow", request, "t-new");

    public Task DeregisterTargetAsync(string windowId, string windowTargetId, CancellationToken ct) =>
        Answer("DeregisterTargetFromMaintenanceWindow", (windowId, windowTargetId), "");

    public Task<string> RegisterTaskAsync(RegisterTaskWithMaintenanceWindowRequest request, CancellationToken ct) =>
        Answer("RegisterTaskWithMaintenanceWindow", request, "task-new");

    public Task DeregisterTaskAsync(string windowId, string windowTaskId, CancellationToken ct) =>
        Answer("DeregisterTaskFromMaintenanceWindow", (windowId, windowTaskId), "");

    public Task UpdateTargetAsync(UpdateMaintenanceWindowTargetRequest request, CancellationToken ct) =>
        Answer("UpdateMaintenanceWindowTarget", request, "");

    public Task<GetMaintenanceWindowTaskResponse> GetTaskAsync(string windowId, string windowTaskId, CancellationToken ct) =>
        Answer("GetMaintenanceWindowTask", (windowId, windowTaskId), WindowTask(windowId, windowTaskId));

    public Task UpdateTaskAsync(UpdateMaintenanceWindowTaskRequest request, CancellationToken ct) => Answer("UpdateMaintenanceWindowTask", request, "");

    public Task RegisterPatchGroupAsync(RegisterPatchBaselineForPatchGroupRequest request, CancellationToken ct) =>
        Answer("RegisterPatchBaselineForPatchGroup", request, "");

    public Task DeregisterPatchGroupAsync(DeregisterPatchBaselineForPatchGroupRequest request, CancellationToken ct) =>
        Answer("DeregisterPatchBaselineForPatchGroup", request, "");

    public Task RegisterDefaultBaselineAsync(string baselineId, CancellationToken ct) => Answer("RegisterDefaultPatchBaseline", baselineId, "");

    public Task<string> CreatePatchBaselineAsync(CreatePatchBaselineRequest request, CancellationToken ct) => Answer("CreatePatchBaseline", request, "pb-0new");

    public Task UpdatePatchBaselineAsync(UpdatePatchBaselineRequest request, CancellationToken ct) => Answer("UpdatePatchBaseline", request, "");

    public Task DeletePatchBaselineAsync(string baselineId, CancellationToken ct) => Answer("DeletePatchBaseline", baselineId, "");

    public Task<string> SendCommandAsync(SendCommandRequest request, CancellationToken ct) =>
        Answer("SendCommand", request, "d3d3d3d3-1111-2222-3333-444455556666");

    public Task CancelCommandAsync(string commandId, CancellationToken ct) => Answer("CancelCommand", commandId, "");

    public Task CancelMaintenanceWindowExecutionAsync(string windowExecutionId, CancellationToken ct) =>
        Answer("CancelMaintenanceWindowExecution", windowExecutionId, "");

    private Task<T> Answer<T>(string operation, object request, T value)
    {
        Calls.Add((operation, request));
        return Error(operation) is { } error ? Task.FromException<T>(error) : Task.FromResult(value);
    }
}
