using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Testing;

namespace PatchLab.Testing.Sample;

/// <summary>What a team's integration tests look like with the PatchLab fixture.</summary>
public sealed class PatchingTests(ProductionFleet lab) : IClassFixture<ProductionFleet>
{
    private IAmazonSimpleSystemsManagement Ssm => lab.Emulator.Ssm;

    [Fact]
    public async Task TheFixtureFleet_IsManaged_AndTaggedAsConfigured()
    {
        var info = await Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());

        Assert.Equal(lab.Emulator.InstanceIds.Order(), info.InstanceInformationList.Select(i => i.InstanceId).Order());
        Assert.All(info.InstanceInformationList, i => Assert.Equal(PingStatus.Online, i.PingStatus));
        Assert.All(info.InstanceInformationList, i => Assert.Equal("Amazon Linux", i.PlatformName));
        var (runtime, _) = await lab.Emulator.RuntimeAsync();
        Assert.Equal("process", runtime);
    }

    [Fact]
    public async Task AScanThroughRunCommand_ReportsMissingPatches_ForEveryInstance()
    {
        var sent = await Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline",
            Targets = [new Target { Key = "tag:Patch Group", Values = ["Production"] }],
            Parameters = new Dictionary<string, List<string>> { ["Operation"] = ["Scan"] },
            MaxConcurrency = "50%",
            MaxErrors = "0",
        });

        foreach (var id in lab.Emulator.InstanceIds)
        {
            var invocation = await lab.Emulator.WaitForCommandAsync(sent.Command.CommandId, id);
            Assert.Equal(CommandInvocationStatus.Success, invocation.Status);
        }
        var states = await Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [.. lab.Emulator.InstanceIds] });
        Assert.Equal(2, states.InstancePatchStates.Count);
        Assert.All(states.InstancePatchStates, s =>
        {
            Assert.Equal(PatchOperationType.Scan, s.Operation);
            Assert.True(s.MissingCount > 0, $"{s.InstanceId}: a year-old instance misses patches");
            Assert.Equal("Production", s.PatchGroup);
        });
    }

    [Fact]
    public async Task AMaintenanceWindow_FiresWhenTheLabClockReachesIt()
    {
        var window = await Ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
        {
            Name = "sample-nightly-" + Guid.NewGuid().ToString("N")[..6],
            Schedule = "cron(0 3 ? * * *)",
            Duration = 2,
            Cutoff = 1,
            AllowUnassociatedTargets = false,
        });
        var target = await Ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = window.WindowId,
            ResourceType = MaintenanceWindowResourceType.INSTANCE,
            Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }],
        });
        await Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = window.WindowId,
            TaskType = MaintenanceWindowTaskType.RUN_COMMAND,
            TaskArn = "AWS-RunShellScript",
            Targets = [new Target { Key = "WindowTargetIds", Values = [target.WindowTargetId] }],
            MaxConcurrency = "1",
            MaxErrors = "0",
            Priority = 1,
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters { Parameters = new Dictionary<string, List<string>> { ["commands"] = ["echo patched"] } },
            },
        });

        await lab.Emulator.Clock.JumpToNextExecutionAsync(window.WindowId);
        var executions = new List<MaintenanceWindowExecution>();
        await PatchLabEmulator.WaitUntilAsync(async ct =>
        {
            executions = (await Ssm.DescribeMaintenanceWindowExecutionsAsync(new DescribeMaintenanceWindowExecutionsRequest { WindowId = window.WindowId }, ct))
                .WindowExecutions;
            return executions.Count > 0;
        }, TimeSpan.FromMinutes(1), "the window to fire");
        var ended = await lab.Emulator.WaitForWindowExecutionAsync(executions[0].WindowExecutionId);

        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, ended.Status);
        Assert.Equal(3, ended.StartTime!.Value.ToUniversalTime().Hour);
    }
}
