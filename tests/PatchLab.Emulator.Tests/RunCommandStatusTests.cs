using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using PatchLab.Emulator.Backend;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Run Command rate control, cancellation and every status detail of reference 3.3, through the AWS SDK against
/// scripted agents (no Docker).
/// </summary>
public sealed class RunCommandStatusTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;
    private readonly List<ScriptedAgent> _agents = [];

    // A short silence grace: a stopped agent counts as silent after 1 s of real time (the default is 45 s).
    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync(configure: o => o with { AgentSilenceGrace = TimeSpan.FromSeconds(1) });

    public async Task DisposeAsync()
    {
        foreach (var a in _agents)
        {
            await a.DisposeAsync();
        }
        await _emu.DisposeAsync();
    }

    private async Task<List<ScriptedAgent>> RunningAgentsAsync(int count, Func<AgentMessageOutcome, string>? outcome = null, TimeSpan? work = null)
    {
        var list = new List<ScriptedAgent>();
        for (var i = 0; i < count; i++)
        {
            var a = await ScriptedAgent.RegisteredAsync(_emu);
            var n = i;
            a.Outcome = m => outcome?.Invoke(new AgentMessageOutcome(n, m.CommandId)) ?? "Success";
            a.WorkTime = work ?? TimeSpan.FromMilliseconds(200);
            a.Start();
            list.Add(a);
        }
        _agents.AddRange(list);
        return list;
    }

    public sealed record AgentMessageOutcome(int Index, string CommandId);

    private async Task<Command> SendAsync(IEnumerable<ScriptedAgent> agents, string maxConcurrency = "50", string maxErrors = "0", string script = "true",
        int? timeoutSeconds = null)
    {
        var r = new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [.. agents.Select(a => a.InstanceId)], Parameters = new() { ["commands"] = [script] },
            MaxConcurrency = maxConcurrency, MaxErrors = maxErrors,
        };
        if (timeoutSeconds is { } t)
        {
            r.TimeoutSeconds = t;
        }
        return (await _emu.Ssm.SendCommandAsync(r)).Command;
    }

    private async Task<Command> WaitCommandAsync(string commandId, Func<Command, bool> done, int seconds = 30)
    {
        Command? last = null;
        for (var i = 0; i < seconds * 10; i++)
        {
            last = (await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId })).Commands.Single();
            if (done(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"command {commandId} stayed {last?.Status}/{last?.StatusDetails}\n{await ExplainAsync(commandId)}");
    }

    /// <summary>For a timeout message: the command's invocations, what each fake agent saw, and the emulator's log.</summary>
    private async Task<string> ExplainAsync(string commandId)
    {
        var invocations = (await InvocationsAsync(commandId)).Select(i => $"  {i.InstanceId} {i.Status}/{i.StatusDetails}");
        return $"invocations:\n{string.Join('\n', invocations)}\nagents:\n{string.Join('\n', _agents.Select(a => a.Describe()))}\n"
            + $"emulator log:\n{_emu.Log.Tail()}";
    }

    private static bool Finished(Command c) => c.Status != CommandStatus.Pending && c.Status != CommandStatus.InProgress && c.Status != CommandStatus.Cancelling;

    private async Task<List<CommandInvocation>> InvocationsAsync(string commandId) =>
        (await _emu.Ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = commandId, Details = true })).CommandInvocations;

    private async Task<GetCommandInvocationResponse> GetAsync(string commandId, string instanceId) =>
        await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instanceId });

    [Fact]
    public async Task SendCommand_RampsOneThenThreeThenSeven_NeverAboveMaxConcurrency()
    {
        var agents = await RunningAgentsAsync(8, work: TimeSpan.FromMilliseconds(1500));

        var cmd = await WaitCommandAsync((await SendAsync(agents, maxConcurrency: "4")).CommandId, Finished);

        Assert.Equal(CommandStatus.Success, cmd.Status);
        Assert.Equal(8, cmd.CompletedCount);
        await UntilAsync(() => agents.Sum(a => a.Runs.Count) == 8); // an agent records its run just after its reply
        var runs = agents.SelectMany(a => a.Runs).OrderBy(r => r.Start).ToList();
        Assert.Equal(8, runs.Count);
        // The first target runs alone until it acknowledges; then the ramp opens (1 → 3 → 7, capped at 4).
        Assert.True(runs[1].Start - runs[0].Start < TimeSpan.FromMilliseconds(1200), "the second dispatch waited for the first to finish");
        var peak = runs.Max(r => runs.Count(o => o.Start <= r.Start && o.End > r.Start));
        Assert.True(peak <= 4, $"{peak} ran at once with MaxConcurrency 4");
        Assert.True(peak >= 3, $"the ramp never opened beyond {peak}");
    }

    [Fact]
    public async Task SendCommand_StopsAfterTheErrorBeyondMaxErrors_AndTerminatesTheRest()
    {
        var agents = await RunningAgentsAsync(6, outcome: _ => "Failed");

        // MaxConcurrency 1 makes the count exact: MaxErrors 1 tolerates one error; the second stops dispatching.
        var cmd = await WaitCommandAsync((await SendAsync(agents, maxConcurrency: "1", maxErrors: "1")).CommandId, Finished);
        var invocations = await InvocationsAsync(cmd.CommandId);

        Assert.Equal(CommandStatus.Failed, cmd.Status);
        Assert.Equal("Failed", cmd.StatusDetails);
        Assert.Equal(2, cmd.ErrorCount);
        Assert.Equal(6, cmd.CompletedCount);
        Assert.Equal(6, cmd.TargetCount);
        Assert.Equal(2, invocations.Count(i => i.StatusDetails == "Failed"));
        var terminated = invocations.Where(i => i.StatusDetails == "Terminated").ToList();
        Assert.Equal(4, terminated.Count);
        Assert.All(terminated, i => Assert.Equal(CommandInvocationStatus.Cancelled, i.Status));
        Assert.Equal(2, agents.Sum(a => a.Received.Count)); // never delivered to the other four
    }

    [Fact]
    public async Task SendCommand_IsIncomplete_WhenSomeFailWithinMaxErrors()
    {
        var agents = await RunningAgentsAsync(3, outcome: o => o.Index == 0 ? "Failed" : "Success");

        var cmd = await WaitCommandAsync((await SendAsync(agents, maxErrors: "2")).CommandId, Finished);

        Assert.Equal(CommandStatus.Failed, cmd.Status);
        Assert.Equal("Incomplete", cmd.StatusDetails);
        Assert.Equal(1, cmd.ErrorCount);
    }

    [Fact]
    public async Task CancelCommand_SendsTheAgentACancelMessageWithItsOwnId_ThenCancelled()
    {
        var agents = await RunningAgentsAsync(1, work: TimeSpan.FromSeconds(30));
        var sent = await SendAsync(agents, script: "sleep 30");
        await WaitCommandAsync(sent.CommandId, c => c.Status == CommandStatus.InProgress);

        await _emu.Ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = sent.CommandId });
        var cancelling = (await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = sent.CommandId })).Commands.Single();
        var cmd = await WaitCommandAsync(sent.CommandId, Finished);

        Assert.True(cancelling.Status == CommandStatus.Cancelling || cancelling.Status == CommandStatus.Cancelled, $"was {cancelling.Status}");
        Assert.Equal(CommandStatus.Cancelled, cmd.Status);
        var cancel = Assert.Single(agents[0].Received, m => m.Kind == "Cancel");
        Assert.Equal($"aws.ssm.{sent.CommandId}.{agents[0].InstanceId}.cancel", cancel.MessageId);
        var inv = await GetAsync(sent.CommandId, agents[0].InstanceId);
        Assert.Equal(CommandInvocationStatus.Cancelled, inv.Status);
        Assert.Equal("Cancelled", inv.StatusDetails);
    }

    [Fact]
    public async Task CancelCommand_CancelsUndeliveredInvocationsAtOnce_AndOnlyTheOnesNamed()
    {
        // Agents that never poll: nothing is delivered, so cancelling needs no agent.
        var a = await ScriptedAgent.RegisteredAsync(_emu);
        var b = await ScriptedAgent.RegisteredAsync(_emu);
        _agents.AddRange([a, b]);
        var sent = await SendAsync([a, b], maxConcurrency: "1");

        await _emu.Ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = sent.CommandId, InstanceIds = [b.InstanceId] });

        Assert.Equal("Cancelled", (await GetAsync(sent.CommandId, b.InstanceId)).StatusDetails);
        Assert.Equal("Pending", (await GetAsync(sent.CommandId, a.InstanceId)).StatusDetails);
        var foreign = await Assert.ThrowsAsync<InvalidInstanceIdException>(() =>
            _emu.Ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = sent.CommandId, InstanceIds = ["i-0123456789abcdef0"] }));
        Assert.Contains("was not sent to i-0123456789abcdef0", foreign.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidCommandIdException>(() =>
            _emu.Ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = Guid.NewGuid().ToString() }));
    }

    [Fact]
    public async Task Agent_ExecutionTimedOut_CountsAsAnError_WithCoarseStatusTimedOut()
    {
        var a = await ScriptedAgent.RegisteredAsync(_emu);
        _agents.Add(a);
        var sent = await SendAsync([a]);
        var m = await a.NextMessageAsync();
        await a.AckAsync(m.MessageId);

        await a.ReplyAsync(m, "TimedOut", 137, stdout: "started", stderr: "failed to run commands: the script timed out after 2 s");
        var cmd = await WaitCommandAsync(sent.CommandId, Finished);
        var inv = await GetAsync(sent.CommandId, a.InstanceId);

        Assert.Equal(CommandInvocationStatus.TimedOut, inv.Status);
        Assert.Equal("ExecutionTimedOut", inv.StatusDetails);
        Assert.Equal(137, inv.ResponseCode);
        Assert.Equal("TimedOut", cmd.Status.Value);
        Assert.Equal("ExecutionTimedOut", cmd.StatusDetails);
        Assert.Equal(1, cmd.ErrorCount);
    }

    [Fact]
    public async Task SendCommand_ToAnUnreachableInstance_IsDelayed_ThenDeliveryTimedOut()
    {
        var a = await ScriptedAgent.RegisteredAsync(_emu);
        _agents.Add(a);
        // The agent registered once and then went silent: past the silence grace and 10 emulator minutes it is ConnectionLost.
        await Task.Delay(1200);
        await _emu.Lab.ChangeClockAsync(new ClockChangeRequest { JumpTo = DateTimeOffset.UtcNow.AddMinutes(11) }, CancellationToken.None);
        var sent = await SendAsync([a], timeoutSeconds: 60);

        var delayed = await WaitInvocationAsync(sent.CommandId, a.InstanceId, "Delayed");
        var clock = await _emu.Lab.GetClockAsync(CancellationToken.None);
        await _emu.Lab.ChangeClockAsync(new ClockChangeRequest { JumpTo = clock.Now.AddSeconds(61) }, CancellationToken.None);
        var cmd = await WaitCommandAsync(sent.CommandId, Finished);
        var inv = await GetAsync(sent.CommandId, a.InstanceId);

        Assert.Equal(CommandInvocationStatus.Delayed, delayed.Status);
        Assert.Equal(CommandInvocationStatus.TimedOut, inv.Status);
        Assert.Equal("DeliveryTimedOut", inv.StatusDetails);
        Assert.Equal(-1, inv.ResponseCode);
        Assert.Equal("TimedOut", cmd.Status.Value);
        Assert.Equal("DeliveryTimedOut", cmd.StatusDetails);
        Assert.Equal(1, cmd.DeliveryTimedOutCount);
        Assert.Equal(0, cmd.ErrorCount); // delivery timeouts never count toward MaxErrors
    }

    [Fact]
    public async Task Invocation_BecomesUndeliverable_WhenItsInstanceIsTerminated()
    {
        var a = await ScriptedAgent.RegisteredAsync(_emu);
        var b = await ScriptedAgent.RegisteredAsync(_emu);
        _agents.AddRange([a, b]);
        var sent = await SendAsync([a, b]);

        _emu.Get<PatchLab.Storage.InstanceRepository>().SetState(a.InstanceId, "terminated");
        var inv = await WaitInvocationAsync(sent.CommandId, a.InstanceId, "Undeliverable");
        var m = await b.NextMessageAsync();
        await b.AckAsync(m.MessageId);
        await b.ReplyAsync(m, "Success", 0);
        var cmd = await WaitCommandAsync(sent.CommandId, Finished);

        Assert.Equal(CommandInvocationStatus.Failed, inv.Status);
        // Undeliverable nodes are ignored for the Success decision when another succeeded (reference 3.3).
        Assert.Equal(CommandStatus.Success, cmd.Status);
        Assert.Equal(2, cmd.CompletedCount);
    }

    [Fact]
    public async Task GetCommandInvocation_AppliesThePluginNameRules()
    {
        var a = await ScriptedAgent.RegisteredAsync(_emu);
        _agents.Add(a);
        var patch = (await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [a.InstanceId], Parameters = new() { ["Operation"] = ["Scan"] },
        })).Command;
        var shell = await SendAsync([a]);

        var missing = await Assert.ThrowsAsync<InvalidPluginNameException>(() => GetAsync(patch.CommandId, a.InstanceId));
        var wrong = await Assert.ThrowsAsync<InvalidPluginNameException>(() => _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest
        {
            CommandId = patch.CommandId, InstanceId = a.InstanceId, PluginName = "aws:runShellScript",
        }));
        var linux = await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest
        {
            CommandId = patch.CommandId, InstanceId = a.InstanceId, PluginName = "PatchLinux",
        });
        var single = await GetAsync(shell.CommandId, a.InstanceId);
        var unknownPair = await Assert.ThrowsAsync<InvocationDoesNotExistException>(() => GetAsync(shell.CommandId, "i-0123456789abcdef0"));

        Assert.Contains("PatchWindows, PatchLinux, PatchMacOS", missing.Message, StringComparison.Ordinal);
        Assert.Contains("has no step named aws:runShellScript", wrong.Message, StringComparison.Ordinal);
        Assert.Equal("PatchLinux", linux.PluginName);
        Assert.Equal("aws:runShellScript", single.PluginName);
        Assert.Equal(-1, single.ResponseCode);
        Assert.Equal("", single.ExecutionStartDateTime);
        Assert.NotNull(unknownPair);
    }

    [Fact]
    public async Task ListCommands_FiltersByStatusDocumentAndStage()
    {
        var agents = await RunningAgentsAsync(1);
        var done = await WaitCommandAsync((await SendAsync(agents)).CommandId, Finished);
        var idle = await ScriptedAgent.RegisteredAsync(_emu);
        _agents.Add(idle);
        var waiting = await SendAsync([idle]);

        async Task<List<string>> ListAsync(string key, string value) =>
            [.. (await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { Filters = [new CommandFilter { Key = key, Value = value }] })).Commands.Select(c => c.CommandId)];

        Assert.Contains(done.CommandId, await ListAsync("Status", "Success"));
        Assert.DoesNotContain(waiting.CommandId, await ListAsync("Status", "Success"));
        Assert.Contains(waiting.CommandId, await ListAsync("ExecutionStage", "Executing"));
        Assert.Contains(done.CommandId, await ListAsync("ExecutionStage", "Complete"));
        Assert.Contains(done.CommandId, await ListAsync("DocumentName", "AWS-RunShellScript"));
        Assert.Empty(await ListAsync("DocumentName", "AWS-RunPatchBaseline"));
        var byInstance = (await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { InstanceId = idle.InstanceId })).Commands;
        Assert.Equal([waiting.CommandId], byInstance.Select(c => c.CommandId));
        var plugin = (await InvocationsAsync(done.CommandId)).Single().CommandPlugins.Single();
        Assert.Equal("aws:runShellScript", plugin.Name);
        Assert.Equal("ran AWS-RunShellScript", plugin.Output);
    }

    [Fact]
    public async Task Dispatcher_CarriesOnAfterAnEmulatorRestart_FromWhatSqliteHolds()
    {
        var stateDir = _emu.StateDirectory;
        var port = _emu.Endpoint.Port;
        var agents = await RunningAgentsAsync(3, work: TimeSpan.FromMilliseconds(400));
        var sent = await SendAsync(agents, maxConcurrency: "1");
        await WaitInvocationAsync(sent.CommandId, agents[0].InstanceId, "InProgress");

        // Stop mid-rollout and start again on the same state and port: the agents reconnect and the ramp goes on.
        await _emu.StopAsync();
        _emu = await EmulatorFixture.StartAsync(stateDir: stateDir, configure: o => o with { Port = port, AgentSilenceGrace = TimeSpan.FromSeconds(1) });
        var cmd = await WaitCommandAsync(sent.CommandId, Finished);

        Assert.Equal(CommandStatus.Success, cmd.Status);
        Assert.Equal(3, cmd.CompletedCount);
        await UntilAsync(() => agents.All(a => !a.Runs.IsEmpty));
        Assert.All(agents, a => Assert.Single(a.Runs));
    }

    [Fact]
    public async Task Poll_AfterARestart_DeliversAgainAMessageThePreviousRunTookButNoAgentAcknowledged()
    {
        var stateDir = _emu.StateDirectory;
        var port = _emu.Endpoint.Port;
        var a = await ScriptedAgent.RegisteredAsync(_emu);
        _agents.Add(a);
        var sent = await SendAsync([a]);
        // The emulator commits the delivery; its answer never reaches the agent (killed right after a wake-up, as the
        // command-sent crash point does), so the agent never acknowledges.
        var lost = await a.NextMessageAsync();
        var sameRun = await a.PollAsync(0);

        await _emu.StopAsync();
        _emu = await EmulatorFixture.StartAsync(stateDir: stateDir, configure: o => o with { Port = port, AgentSilenceGrace = TimeSpan.FromSeconds(1) });
        var afterRestart = await a.PollAsync(0);

        Assert.Equal(AgentMessageIds.Run(sent.CommandId, a.InstanceId), lost.MessageId);
        Assert.Empty(sameRun); // within one run a delivery waits the redelivery interval (30 s) before it is repeated
        Assert.Equal(lost.MessageId, Assert.Single(afterRestart).MessageId);
    }

    [Fact]
    public async Task ScriptedAgent_ReportsAReplyTheEmulatorRefuses_InsteadOfRetryingSilently()
    {
        using var terminated = new ManualResetEventSlim();
        var agents = await RunningAgentsAsync(1, work: TimeSpan.Zero);
        agents[0].Outcome = _ => terminated.Wait(TimeSpan.FromSeconds(20)) ? "Success" : "Failed";
        var sent = await SendAsync(agents);
        await WaitInvocationAsync(sent.CommandId, agents[0].InstanceId, "InProgress");

        // Terminated while it works: the emulator refuses its reply with 403, which asking again cannot change.
        _emu.Get<PatchLab.Storage.InstanceRepository>().SetState(agents[0].InstanceId, "terminated");
        terminated.Set();
        await UntilAsync(() => agents[0].Journal.Problems.Any(p => p.Contains("reply Success", StringComparison.Ordinal)));

        var problem = Assert.Single(agents[0].Journal.Problems, p => p.Contains("reply Success", StringComparison.Ordinal));
        Assert.Contains("answered 403", problem, StringComparison.Ordinal);
        Assert.Contains("InstanceTerminated", problem, StringComparison.Ordinal);
        Assert.EndsWith("given up", problem, StringComparison.Ordinal);
        Assert.Empty(agents[0].Runs); // a run counts only once its reply is accepted
        Assert.Contains("answered 403", agents[0].Describe(), StringComparison.Ordinal);
    }

    private static async Task UntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 50 && !done(); i++)
        {
            await Task.Delay(100);
        }
    }

    private async Task<CommandInvocation> WaitInvocationAsync(string commandId, string instanceId, string details)
    {
        CommandInvocation? last = null;
        for (var i = 0; i < 150; i++)
        {
            last = (await _emu.Ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = commandId, InstanceId = instanceId }))
                .CommandInvocations.SingleOrDefault();
            if (last?.StatusDetails == details)
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{instanceId} stayed {last?.StatusDetails}, expected {details}\n{await ExplainAsync(commandId)}");
    }

    [Fact]
    public void AgentMessageIds_AreAddressedToOneInstance()
    {
        var cmd = Guid.NewGuid().ToString();
        Assert.True(AgentMessageIds.TryParse(AgentMessageIds.Cancel(cmd, "i-0123456789abcdef0"), "i-0123456789abcdef0", out var c1, out var cancel));
        Assert.True(AgentMessageIds.TryParse(AgentMessageIds.Run(cmd, "i-0123456789abcdef0"), "i-0123456789abcdef0", out var c2, out var run));
        Assert.False(AgentMessageIds.TryParse(AgentMessageIds.Run(cmd, "i-0123456789abcdef0"), "i-0fedcba9876543210", out _, out _));
        Assert.Equal((cmd, true), (c1, cancel));
        Assert.Equal((cmd, false), (c2, run));
    }
}
