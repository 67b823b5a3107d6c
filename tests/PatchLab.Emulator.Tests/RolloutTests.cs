using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>Window executions driven by the scheduler against protocol-faithful fake agents (no Docker).</summary>
public sealed class RolloutTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;
    private readonly List<FakeAgent> _agents = [];

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var a in _agents)
        {
            await a.DisposeAsync();
        }
        await _emu.DisposeAsync();
    }

    private async Task<List<FakeAgent>> LaunchAsync(int count, string env, Func<int, bool>? succeeds = null)
    {
        var list = new List<FakeAgent>();
        for (var i = 0; i < count; i++)
        {
            var n = i;
            list.Add(FakeAgent.Launch(_emu, new() { ["Environment"] = env, ["Name"] = $"{env}-{i}" }, succeeds is null ? null : _ => succeeds(n)));
        }
        foreach (var a in list)
        {
            await a.WaitRegisteredAsync(_emu);
        }
        _agents.AddRange(list);
        return list;
    }

    private async Task<string> CreatePatchWindowAsync(string maxConcurrency, string maxErrors, Dictionary<string, List<string>> parameters)
    {
        var w = await _emu.Ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
        {
            Name = "Weekly-EC2-Patching-Prod", Schedule = "cron(0 2 ? * SUN *)", Duration = 2, Cutoff = 1, AllowUnassociatedTargets = false,
        });
        var t = await _emu.Ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, ResourceType = MaintenanceWindowResourceType.INSTANCE, Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }],
        });
        await _emu.Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunPatchBaseline", Priority = 10,
            Targets = [new Target { Key = "WindowTargetIds", Values = [t.WindowTargetId] }], MaxConcurrency = maxConcurrency, MaxErrors = maxErrors,
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters { RunCommand = new MaintenanceWindowRunCommandParameters { Parameters = parameters } },
        });
        return w.WindowId;
    }

    private async Task<MaintenanceWindowExecution> RunWindowAsync(string windowId)
    {
        await _emu.Lab.JumpToNextExecutionAsync(windowId, CancellationToken.None);
        for (var i = 0; i < 600; i++)
        {
            var list = await _emu.Ssm.DescribeMaintenanceWindowExecutionsAsync(new DescribeMaintenanceWindowExecutionsRequest { WindowId = windowId });
            if (list.WindowExecutions.FirstOrDefault() is { } e && e.Status != MaintenanceWindowExecutionStatus.IN_PROGRESS && e.Status != MaintenanceWindowExecutionStatus.PENDING)
            {
                return e;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the window execution did not finish in 60 s");
    }

    private async Task<List<MaintenanceWindowExecutionTaskInvocationIdentity>> InvocationsAsync(string windowExecutionId)
    {
        var tasks = await _emu.Ssm.DescribeMaintenanceWindowExecutionTasksAsync(new DescribeMaintenanceWindowExecutionTasksRequest { WindowExecutionId = windowExecutionId });
        var task = Assert.Single(tasks.WindowExecutionTaskIdentities);
        var invocations = await _emu.Ssm.DescribeMaintenanceWindowExecutionTaskInvocationsAsync(new DescribeMaintenanceWindowExecutionTaskInvocationsRequest
        {
            WindowExecutionId = windowExecutionId, TaskId = task.TaskExecutionId, MaxResults = 100,
        });
        return invocations.WindowExecutionTaskInvocationIdentities;
    }

    [Fact]
    public async Task WindowRun_PatchesOnlyTaggedInstances_AtMostMaxConcurrencyAtOnce_StartingWithOne()
    {
        var prod = await LaunchAsync(6, "Production");
        var staging = await LaunchAsync(2, "Staging");
        var windowId = await CreatePatchWindowAsync("5", "1", new() { ["Operation"] = ["Install"], ["RebootOption"] = ["RebootIfNeeded"] });

        var exec = await RunWindowAsync(windowId);

        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, exec.Status);
        var invocations = await InvocationsAsync(exec.WindowExecutionId);
        Assert.Equal(prod.Select(a => a.InstanceId).Order(), invocations.Select(i => i.ExecutionId is null ? "" : Target(i)).Order());
        Assert.All(invocations, i => Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, i.Status));
        Assert.All(staging, a => Assert.Empty(a.Runs));
        var runs = prod.SelectMany(a => a.Runs).OrderBy(r => r.Start).ToList();
        Assert.True(MaxOverlap(runs) <= 5, $"max concurrency was {MaxOverlap(runs)}");
        // The ramp starts with one target: nothing else started before the first one was acknowledged.
        Assert.True(runs[1].Start >= runs[0].Start, "second run started before the first");
        var commands = await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest());
        Assert.Equal(6, commands.Commands.Count);
        var firstRequested = commands.Commands.Min(c => c.RequestedDateTime);
        Assert.Single(commands.Commands, c => c.RequestedDateTime == firstRequested);
        // The window's snapshot id is passed to every node.
        Assert.All(commands.Commands, c => Assert.Equal(exec.WindowExecutionId, c.Parameters["SnapshotId"].Single()));

        static string Target(MaintenanceWindowExecutionTaskInvocationIdentity i) =>
            System.Text.Json.JsonDocument.Parse(i.Parameters).RootElement.GetProperty("instanceIds")[0].GetString()!;
    }

    private static int MaxOverlap(List<(DateTimeOffset Start, DateTimeOffset End, string CommandId)> runs) =>
        runs.Max(r => runs.Count(o => o.Start <= r.Start && o.End > r.Start));

    [Fact]
    public async Task WindowRun_StopsDispatching_WhenErrorsExceedMaxErrors()
    {
        // Every instance fails; MaxConcurrency 1 makes the count exact: the 2nd error exceeds MaxErrors 1.
        await LaunchAsync(6, "Production", succeeds: _ => false);
        var windowId = await CreatePatchWindowAsync("1", "1", new() { ["Operation"] = ["Install"] });

        var exec = await RunWindowAsync(windowId);

        Assert.Equal(MaintenanceWindowExecutionStatus.FAILED, exec.Status);
        Assert.Equal("One or more tasks in the orchestration failed.", exec.StatusDetails);
        var invocations = await InvocationsAsync(exec.WindowExecutionId);
        Assert.Equal(2, invocations.Count); // the remaining 4 are never created
        Assert.All(invocations, i => Assert.Equal("Failed", i.StatusDetails));
        var task = (await _emu.Ssm.DescribeMaintenanceWindowExecutionTasksAsync(new DescribeMaintenanceWindowExecutionTasksRequest { WindowExecutionId = exec.WindowExecutionId }))
            .WindowExecutionTaskIdentities.Single();
        Assert.Contains("MaxErrors is 1", task.StatusDetails, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WindowRun_FailsEachInvocationWithInvalidParameters_WhenTheSeedsClassificationIsPassed()
    {
        var prod = await LaunchAsync(2, "Production");
        // Registration accepts it, as AWS does; the run fails.
        var windowId = await CreatePatchWindowAsync("5", "1",
            new() { ["Operation"] = ["Install"], ["Classification"] = ["Critical", "Security"], ["RebootOption"] = ["RebootIfNeeded"] });

        var exec = await RunWindowAsync(windowId);

        Assert.Equal(MaintenanceWindowExecutionStatus.FAILED, exec.Status);
        var invocations = await InvocationsAsync(exec.WindowExecutionId);
        Assert.Equal(2, invocations.Count);
        Assert.All(invocations, i => Assert.StartsWith("InvalidParameters: Document AWS-RunPatchBaseline does not accept the parameter(s) Classification", i.StatusDetails, StringComparison.Ordinal));
        var task = (await _emu.Ssm.DescribeMaintenanceWindowExecutionTasksAsync(new DescribeMaintenanceWindowExecutionTasksRequest { WindowExecutionId = exec.WindowExecutionId }))
            .WindowExecutionTaskIdentities.Single();
        Assert.Contains("Operation", task.StatusDetails, StringComparison.Ordinal);
        Assert.All(prod, a => Assert.Empty(a.Runs));
        var events = await _emu.Lab.GetOverviewAsync(CancellationToken.None);
        Assert.Contains(events.Events, e => e.Message.Contains("belong in a patch baseline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DescribeInstanceInformation_ShowsRegisteredInstancesOnline()
    {
        var prod = await LaunchAsync(2, "Production");
        var info = await _emu.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());
        Assert.Equal(prod.Select(a => a.InstanceId).Order(), info.InstanceInformationList.Select(i => i.InstanceId).Order());
        Assert.All(info.InstanceInformationList, i =>
        {
            Assert.Equal(PingStatus.Online, i.PingStatus);
            Assert.Equal("Amazon Linux", i.PlatformName);
            Assert.True(DateTime.UtcNow - i.LastPingDateTime!.Value.ToUniversalTime() < TimeSpan.FromMinutes(1));
        });
    }

    [Fact]
    public async Task AgentApi_RefusesAnAgentSpeakingForAnotherInstance()
    {
        var prod = await LaunchAsync(1, "Production");
        using var http = new HttpClient { BaseAddress = _emu.Endpoint };
        using var req = new HttpRequestMessage(HttpMethod.Post, "/agent/v1/poll") { Content = new StringContent("{\"waitSeconds\":0}") };
        req.Headers.Add("X-PatchLab-Instance", prod[0].InstanceId);
        req.Headers.Add("X-PatchLab-Token", "not-the-token");
        using var resp = await http.SendAsync(req);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, resp.StatusCode);
    }
}
