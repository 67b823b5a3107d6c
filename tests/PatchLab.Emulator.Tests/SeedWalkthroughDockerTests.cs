using System.Diagnostics;
using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Acceptance: the seed walkthrough through the AWS SDK for .NET against real containers running the real agent
/// (issue 2, items 2 and 4).
/// </summary>
[Collection("docker")]
public sealed class SeedWalkthroughDockerTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync()
    {
        DockerFactAttribute.EnsureAvailable();
        _emu = await EmulatorFixture.StartAsync(docker: true, speed: 60);
    }

    public async Task DisposeAsync()
    {
        if (_emu is null)
        {
            return;
        }
        try
        {
            await _emu.Lab.DownAsync(CancellationToken.None);
        }
        finally
        {
            await _emu.DisposeAsync();
        }
    }

    private async Task<List<string>> LaunchAsync(int count, string env)
    {
        var (last, ids) = await _emu.LaunchAsync(new FleetLaunchRequest { Count = count, Os = "AmazonLinux2", Tags = new() { ["Environment"] = env }, NamePrefix = env });
        Assert.True(last.Stage == "done", $"launch ended {last.Stage}: {last.Message}");
        Assert.Equal($"{count} instance(s) online", last.Message);
        return ids;
    }

    [DockerFact]
    public async Task SeedWalkthrough_PatchesTheSixProductionContainers_AndLeavesStagingAlone()
    {
        var prod = await LaunchAsync(6, "Production");
        var staging = await LaunchAsync(2, "Staging");

        var info = await _emu.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 50 });
        Assert.Equal(8, info.InstanceInformationList.Count);
        Assert.All(info.InstanceInformationList, i => Assert.Equal(PingStatus.Online, i.PingStatus));

        var w = await _emu.Ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
        {
            Name = "Weekly-EC2-Patching-Prod", Description = "Patch Production EC2 instances weekly", Schedule = "cron(0 2 ? * SUN *)", Duration = 2,
            Cutoff = 1, AllowUnassociatedTargets = false, StartDate = "2023-10-29T02:00:00Z", Tags = [new Tag { Key = "Project", Value = "SecurityPatching" }],
        });
        var t = await _emu.Ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, ResourceType = MaintenanceWindowResourceType.INSTANCE, Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }],
        });
        await _emu.Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunPatchBaseline", Name = "Patch-EC2-Prod", Priority = 10,
            Targets = [new Target { Key = "WindowTargetIds", Values = [t.WindowTargetId] }], MaxConcurrency = "5", MaxErrors = "1",
            ServiceRoleArn = "arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM",
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters
                {
                    DocumentVersion = "1", Parameters = new() { ["Operation"] = ["Install"], ["RebootOption"] = ["RebootIfNeeded"] },
                },
            },
        });
        var clock = await _emu.Lab.JumpToNextExecutionAsync(w.WindowId, CancellationToken.None);
        Assert.Equal(DayOfWeek.Sunday, clock.Now.UtcDateTime.DayOfWeek);
        Assert.Equal(2, clock.Now.UtcDateTime.Hour);

        MaintenanceWindowExecution? exec = null;
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            exec = (await _emu.Ssm.DescribeMaintenanceWindowExecutionsAsync(new DescribeMaintenanceWindowExecutionsRequest { WindowId = w.WindowId }))
                .WindowExecutions.FirstOrDefault();
            if (exec is not null && exec.Status != MaintenanceWindowExecutionStatus.IN_PROGRESS && exec.Status != MaintenanceWindowExecutionStatus.PENDING)
            {
                break;
            }
            await Task.Delay(500);
        }
        Assert.NotNull(exec);
        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, exec.Status);

        var states = await _emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [.. prod, .. staging] });
        Assert.Equal(prod.Order(), states.InstancePatchStates.Select(s => s.InstanceId).Order()); // Staging never reported: never touched
        Assert.All(states.InstancePatchStates, s =>
        {
            Assert.Equal(0, s.MissingCount);
            Assert.True(s.InstalledCount > 0, $"{s.InstanceId} installed nothing");
            Assert.Equal(PatchOperationType.Install, s.Operation);
            Assert.Equal(exec.WindowExecutionId, s.SnapshotId);
            Assert.Equal("arn:aws:ssm:us-east-1:075727635805:patchbaseline/pb-0be8c61cde3be63f3", s.BaselineId);
        });

        var task = (await _emu.Ssm.DescribeMaintenanceWindowExecutionTasksAsync(new DescribeMaintenanceWindowExecutionTasksRequest { WindowExecutionId = exec.WindowExecutionId }))
            .WindowExecutionTaskIdentities.Single();
        var invocations = (await _emu.Ssm.DescribeMaintenanceWindowExecutionTaskInvocationsAsync(new DescribeMaintenanceWindowExecutionTaskInvocationsRequest
        {
            WindowExecutionId = exec.WindowExecutionId, TaskId = task.TaskExecutionId, MaxResults = 50,
        })).WindowExecutionTaskInvocationIdentities;
        Assert.Equal(6, invocations.Count);
        var spans = invocations.Select(i => (Start: i.StartTime!.Value, End: i.EndTime!.Value)).ToList();
        var peak = spans.Max(s => spans.Count(o => o.Start <= s.Start && o.End > s.Start));
        Assert.True(peak <= 5, $"{peak} instances ran at once");

        // The agent's output is there, per plugin, for the multi-step document.
        var inv = invocations[0];
        var output = await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest
        {
            CommandId = inv.ExecutionId, InstanceId = JsonDocument.Parse(inv.Parameters).RootElement.GetProperty("instanceIds")[0].GetString(), PluginName = "PatchLinux",
        });
        Assert.Equal(CommandInvocationStatus.Success, output.Status);
        Assert.Contains("Install", output.StandardOutputContent, StringComparison.Ordinal);

        // Reboots really restarted the Production containers; Staging containers were never restarted.
        foreach (var id in prod)
        {
            Assert.True(Restarted(id), $"{id} was not rebooted");
        }
        foreach (var id in staging)
        {
            Assert.False(Restarted(id), $"{id} was rebooted");
        }
        // Every instance container runs without a network (the agent reaches the emulator through the mounted socket directory).
        foreach (var id in prod.Concat(staging))
        {
            Assert.Equal("none", Docker("inspect", "--format", "{{.HostConfig.NetworkMode}}", $"patchlab-{id}"));
        }
    }

    private static bool Restarted(string instanceId)
    {
        var created = DateTimeOffset.Parse(Docker("inspect", "--format", "{{.Created}}", $"patchlab-{instanceId}"), System.Globalization.CultureInfo.InvariantCulture);
        var started = DateTimeOffset.Parse(Docker("inspect", "--format", "{{.State.StartedAt}}", $"patchlab-{instanceId}"), System.Globalization.CultureInfo.InvariantCulture);
        return started - created > TimeSpan.FromSeconds(2);
    }

    private static string Docker(params string[] args)
    {
        var psi = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"docker {string.Join(' ', args)} failed: {p.StandardError.ReadToEnd()}");
        return output;
    }
}
