using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Issue 6: what the dashboard's overview adds for its screens: the schedule in words, a window's targets and tasks with
/// the instances each task would hit now (the engine's own resolution), and each execution's tasks with MaxConcurrency
/// and MaxErrors as counts and the ramp, against fake agents.
/// </summary>
public sealed class OverviewDashboardTests : IAsyncLifetime
{
    private readonly List<FakeAgent> _agents = [];
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var a in _agents)
        {
            await a.DisposeAsync();
        }
        await _emu.DisposeAsync();
    }

    [Fact]
    public async Task Issue6_Overview_DescribesTheScheduleAndResolvesWhatEachTaskWouldHit()
    {
        var prod = await LaunchAsync("Production", 3);
        await LaunchAsync("Staging", 1);
        var (windowId, targetId) = await CreateWindowAsync("50%", "1");

        var overview = await _emu.Lab.GetOverviewAsync(CancellationToken.None);

        var window = Assert.Single(overview.Windows, w => w.WindowId == windowId);
        Assert.Equal("At 02:00 on Sunday (UTC)", window.ScheduleDescription);
        var target = Assert.Single(window.Targets);
        Assert.Equal((targetId, "INSTANCE", "tag:Environment"), (target.WindowTargetId, target.ResourceType, target.Targets[0].Key));
        var task = Assert.Single(window.Tasks);
        Assert.Equal(("AWS-RunPatchBaseline", "RUN_COMMAND", 10, "50%", "1"), (task.TaskArn, task.TaskType, task.Priority, task.MaxConcurrency, task.MaxErrors));
        Assert.Equal(("WindowTargetIds", targetId), (task.Targets[0].Key, task.Targets[0].Values[0]));
        Assert.Equal(prod.Select(a => a.InstanceId).Order(), task.InstanceIds.Order());
    }

    [Fact]
    public async Task Issue6_Overview_ResolvesATagChange_BeforeTheWindowFires()
    {
        var prod = await LaunchAsync("Production", 2);
        var (windowId, _) = await CreateWindowAsync("1", "0");
        // The instance is re-tagged after the window was set up (straight in the store: no tagging API is needed here).
        using (var c = _emu.Get<PatchLab.Storage.Database>().Open())
        {
            Dapper.SqlMapper.Execute(c, "UPDATE tags SET value='Staging' WHERE resource_type='Instance' AND resource_id=@id AND key='Environment'",
                new { id = prod[0].InstanceId });
        }

        var overview = await _emu.Lab.GetOverviewAsync(CancellationToken.None);

        Assert.Equal([prod[1].InstanceId], overview.Windows.Single(w => w.WindowId == windowId).Tasks[0].InstanceIds);
    }

    [Fact]
    public async Task Issue6_Overview_GivesEachExecutionItsTasks_WithRateControlsAsCounts()
    {
        var prod = await LaunchAsync("Production", 4);
        var (windowId, _) = await CreateWindowAsync("50%", "25%");

        await _emu.Lab.JumpToNextExecutionAsync(windowId, CancellationToken.None);
        ExecutionRow? execution = null;
        for (var i = 0; i < 600 && execution is not { Status: "SUCCESS" }; i++)
        {
            await Task.Delay(100);
            execution = (await _emu.Lab.GetOverviewAsync(CancellationToken.None)).Executions.FirstOrDefault(e => e.WindowId == windowId);
        }

        Assert.Equal("SUCCESS", execution?.Status);
        var task = Assert.Single(execution!.Tasks);
        Assert.Equal(("AWS-RunPatchBaseline", "SUCCESS", "50%", "25%"), (task.TaskArn, task.Status, task.MaxConcurrency, task.MaxErrors));
        Assert.Equal(4, task.TargetCount);
        Assert.Equal(prod.Select(a => a.InstanceId).Order(), task.TargetInstanceIds.Order());
        // 50% of 4 rounds up to 2 in flight; 25% of 4 errors is 1; four acknowledged targets ramp 1 → 3, capped at 2
        Assert.Equal((2, 1, 2), (task.ConcurrencyLimit, task.ErrorLimit, task.RampLimit));
        Assert.Equal(4, execution.Invocations.Count);
        Assert.All(execution.Invocations, i => Assert.Equal(task.TaskExecutionId, i.TaskExecutionId));
    }

    private async Task<List<FakeAgent>> LaunchAsync(string env, int count)
    {
        var list = new List<FakeAgent>();
        for (var i = 0; i < count; i++)
        {
            list.Add(FakeAgent.Launch(_emu, new() { ["Environment"] = env, ["Name"] = $"{env}-{i}" }));
        }
        foreach (var a in list)
        {
            await a.WaitRegisteredAsync(_emu);
        }
        _agents.AddRange(list);
        return list;
    }

    private async Task<(string WindowId, string TargetId)> CreateWindowAsync(string maxConcurrency, string maxErrors)
    {
        var w = await _emu.Ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
        {
            Name = "Dashboard-" + Guid.NewGuid().ToString("N")[..8], Schedule = "cron(0 2 ? * SUN *)", Duration = 2, Cutoff = 1, AllowUnassociatedTargets = false,
        });
        var t = await _emu.Ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, ResourceType = MaintenanceWindowResourceType.INSTANCE, Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }],
        });
        await _emu.Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunPatchBaseline", Priority = 10,
            Targets = [new Target { Key = "WindowTargetIds", Values = [t.WindowTargetId] }], MaxConcurrency = maxConcurrency, MaxErrors = maxErrors,
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters { Parameters = new() { ["Operation"] = ["Scan"] } },
            },
        });
        return (w.WindowId, t.WindowTargetId);
    }
}
