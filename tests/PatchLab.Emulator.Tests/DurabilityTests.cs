using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Client;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Issue 3, durability: the real `patchlab serve` is killed (SIGKILL) while a window runs and started again on the same state
/// directory. The execution goes on from what SQLite holds and ends as it would have; no instance gets a second command for
/// one invocation. The kill happens at named points of the engine (PATCHLAB_CRASH_AT, the process kills itself there) and at
/// an arbitrary moment of the rollout.
/// </summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "patchlab-durability-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly List<FakeAgent> _agents = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var a in _agents)
        {
            await a.DisposeAsync();
        }
        try
        {
            Directory.Delete(_stateDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    // The window fired: execution and task rows are committed, nothing started yet.
    [InlineData("execution-started")]
    // The task resolved its targets and is IN_PROGRESS, nothing dispatched.
    [InlineData("task-started")]
    // An invocation is recorded with its command id but the command does not exist yet: the restart creates that same command.
    [InlineData("invocation-recorded")]
    // The first command exists and its agent was woken.
    [InlineData("command-sent")]
    // SIGKILL from outside once the first instance has finished, others in flight or waiting.
    [InlineData("mid-rollout")]
    public async Task WindowRun_ContinuesAfterSigkill_AndDispatchesNoInstanceTwice(string killPoint)
    {
        var port = ChildEmulator.FreePort();
        var first = await ChildEmulator.StartAsync(_stateDir, port, killPoint == "mid-rollout" ? null : killPoint);
        string windowId;
        var firstOutput = "";
        try
        {
            var instances = new InstanceRepository(new Database(Path.Combine(_stateDir, "patchlab.db")));
            for (var i = 0; i < 4; i++)
            {
                _agents.Add(FakeAgent.Launch(first.Endpoint, instances, new() { ["Environment"] = "Production" }, workTime: TimeSpan.FromMilliseconds(400)));
            }
            foreach (var a in _agents)
            {
                await a.WaitRegisteredAsync(instances);
            }
            using var ssm = SsmClientFactory.Create(first.Endpoint);
            using var lab = new LabClient(first.Endpoint);
            windowId = await WindowKit.CreateWindowAsync(ssm, name: "Durable-Window");
            var target = await WindowKit.RegisterTagTargetAsync(ssm, windowId, "Environment", "Production");
            await WindowKit.RegisterShellTaskAsync(ssm, windowId, WindowKit.WindowTargets(target), maxConcurrency: "2", maxErrors: "0");
            try
            {
                await lab.JumpToNextExecutionAsync(windowId, CancellationToken.None);
            }
            catch (HttpRequestException) when (killPoint != "mid-rollout")
            {
                // The scheduler may reach the crash point before the jump's answer is written.
            }

            if (killPoint == "mid-rollout")
            {
                await WindowKit.WaitForAsync(() => Task.FromResult(_agents.Any(a => !a.Runs.IsEmpty) ? "" : null), "a first instance to finish");
                first.Kill();
            }
            else
            {
                Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the emulator did not reach {killPoint}:\n{first.Output}");
                Assert.Contains($"PATCHLAB_CRASH_AT={killPoint}", first.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            await first.DisposeAsync();
            firstOutput = first.Output;
        }

        await using var second = await ChildEmulator.StartAsync(_stateDir, port);
        using var ssm2 = SsmClientFactory.Create(second.Endpoint);
        var execution = Assert.Single((await ssm2.DescribeMaintenanceWindowExecutionsAsync(new DescribeMaintenanceWindowExecutionsRequest { WindowId = windowId }))
            .WindowExecutions);
        GetMaintenanceWindowExecutionResponse ended;
        try
        {
            ended = await WindowKit.WaitEndedAsync(ssm2, execution.WindowExecutionId);
        }
        catch (TimeoutException e)
        {
            var invocations2 = await WindowKit.InvocationsAsync(ssm2, execution.WindowExecutionId);
            // Straight from the state: when each Run message was last handed to a poll, and whether its agent acknowledged it.
            var deliveries = new CommandRepository(new Database(Path.Combine(_stateDir, "patchlab.db"))).Invocations(null, null)
                .Select(i => $"  {i.InstanceId} {i.CommandId[..8]} {i.StatusDetails}, delivered at {i.DeliveredAt:HH:mm:ss.fff} (emulator time), acked {i.Acked}");
            throw new TimeoutException($"{e.Message}\ninvocations:\n{string.Join('\n', invocations2.Select(i => $"  {WindowKit.InstanceOf(i)} {i.Status} {i.ExecutionId}"))}\n"
                + $"command invocations:\n{string.Join('\n', deliveries)}\n"
                + $"agents:\n{string.Join('\n', _agents.Select(a => a.Describe()))}\nfirst emulator:\n{firstOutput}\nsecond emulator:\n{second.Output}", e);
        }

        Assert.True(ended.Status == Amazon.SimpleSystemsManagement.MaintenanceWindowExecutionStatus.SUCCESS, $"{ended.Status}: {ended.StatusDetails}\n{second.Output}");
        var invocations = await WindowKit.InvocationsAsync(ssm2, execution.WindowExecutionId);
        Assert.Equal(_agents.Select(a => a.InstanceId).Order(), invocations.Select(WindowKit.InstanceOf).Order());
        // One command per instance for this execution, and each agent ran exactly one document.
        var commands = (await ssm2.ListCommandsAsync(new ListCommandsRequest())).Commands;
        Assert.Equal(4, commands.Count);
        Assert.Equal(_agents.Select(a => a.InstanceId).Order(), commands.Select(c => Assert.Single(c.InstanceIds)).Order());
        Assert.All(_agents, a => Assert.Single(a.Runs));
        Assert.Equal(invocations.Select(i => i.ExecutionId).Order(), commands.Select(c => c.CommandId).Order());
    }
}
