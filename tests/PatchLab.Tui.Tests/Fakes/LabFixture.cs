using PatchLab.Contracts.Lab;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Tests.Fakes;

/// <summary>A small lab: three instances, two windows, one running and one finished execution, a few events.</summary>
internal static class LabFixture
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 13, TimeSpan.Zero);

    public const string Web1 = "i-0123456789abcdef0";
    public const string Web2 = "i-0fedcba9876543210";
    public const string Db1 = "i-0aaaabbbbccccdddd";
    public const string PatchWeekly = "mw-0123456789abcdef0";
    public const string ScanDaily = "mw-0fedcba9876543210";
    public const string RunningExecution = "6f1c2b3a-1111-2222-3333-444455556666";
    public const string FinishedExecution = "0a1b2c3d-aaaa-bbbb-cccc-ddddeeeeffff";
    public const string RunningTask = "7a7a7a7a-1111-2222-3333-444455556666";
    public const string WebTarget = "e1e1e1e1-1111-2222-3333-444455556666";
    public const string PatchTask = "f2f2f2f2-1111-2222-3333-444455556666";
    public const string Baseline = "arn:aws:ssm:us-east-1:123456789012:patchbaseline/pb-0be8c61cde3be63f3";
    public const string Command1 = "c1c1c1c1-1111-2222-3333-444455556666";

    public static ClockDto Clock() => new() { Now = Now, Speed = 60 };

    /// <param name="web1Done">False: web-1's invocation is InProgress; true: it finished with Success.</param>
    public static OverviewDto Overview(bool web1Done = false) => new()
    {
        Clock = Clock(),
        Instances =
        [
            new InstanceRow
            {
                InstanceId = Web1, Name = "web-1", Os = "AmazonLinux2", PingStatus = "Online", State = "running",
                Tags = new() { ["env"] = "prod", ["Name"] = "web-1" }, PatchGroup = "web", BaselineId = Baseline,
                Installed = 412, Missing = 3, Failed = 0, PendingReboot = 0, Compliance = "NON_COMPLIANT",
            },
            new InstanceRow
            {
                InstanceId = Web2, Name = "web-2", Os = "AmazonLinux2", PingStatus = "Online", State = "running",
                Tags = new() { ["env"] = "prod", ["Name"] = "web-2" }, PatchGroup = "web", BaselineId = Baseline,
                Installed = 415, Missing = 0, Failed = 0, PendingReboot = 1, Compliance = "COMPLIANT",
            },
            new InstanceRow
            {
                InstanceId = Db1, Name = "db-1", Os = "AmazonLinux2", PingStatus = "ConnectionLost", State = "stopped",
                Tags = new() { ["env"] = "prod", ["Name"] = "db-1" },
            },
        ],
        Windows =
        [
            new WindowRow
            {
                WindowId = PatchWeekly, Name = "patch-weekly", Schedule = "cron(0 5 ? * TUE *)", ScheduleDescription = "At 05:00 on Tuesday (UTC)",
                NextExecution = Now.AddDays(2).AddHours(3), Enabled = true, Duration = 3, Cutoff = 1, LastStatus = "SUCCESS",
                Targets = [new WindowTargetRow { WindowTargetId = WebTarget, Name = "web", ResourceType = "INSTANCE", Targets = [new TargetRow { Key = "tag:env", Values = ["prod"] }] }],
                Tasks =
                [
                    new WindowTaskRow
                    {
                        WindowTaskId = PatchTask, TaskArn = "AWS-RunPatchBaseline", TaskType = "RUN_COMMAND", Priority = 1, MaxConcurrency = "50%",
                        MaxErrors = "0", Targets = [new TargetRow { Key = "WindowTargetIds", Values = [WebTarget] }], InstanceIds = [Web1, Web2, Db1],
                    },
                ],
            },
            new WindowRow
            {
                WindowId = ScanDaily, Name = "scan-daily", Schedule = "rate(1 day)", ScheduleDescription = "Every day", ScheduleTimezone = "Europe/Paris",
                NextExecution = Now.AddMinutes(45), Enabled = false, Duration = 2, Cutoff = 0,
            },
        ],
        Executions =
        [
            new ExecutionRow
            {
                WindowExecutionId = RunningExecution, WindowId = PatchWeekly, WindowName = "patch-weekly",
                Status = web1Done ? "SUCCESS" : "IN_PROGRESS", StartTime = Now.AddSeconds(-13),
                EndTime = web1Done ? Now.AddSeconds(-1) : null,
                Tasks =
                [
                    new ExecutionTaskRow
                    {
                        TaskExecutionId = RunningTask, WindowTaskId = PatchTask, TaskArn = "AWS-RunPatchBaseline", TaskType = "RUN_COMMAND",
                        Status = web1Done ? "SUCCESS" : "IN_PROGRESS", Priority = 1, MaxConcurrency = "50%", MaxErrors = "0", TargetCount = 2,
                        TargetInstanceIds = [Web1, Web2], ConcurrencyLimit = 1, ErrorLimit = 0, RampLimit = 1,
                    },
                ],
                Invocations =
                [
                    new InvocationRow
                    {
                        InstanceId = Web1, InstanceName = "web-1", CommandId = "c-1", TaskExecutionId = RunningTask,
                        Status = web1Done ? "SUCCESS" : "IN_PROGRESS", StatusDetails = web1Done ? "Success" : "InProgress",
                        StartTime = Now.AddSeconds(-12), EndTime = web1Done ? Now.AddSeconds(-1) : null,
                    },
                    new InvocationRow
                    {
                        InstanceId = Web2, InstanceName = "web-2", CommandId = "c-1", TaskExecutionId = RunningTask, Status = "SUCCESS", StatusDetails = "Success",
                        StartTime = Now.AddSeconds(-12), EndTime = Now.AddSeconds(-4),
                    },
                ],
            },
            new ExecutionRow
            {
                WindowExecutionId = FinishedExecution, WindowId = ScanDaily, WindowName = "scan-daily", Status = "SUCCESS",
                StartTime = Now.AddDays(-1), EndTime = Now.AddDays(-1).AddMinutes(2),
                Invocations =
                [
                    new InvocationRow
                    {
                        InstanceId = Db1, InstanceName = "db-1", CommandId = "c-0", Status = "SUCCESS", StatusDetails = "Success",
                        StartTime = Now.AddDays(-1), EndTime = Now.AddDays(-1).AddMinutes(2),
                    },
                ],
            },
        ],
        Events =
        [
            new EventRow { Time = Now.AddMinutes(-5), Kind = "fleet", Message = "db-1 lost connection" },
            new EventRow { Time = Now.AddSeconds(-13), Kind = "window", Message = "patch-weekly started" },
            new EventRow { Time = Now.AddSeconds(-12), Kind = "command", Message = "AWS-RunPatchBaseline sent to 2 instances" },
        ],
    };

    public static InstanceDetail InstanceDetail(string instanceId) => new(instanceId,
        new Section<PatchItem>(
        [
            new PatchItem { InstanceId = instanceId, Title = "openssl-1:1.0.2k-24.amzn2.0.7", KbId = "openssl.x86_64:1:1.0.2k-24.amzn2.0.7", Classification = "Security", Severity = "Important", State = "Missing", CveIds = "CVE-2023-0286" },
            new PatchItem { InstanceId = instanceId, Title = "bash-4.2.46-34.amzn2", KbId = "bash.x86_64:0:4.2.46-34.amzn2", Classification = "Bugfix", Severity = "", State = "Installed", InstalledTime = Now.AddDays(-30) },
            new PatchItem { InstanceId = instanceId, Title = "kernel-4.14.336-257.562.amzn2", KbId = "kernel.x86_64:0:4.14.336-257.562.amzn2", Classification = "Security", Severity = "Critical", State = "Failed" },
        ]),
        new Section<CommandInvocationItem>(
        [
            new CommandInvocationItem
            {
                CommandId = Command1, InstanceId = instanceId, DocumentName = "AWS-RunPatchBaseline", Requested = Now.AddMinutes(-3), Status = "Success",
                StatusDetails = "Success", Comment = "patch-weekly",
                Plugins = [new PluginOutputItem { Name = "PatchLinux", Status = "Success", ResponseCode = 0, Output = "Scan found 3 missing patches" }],
            },
        ]));

    public static WindowDetail WindowDetail(string windowId) => new(windowId,
        new Section<WindowTargetItem>([new WindowTargetItem
        {
            WindowTargetId = WebTarget, Name = "web", ResourceType = "INSTANCE", Targets = [new TargetItem("tag:env", ["prod"])], Description = "web servers",
        }]),
        new Section<WindowTaskItem>(
        [
            new WindowTaskItem
            {
                WindowTaskId = PatchTask, TaskArn = "AWS-RunPatchBaseline", TaskType = "RUN_COMMAND", Priority = 1, MaxConcurrency = "50%", MaxErrors = "0",
                Targets = [new TargetItem("WindowTargetIds", [WebTarget])],
            },
        ]),
        new Section<WindowExecutionItem>([new WindowExecutionItem { WindowExecutionId = RunningExecution, Status = "IN_PROGRESS", StartTime = Now.AddSeconds(-13) }]));

    public static InvocationOutput Output(string commandId, string instanceId) => new(commandId, instanceId,
        new Section<CommandInvocationItem>(
        [
            new CommandInvocationItem
            {
                CommandId = commandId, InstanceId = instanceId, DocumentName = "AWS-RunPatchBaseline", Status = "Success", StatusDetails = "Success",
                Requested = Now.AddMinutes(-3),
                Plugins =
                [
                    new PluginOutputItem { Name = "PatchLinux", Status = "Success", ResponseCode = 0, Output = "Patch Baseline: pb-0be8c61cde3be63f3\nInstalled 3 patches" },
                ],
            },
        ]));

    public static ComplianceData Compliance(IReadOnlyList<string> instanceIds) => new(
        new Section<PatchStateItem>(
        [
            new PatchStateItem { InstanceId = Web1, PatchGroup = "web", BaselineId = Baseline, Operation = "Scan", OperationEndTime = Now.AddMinutes(-3), Installed = 412, Missing = 3, CriticalNonCompliant = 1, SecurityNonCompliant = 2 },
            new PatchStateItem { InstanceId = Web2, PatchGroup = "web", BaselineId = Baseline, Operation = "Install", OperationEndTime = Now.AddMinutes(-2), Installed = 415 },
        ]),
        new Section<PatchItem>(
        [
            new PatchItem { InstanceId = Web1, KbId = "kernel", Severity = "Critical", State = "Missing" },
            new PatchItem { InstanceId = Web1, KbId = "openssl", Severity = "Important", State = "Missing" },
            new PatchItem { InstanceId = Web1, KbId = "curl", Severity = "Important", State = "Failed" },
        ]));
}
