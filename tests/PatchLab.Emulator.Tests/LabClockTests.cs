using System.Text.RegularExpressions;
using Amazon.SimpleSystemsManagement;
using PatchLab.Contracts.Lab;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>Tests whose assertions depend on real-time pacing run alone, not next to the parallel suites.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}

/// <summary>
/// The lab clock drives executions: paused, nothing moves; at any speed the same events happen in the same order, because
/// every simulated duration (the agents' work included) is emulator time.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class LabClockTests : IAsyncLifetime
{
    private readonly List<FakeAgent> _agents = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var a in _agents)
        {
            await a.DisposeAsync();
        }
    }

    private async Task<FakeAgent> LaunchAsync(EmulatorFixture emu, string group, TimeSpan work)
    {
        var a = FakeAgent.Launch(emu, new() { ["Group"] = group }, workTime: work, emulatorTime: true);
        _agents.Add(a);
        await a.WaitRegisteredAsync(emu);
        return a;
    }

    [Fact]
    public async Task Execution_MakesNoProgressWhilePaused_AndFinishesAfterResume()
    {
        await using var emu = await EmulatorFixture.StartAsync(speed: 60);
        var a = await LaunchAsync(emu, "one", TimeSpan.FromSeconds(90));
        var b = await LaunchAsync(emu, "one", TimeSpan.FromSeconds(90));
        var id = await WindowKit.CreateWindowAsync(emu.Ssm);
        var target = await WindowKit.RegisterTagTargetAsync(emu.Ssm, id, "Group", "one");
        await WindowKit.RegisterShellTaskAsync(emu.Ssm, id, WindowKit.WindowTargets(target), maxConcurrency: "1");
        var exec = await WindowKit.StartAsync(emu.Ssm, emu.Lab, id);
        await WindowKit.WaitInvocationAsync(emu.Ssm, exec.WindowExecutionId, a.InstanceId, MaintenanceWindowExecutionStatus.IN_PROGRESS);

        await emu.Lab.ChangeClockAsync(new ClockChangeRequest { Paused = true }, CancellationToken.None);
        await Task.Delay(200);
        var before = await SnapshotAsync(emu, exec.WindowExecutionId);
        // At x60 the first instance's 90 s of work takes 1.5 s of real time: wait longer than that.
        await Task.Delay(2000);
        var after = await SnapshotAsync(emu, exec.WindowExecutionId);
        await emu.Lab.ChangeClockAsync(new ClockChangeRequest { Paused = false }, CancellationToken.None);
        var ended = await WindowKit.WaitEndedAsync(emu.Ssm, exec.WindowExecutionId);

        Assert.Equal(before, after);
        Assert.Contains("IN_PROGRESS", before, StringComparison.Ordinal);
        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, ended.Status);
        Assert.Single(a.Runs);
        Assert.Single(b.Runs);
    }

    /// <summary>Clock, statuses and the number of events, as one comparable string.</summary>
    private static async Task<string> SnapshotAsync(EmulatorFixture emu, string executionId)
    {
        var clock = await emu.Lab.GetClockAsync(CancellationToken.None);
        var invocations = await WindowKit.InvocationsAsync(emu.Ssm, executionId);
        var events = emu.Get<EventRepository>().Latest(10_000).Count;
        return $"{clock.Now:O} {string.Join(",", invocations.Select(i => $"{i.Status}/{i.StatusDetails}"))} events={events}";
    }

    [Fact]
    public async Task Execution_HasTheSameEventOrder_AtSpeed1AndSpeed60()
    {
        var atSpeed1 = await RunSmallWindowAsync(1);
        var atSpeed60 = await RunSmallWindowAsync(60);

        // Priority 1 runs A alone; priority 2 runs X and Y together (the ramp sends X first, then Y after X's
        // acknowledgement); Y's 1 minute of work ends before X's 10.
        string[] expected =
        [
            "execution started", "task p1 started", "sent A", "done A", "task ended SUCCESS", "task p2 started", "sent X", "sent Y", "done Y", "done X",
            "task ended SUCCESS", "execution ended SUCCESS",
        ];
        Assert.Equal(expected, atSpeed1);
        Assert.Equal(expected, atSpeed60);
    }

    /// <summary>
    /// Runs the same script at a given speed. The agents' work is minutes of emulator time, and the script jumps the clock at
    /// points defined by the execution's state, never by real time, so a run takes seconds at either speed: at x60 the work
    /// also advances on its own between jumps, at x1 it practically does not, and the order of events must not care.
    /// </summary>
    private async Task<List<string>> RunSmallWindowAsync(double speed)
    {
        await using var emu = await EmulatorFixture.StartAsync(speed: speed);
        var a = await LaunchAsync(emu, "one", TimeSpan.FromMinutes(1));
        var x = await LaunchAsync(emu, "two", TimeSpan.FromMinutes(10));
        var y = await LaunchAsync(emu, "two", TimeSpan.FromMinutes(1));
        var names = new Dictionary<string, string> { [a.InstanceId] = "A", [x.InstanceId] = "X", [y.InstanceId] = "Y" };
        var id = await WindowKit.CreateWindowAsync(emu.Ssm);
        var one = await WindowKit.RegisterTagTargetAsync(emu.Ssm, id, "Group", "one");
        var two = await WindowKit.RegisterTagTargetAsync(emu.Ssm, id, "Group", "two");
        await WindowKit.RegisterShellTaskAsync(emu.Ssm, id, WindowKit.WindowTargets(one), priority: 1, maxConcurrency: "1");
        await WindowKit.RegisterShellTaskAsync(emu.Ssm, id, WindowKit.WindowTargets(two), priority: 2, maxConcurrency: "2");
        var exec = await WindowKit.StartAsync(emu.Ssm, emu.Lab, id);

        await WaitStatusAsync(emu, exec.WindowExecutionId, a, "IN_PROGRESS", "SUCCESS");
        await JumpAheadAsync(emu, TimeSpan.FromMinutes(2));
        await WaitStatusAsync(emu, exec.WindowExecutionId, x, "IN_PROGRESS");
        await WaitStatusAsync(emu, exec.WindowExecutionId, y, "IN_PROGRESS", "SUCCESS");
        await JumpAheadAsync(emu, TimeSpan.FromMinutes(2));
        await WaitStatusAsync(emu, exec.WindowExecutionId, y, "SUCCESS");
        await JumpAheadAsync(emu, TimeSpan.FromMinutes(10));
        await WindowKit.WaitEndedAsync(emu.Ssm, exec.WindowExecutionId);
        // The engine logs "ended" just after the status it reports through the API: wait for the event, not only the status.
        List<string> events = [];
        await WindowKit.WaitForAsync(() =>
        {
            events = [.. emu.Get<EventRepository>().Latest(10_000).Select(e => Normalize(e.Message, names)).OfType<string>()];
            return Task.FromResult<object?>(events.Contains("execution ended SUCCESS") ? events : null);
        }, "the execution's end event");
        return events;
    }

    private static Task WaitStatusAsync(EmulatorFixture emu, string executionId, FakeAgent agent, params string[] statuses) =>
        WindowKit.WaitForAsync(async () => (await WindowKit.InvocationsAsync(emu.Ssm, executionId))
            .FirstOrDefault(i => WindowKit.InstanceOf(i) == agent.InstanceId && statuses.Contains(i.Status.Value)), $"{agent.InstanceId} to be {string.Join(" or ", statuses)}");

    private static async Task JumpAheadAsync(EmulatorFixture emu, TimeSpan by)
    {
        var now = await emu.Lab.GetClockAsync(CancellationToken.None);
        await WindowKit.JumpAsync(emu.Lab, now.Now + by);
    }

    private static string? Normalize(string message, Dictionary<string, string> names)
    {
        string Name(string instanceId) => names.GetValueOrDefault(instanceId, instanceId);
        if (Regex.Match(message, @"started execution [0-9a-f]{8}") is { Success: true })
        {
            return "execution started";
        }
        if (Regex.Match(message, @": task .+ \(priority (\d+)\) started on") is { Success: true } ts)
        {
            return $"task p{ts.Groups[1].Value} started";
        }
        if (Regex.Match(message, @"^Sent \S+ to (i-[0-9a-f]+)") is { Success: true } sent)
        {
            return $"sent {Name(sent.Groups[1].Value)}";
        }
        if (Regex.Match(message, @"^(i-[0-9a-f]+) finished") is { Success: true } done)
        {
            return $"done {Name(done.Groups[1].Value)}";
        }
        if (Regex.Match(message, @": task .+ ended (\w+)$") is { Success: true } te)
        {
            return $"task ended {te.Groups[1].Value}";
        }
        if (Regex.Match(message, @" execution [0-9a-f]{8} ended (\w+)$") is { Success: true } ee)
        {
            return $"execution ended {ee.Groups[1].Value}";
        }
        return null;
    }
}
