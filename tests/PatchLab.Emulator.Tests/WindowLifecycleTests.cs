using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Window executions driven by the scheduler against fake agents (no Docker): priorities, cutoff, CutoffBehavior, the end of
/// the window, overlapping runs, cancellation, target resolution and delivery timeouts. Long simulated work is paced by
/// the emulator clock and the clock jumps over it, so no test waits for emulated hours.
/// </summary>
public sealed class WindowLifecycleTests : IAsyncLifetime
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

    private IAmazonSimpleSystemsManagement Ssm => _emu.Ssm;

    /// <summary>Launches agents in order (target resolution follows launch order); work is emulator time.</summary>
    private async Task<List<FakeAgent>> LaunchAsync(int count, string env, TimeSpan work, bool emulatorTime = true)
    {
        var list = new List<FakeAgent>();
        for (var i = 0; i < count; i++)
        {
            list.Add(FakeAgent.Launch(_emu, new() { ["Environment"] = env, ["Name"] = $"{env}-{i}" }, workTime: work, emulatorTime: emulatorTime));
        }
        foreach (var a in list)
        {
            await a.WaitRegisteredAsync(_emu);
        }
        _agents.AddRange(list);
        return list;
    }

    /// <summary>The Run Command command of an invocation (the invocation is recorded a moment before its command exists).</summary>
    private Task<Command> CommandAsync(string commandId) => WindowKit.WaitForAsync(async () =>
    {
        try
        {
            return (await Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId })).Commands.SingleOrDefault();
        }
        catch (InvalidCommandIdException)
        {
            return null;
        }
    }, $"command {commandId}");

    private static DateTimeOffset StartOf(MaintenanceWindowExecution e) => new(DateTime.SpecifyKind(e.StartTime!.Value.ToUniversalTime(), DateTimeKind.Utc));

    [Fact]
    public async Task WindowRun_StartsLowerPriorityFirst_AndEqualPrioritiesTogether()
    {
        var agents = await LaunchAsync(3, "Production", TimeSpan.FromMilliseconds(200), emulatorTime: false);
        var id = await WindowKit.CreateWindowAsync(Ssm, allowUnassociated: true);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[0].InstanceId), priority: 0);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[1].InstanceId), priority: 1);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[2].InstanceId), priority: 1);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[0].InstanceId), priority: 2);

        var exec = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);

        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, ended.Status);
        var tasks = new List<GetMaintenanceWindowExecutionTaskResponse>();
        foreach (var t in await WindowKit.TasksAsync(Ssm, exec.WindowExecutionId))
        {
            tasks.Add(await Ssm.GetMaintenanceWindowExecutionTaskAsync(new GetMaintenanceWindowExecutionTaskRequest
            {
                WindowExecutionId = exec.WindowExecutionId, TaskId = t.TaskExecutionId,
            }));
        }
        Assert.All(tasks, t => Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, t.Status));
        var byPriority = tasks.GroupBy(t => t.Priority).OrderBy(g => g.Key).ToList();
        Assert.Equal([0, 1, 2], byPriority.Select(g => g.Key!.Value));
        // Equal priorities start together (same scheduler pass); the next group waits for the whole previous one.
        Assert.Single(byPriority[1].Select(t => t.StartTime).Distinct());
        Assert.True(byPriority[1].Min(t => t.StartTime) >= byPriority[0].Single().EndTime);
        Assert.True(byPriority[2].Single().StartTime >= byPriority[1].Max(t => t.EndTime));
    }

    [Fact]
    public async Task WindowRun_StartsNoTaskAfterTheCutoff_AndDoesNotListIt()
    {
        var agents = await LaunchAsync(2, "Production", TimeSpan.FromMinutes(90));
        var id = await WindowKit.CreateWindowAsync(Ssm, duration: 2, cutoff: 1, allowUnassociated: true);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[0].InstanceId), priority: 1);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[1].InstanceId), priority: 2);

        var exec = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        await WindowKit.WaitInvocationAsync(Ssm, exec.WindowExecutionId, agents[0].InstanceId, MaintenanceWindowExecutionStatus.IN_PROGRESS);
        // The first task ends 90 minutes in, past the cutoff (60 minutes in): the second may not start.
        await WindowKit.JumpAsync(_emu.Lab, StartOf(exec).AddMinutes(95));
        var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);

        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, ended.Status);
        var task = Assert.Single(await WindowKit.TasksAsync(Ssm, exec.WindowExecutionId));
        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, task.Status);
        Assert.Empty(agents[1].Received);
    }

    [Theory]
    // CANCEL_TASK: the running invocation is cancelled at the cutoff (its agent gets a Cancel message with its own id), nothing
    // new starts, and the task ends TIMED_OUT.
    [InlineData("CANCEL_TASK")]
    // CONTINUE_TASK: the task goes on and keeps starting invocations after the cutoff, until the window ends: what still runs
    // then is TIMED_OUT [U], task and execution.
    [InlineData("CONTINUE_TASK")]
    public async Task WindowRun_AtTheCutoff_FollowsCutoffBehavior(string cutoffBehavior)
    {
        var agents = await LaunchAsync(3, "Production", TimeSpan.FromMinutes(50));
        var id = await WindowKit.CreateWindowAsync(Ssm, duration: 2, cutoff: 1);
        var target = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production");
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.WindowTargets(target), maxConcurrency: "1", maxErrors: "0", cutoffBehavior: cutoffBehavior);
        var exec = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        var start = StartOf(exec);
        await WindowKit.WaitInvocationAsync(Ssm, exec.WindowExecutionId, agents[0].InstanceId, MaintenanceWindowExecutionStatus.IN_PROGRESS);
        // 55 minutes in: the first target is done, the second starts (and would run until 105 minutes in).
        await WindowKit.JumpAsync(_emu.Lab, start.AddMinutes(55));
        await WindowKit.WaitInvocationAsync(Ssm, exec.WindowExecutionId, agents[1].InstanceId, MaintenanceWindowExecutionStatus.IN_PROGRESS);

        // 65 minutes in: past the cutoff.
        await WindowKit.JumpAsync(_emu.Lab, start.AddMinutes(65));

        if (cutoffBehavior == "CANCEL_TASK")
        {
            var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);
            var cancelled = await WindowKit.WaitInvocationAsync(Ssm, exec.WindowExecutionId, agents[1].InstanceId, MaintenanceWindowExecutionStatus.CANCELLED);
            Assert.Equal("Cancelled", cancelled.StatusDetails);
            Assert.Equal(MaintenanceWindowExecutionStatus.FAILED, ended.Status);
            var task = Assert.Single(await WindowKit.TasksAsync(Ssm, exec.WindowExecutionId));
            Assert.Equal(MaintenanceWindowExecutionStatus.TIMED_OUT, task.Status);
            Assert.Contains("1 invocation(s) cancelled, 1 target(s) not started", task.StatusDetails, StringComparison.Ordinal);
            Assert.Equal(2, (await WindowKit.InvocationsAsync(Ssm, exec.WindowExecutionId)).Count);
            var cancel = Assert.Single(agents[1].Received, m => m.Kind == "Cancel");
            Assert.EndsWith($".{agents[1].InstanceId}.cancel", cancel.MessageId, StringComparison.Ordinal);
            Assert.Contains(cancelled.ExecutionId, agents[1].Cancelled);
            var command = await Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = cancelled.ExecutionId, InstanceId = agents[1].InstanceId });
            Assert.Equal(CommandInvocationStatus.Cancelled, command.Status);
            Assert.Empty(agents[2].Received);
        }
        else
        {
            // 110 minutes in: the second target is done and the third starts after the cutoff; it is still running at the end.
            await WindowKit.JumpAsync(_emu.Lab, start.AddMinutes(110));
            await WindowKit.WaitInvocationAsync(Ssm, exec.WindowExecutionId, agents[2].InstanceId, MaintenanceWindowExecutionStatus.IN_PROGRESS);
            await WindowKit.JumpAsync(_emu.Lab, start.AddMinutes(121));
            var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);

            Assert.Equal(MaintenanceWindowExecutionStatus.TIMED_OUT, ended.Status);
            var task = Assert.Single(await WindowKit.TasksAsync(Ssm, exec.WindowExecutionId));
            Assert.Equal(MaintenanceWindowExecutionStatus.TIMED_OUT, task.Status);
            var invocations = await WindowKit.InvocationsAsync(Ssm, exec.WindowExecutionId);
            Assert.Equal(
                [MaintenanceWindowExecutionStatus.SUCCESS, MaintenanceWindowExecutionStatus.SUCCESS, MaintenanceWindowExecutionStatus.TIMED_OUT],
                invocations.Select(i => i.Status));
            Assert.All(agents, a => Assert.DoesNotContain(a.Received, m => m.Kind == "Cancel"));
        }
    }

    [Fact]
    public async Task WindowRun_RecordsSkippedOverlapping_WhenThePreviousExecutionStillRuns()
    {
        var agents = await LaunchAsync(1, "Production", TimeSpan.FromMinutes(90));
        var id = await WindowKit.CreateWindowAsync(Ssm, schedule: "cron(0 * ? * * *)", duration: 2, cutoff: 1, allowUnassociated: true);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[0].InstanceId));
        var first = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        await WindowKit.WaitInvocationAsync(Ssm, first.WindowExecutionId, agents[0].InstanceId, MaintenanceWindowExecutionStatus.IN_PROGRESS);

        var second = await WindowKit.StartAsync(Ssm, _emu.Lab, id);

        Assert.Equal(MaintenanceWindowExecutionStatus.SKIPPED_OVERLAPPING, second.Status);
        Assert.Equal("The previous execution of this window is still running.", second.StatusDetails);
        Assert.Empty(await WindowKit.TasksAsync(Ssm, second.WindowExecutionId));
        var firstNow = await Ssm.GetMaintenanceWindowExecutionAsync(new GetMaintenanceWindowExecutionRequest { WindowExecutionId = first.WindowExecutionId });
        Assert.Equal(MaintenanceWindowExecutionStatus.IN_PROGRESS, firstNow.Status);
        Assert.Single(agents[0].Received);
    }

    [Fact]
    public async Task WindowRun_ResolvesTagTargetsAtExecutionTime_WhenAnInstanceIsTaggedAfterRegistration()
    {
        var prod = await LaunchAsync(1, "Production", TimeSpan.FromMilliseconds(100), emulatorTime: false);
        var late = await LaunchAsync(1, "Untagged", TimeSpan.FromMilliseconds(100), emulatorTime: false);
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var target = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production", owner: "patch-team");
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.WindowTargets(target));
        WindowKit.TagInstance(_emu.Get<Database>(), late[0].InstanceId, "Environment", "Production");

        var exec = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);

        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, ended.Status);
        var invocations = await WindowKit.InvocationsAsync(Ssm, exec.WindowExecutionId);
        Assert.Equal(new[] { prod[0].InstanceId, late[0].InstanceId }.Order(), invocations.Select(WindowKit.InstanceOf).Order());
        Assert.All(invocations, i => Assert.Equal((target, "patch-team"), (i.WindowTargetId, i.OwnerInformation)));
    }

    [Fact]
    public async Task WindowRun_RunsInstanceIdsTaskTargets_WhenTheWindowAllowsUnassociatedTargets()
    {
        var agents = await LaunchAsync(2, "Production", TimeSpan.FromMilliseconds(100), emulatorTime: false);
        var id = await WindowKit.CreateWindowAsync(Ssm, allowUnassociated: true);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[1].InstanceId));

        var exec = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);

        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, ended.Status);
        var invocation = Assert.Single(await WindowKit.InvocationsAsync(Ssm, exec.WindowExecutionId));
        Assert.Equal(agents[1].InstanceId, WindowKit.InstanceOf(invocation));
        Assert.Null(invocation.WindowTargetId);
        Assert.Empty(agents[0].Received);

        var got = await Ssm.GetMaintenanceWindowExecutionTaskInvocationAsync(new GetMaintenanceWindowExecutionTaskInvocationRequest
        {
            WindowExecutionId = exec.WindowExecutionId, TaskId = invocation.TaskExecutionId, InvocationId = invocation.InvocationId,
        });
        Assert.Equal((invocation.ExecutionId, invocation.Parameters, "Success"), (got.ExecutionId, got.Parameters, got.StatusDetails));
        Assert.Equal(MaintenanceWindowTaskType.RUN_COMMAND, got.TaskType);
        await Assert.ThrowsAsync<DoesNotExistException>(() => Ssm.GetMaintenanceWindowExecutionTaskInvocationAsync(new GetMaintenanceWindowExecutionTaskInvocationRequest
        {
            WindowExecutionId = exec.WindowExecutionId, TaskId = invocation.TaskExecutionId, InvocationId = Guid.NewGuid().ToString(),
        }));
    }

    [Theory]
    // Stored at registration, refused only when the window runs.
    [InlineData("AUTOMATION", "AWS-RestartEC2Instance")]
    [InlineData("LAMBDA", "arn:aws:lambda:us-east-1:123456789012:function:patch-hook")]
    public async Task WindowRun_FailsTasksOtherThanRunCommand_WithAClearMessage(string taskType, string taskArn)
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        await Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = id, TaskType = new MaintenanceWindowTaskType(taskType), TaskArn = taskArn,
        });

        var exec = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);

        Assert.Equal(MaintenanceWindowExecutionStatus.FAILED, ended.Status);
        var task = Assert.Single(await WindowKit.TasksAsync(Ssm, exec.WindowExecutionId));
        Assert.Equal(MaintenanceWindowExecutionStatus.FAILED, task.Status);
        Assert.Equal($"PatchLab stores {taskType} tasks but runs only RUN_COMMAND tasks; this task ({taskArn}) was not run.", task.StatusDetails);
    }

    [Fact]
    public async Task CancelMaintenanceWindowExecution_CancelsTasksNotStarted_AndLetsRunningTasksFinish()
    {
        var agents = await LaunchAsync(2, "Production", TimeSpan.FromMinutes(10));
        var id = await WindowKit.CreateWindowAsync(Ssm, allowUnassociated: true);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[0].InstanceId), priority: 1);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[1].InstanceId), priority: 2);
        var exec = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        await WindowKit.WaitInvocationAsync(Ssm, exec.WindowExecutionId, agents[0].InstanceId, MaintenanceWindowExecutionStatus.IN_PROGRESS);

        var resp = await Ssm.CancelMaintenanceWindowExecutionAsync(new CancelMaintenanceWindowExecutionRequest { WindowExecutionId = exec.WindowExecutionId });
        var cancelling = await Ssm.GetMaintenanceWindowExecutionAsync(new GetMaintenanceWindowExecutionRequest { WindowExecutionId = exec.WindowExecutionId });
        await WindowKit.JumpAsync(_emu.Lab, StartOf(exec).AddMinutes(15));
        var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);
        var again = await Ssm.CancelMaintenanceWindowExecutionAsync(new CancelMaintenanceWindowExecutionRequest { WindowExecutionId = exec.WindowExecutionId });

        Assert.Equal(exec.WindowExecutionId, resp.WindowExecutionId);
        Assert.Equal(MaintenanceWindowExecutionStatus.CANCELLING, cancelling.Status);
        Assert.Equal(MaintenanceWindowExecutionStatus.CANCELLED, ended.Status);
        var tasks = (await WindowKit.TasksAsync(Ssm, exec.WindowExecutionId)).OrderBy(t => t.StartTime ?? DateTime.MaxValue).ToList();
        Assert.Equal([MaintenanceWindowExecutionStatus.SUCCESS, MaintenanceWindowExecutionStatus.CANCELLED], tasks.Select(t => t.Status));
        Assert.Empty(agents[1].Received);
        // Cancelling a finished execution changes nothing [U].
        Assert.Equal(exec.WindowExecutionId, again.WindowExecutionId);
        Assert.Equal(MaintenanceWindowExecutionStatus.CANCELLED,
            (await Ssm.GetMaintenanceWindowExecutionAsync(new GetMaintenanceWindowExecutionRequest { WindowExecutionId = exec.WindowExecutionId })).Status);
    }

    [Fact]
    public async Task WindowRun_TimesOutDeliveryToAnOfflineInstance_WithoutCountingItAsAnError()
    {
        // The offline instance comes first in target order; MaxErrors 0 would stop the rollout if its timeout counted.
        var offline = await LaunchAsync(1, "Production", TimeSpan.FromMilliseconds(100), emulatorTime: false);
        var online = await LaunchAsync(1, "Production", TimeSpan.FromMilliseconds(100), emulatorTime: false);
        offline[0].GoOffline();
        var id = await WindowKit.CreateWindowAsync(Ssm, duration: 3, cutoff: 1);
        var target = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production");
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.WindowTargets(target), maxConcurrency: "2", maxErrors: "0", timeoutSeconds: 60);

        var exec = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        var pending = await WindowKit.WaitInvocationAsync(Ssm, exec.WindowExecutionId, offline[0].InstanceId, MaintenanceWindowExecutionStatus.PENDING);
        var command = await CommandAsync(pending.ExecutionId);
        // TimeoutSeconds from TaskInvocationParameters.RunCommand; ExpiresAfter = requested + TimeoutSeconds + the document's 3600 s.
        Assert.Equal(60, command.TimeoutSeconds);
        Assert.Equal(command.RequestedDateTime!.Value.AddSeconds(60 + 3600), command.ExpiresAfter!.Value, TimeSpan.FromSeconds(1));
        // The ramp waits for the first acknowledgement: the online instance is not dispatched yet.
        Assert.Empty(online[0].Received);

        await WindowKit.JumpAsync(_emu.Lab, StartOf(exec).AddSeconds(61));
        var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);

        var invocations = await WindowKit.InvocationsAsync(Ssm, exec.WindowExecutionId);
        var timedOut = invocations.Single(i => WindowKit.InstanceOf(i) == offline[0].InstanceId);
        Assert.Equal((MaintenanceWindowExecutionStatus.TIMED_OUT, "DeliveryTimedOut"), (timedOut.Status, timedOut.StatusDetails));
        Assert.Equal(MaintenanceWindowExecutionStatus.SUCCESS, invocations.Single(i => WindowKit.InstanceOf(i) == online[0].InstanceId).Status);
        var task = Assert.Single(await WindowKit.TasksAsync(Ssm, exec.WindowExecutionId));
        Assert.Equal("1 of 2 invocation(s) did not succeed: 1 DeliveryTimedOut.", task.StatusDetails);
        Assert.Equal(MaintenanceWindowExecutionStatus.FAILED, ended.Status);
    }

    [Fact]
    public async Task WindowRun_KeepsAnInvocationInProgressUntilExpiresAfter_WhenItsInstanceStopsAnswering()
    {
        var agents = await LaunchAsync(1, "Production", TimeSpan.FromMinutes(30));
        var id = await WindowKit.CreateWindowAsync(Ssm, duration: 3, cutoff: 1, allowUnassociated: true);
        await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.InstanceIds(agents[0].InstanceId), timeoutSeconds: 60);
        var exec = await WindowKit.StartAsync(Ssm, _emu.Lab, id);
        var running = await WindowKit.WaitInvocationAsync(Ssm, exec.WindowExecutionId, agents[0].InstanceId, MaintenanceWindowExecutionStatus.IN_PROGRESS);
        agents[0].GoOffline();
        var command = await CommandAsync(running.ExecutionId);
        var expires = new DateTimeOffset(DateTime.SpecifyKind(command.ExpiresAfter!.Value.ToUniversalTime(), DateTimeKind.Utc));

        // Past the delivery timeout and past the work's end, but before ExpiresAfter: acknowledged, so still InProgress.
        await WindowKit.JumpAsync(_emu.Lab, expires.AddMinutes(-5));
        await Task.Delay(500);
        var still = await WindowKit.WaitInvocationAsync(Ssm, exec.WindowExecutionId, agents[0].InstanceId, MaintenanceWindowExecutionStatus.IN_PROGRESS);
        await WindowKit.JumpAsync(_emu.Lab, expires.AddSeconds(1));
        var ended = await WindowKit.WaitEndedAsync(Ssm, exec.WindowExecutionId);

        Assert.Equal("InProgress", still.StatusDetails);
        var invocation = Assert.Single(await WindowKit.InvocationsAsync(Ssm, exec.WindowExecutionId));
        Assert.Equal((MaintenanceWindowExecutionStatus.TIMED_OUT, "DeliveryTimedOut"), (invocation.Status, invocation.StatusDetails));
        Assert.Equal(MaintenanceWindowExecutionStatus.FAILED, ended.Status);
    }
}
