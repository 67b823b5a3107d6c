using PatchLab.Contracts.Lab;

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
                Tags = new() { ["env"] = "prod", ["Name"] = "web-1" }, PatchGroup = "web",
                Installed = 412, Missing = 3, Failed = 0, PendingReboot = 0, Compliance = "NON_COMPLIANT",
            },
            new InstanceRow
            {
                InstanceId = Web2, Name = "web-2", Os = "AmazonLinux2", PingStatus = "Online", State = "running",
                Tags = new() { ["env"] = "prod", ["Name"] = "web-2" }, PatchGroup = "web",
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
                WindowId = PatchWeekly, Name = "patch-weekly", Schedule = "cron(0 5 ? * TUE *)",
                NextExecution = Now.AddDays(2).AddHours(3), Enabled = true, Duration = 3, Cutoff = 1, LastStatus = "SUCCESS",
            },
            new WindowRow
            {
                WindowId = ScanDaily, Name = "scan-daily", Schedule = "rate(1 day)", ScheduleTimezone = "Europe/Paris",
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
                Invocations =
                [
                    new InvocationRow
                    {
                        InstanceId = Web1, InstanceName = "web-1", CommandId = "c-1",
                        Status = web1Done ? "SUCCESS" : "IN_PROGRESS", StatusDetails = web1Done ? "Success" : "InProgress",
                        StartTime = Now.AddSeconds(-12), EndTime = web1Done ? Now.AddSeconds(-1) : null,
                    },
                    new InvocationRow
                    {
                        InstanceId = Web2, InstanceName = "web-2", CommandId = "c-1", Status = "SUCCESS", StatusDetails = "Success",
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
}
