using PatchLab.Contracts.Agent;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Storage;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// A command's status is an aggregate of its invocations, written after each change. When the last two replies of a
/// command arrive together (agents dispatched in one wave finish in one wave), the command must still end final: no
/// recompute may write a status read before the other reply committed.
/// </summary>
public sealed class CommandStatusRaceTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Command_EndsFinal_WhenItsLastRepliesArriveAtOnce()
    {
        var commands = _emu.Get<CommandRepository>();
        var backend = _emu.Get<CommandBackend>();
        var a = ScriptedAgent.Insert(_emu);
        var b = ScriptedAgent.Insert(_emu);
        var ids = new List<string>();
        for (var n = 0; n < 200; n++)
        {
            var id = Guid.NewGuid().ToString();
            commands.Insert(new Command
            {
                CommandId = id, DocumentName = "AWS-RunShellScript", RequestedDateTime = DateTimeOffset.UnixEpoch,
                ExpiresAfter = DateTimeOffset.UnixEpoch.AddYears(100), Status = "InProgress", StatusDetails = "InProgress",
            }, [a.InstanceId, b.InstanceId]);
            backend.Acknowledge(a.InstanceId, id);
            backend.Acknowledge(b.InstanceId, id);
            ids.Add(id);
        }

        // Both agents reply to each command at the same moment, as a wave dispatched together does.
        foreach (var id in ids)
        {
            using var start = new Barrier(2);
            await Task.WhenAll(
                Task.Run(() => ReplyAsync(start, backend, a.InstanceId, id)),
                Task.Run(() => ReplyAsync(start, backend, b.InstanceId, id)));
        }

        var stuck = ids.Select(id => commands.Get(id)!).Where(c => c.Status != "Success").Select(c => $"{c.CommandId} {c.Status}/{c.StatusDetails}").ToList();
        Assert.True(stuck.Count == 0, $"{stuck.Count} of {ids.Count} commands did not end Success after both invocations succeeded:\n{string.Join('\n', stuck)}");
    }

    private static async Task ReplyAsync(Barrier start, CommandBackend backend, string instanceId, string commandId)
    {
        start.SignalAndWait();
        await backend.ApplyReplyAsync(instanceId, new AgentReply
        {
            MessageId = AgentMessageIds.Run(commandId, instanceId), CommandId = commandId, DocumentStatus = "Success", Sequence = 1,
            Steps = [new AgentStepResult { Name = "aws:runShellScript", Status = "Success", Code = 0, EndDateTime = DateTimeOffset.UnixEpoch }],
        }, CancellationToken.None);
    }

    [Fact]
    public void Dispatch_OfAnInvocationCancelledMeanwhile_IsRefused_AndLeavesItUndispatched()
    {
        var commands = _emu.Get<CommandRepository>();
        var (id, agent) = InsertUndispatched(commands);

        // CancelCommand lands after the dispatcher read the invocation as waiting, before it marked it dispatched.
        commands.Cancel(id, null, DateTimeOffset.UnixEpoch.AddMinutes(1));

        Assert.False(commands.MarkDispatched(id, agent.InstanceId));
        var invocation = commands.GetInvocation(id, agent.InstanceId)!;
        Assert.Equal("Cancelled", invocation.StatusDetails);
        Assert.False(invocation.Dispatched);
    }

    [Fact]
    public void Dispatch_OfAPendingInvocation_MarksIt()
    {
        var commands = _emu.Get<CommandRepository>();
        var (id, agent) = InsertUndispatched(commands);

        Assert.True(commands.MarkDispatched(id, agent.InstanceId));
        Assert.True(commands.GetInvocation(id, agent.InstanceId)!.Dispatched);
    }

    /// <summary>A command for one new agent, its invocation Pending and not yet dispatched.</summary>
    private (string CommandId, ScriptedAgent Agent) InsertUndispatched(CommandRepository commands)
    {
        var agent = ScriptedAgent.Insert(_emu);
        var id = Guid.NewGuid().ToString();
        commands.Insert(new Command
        {
            CommandId = id, DocumentName = "AWS-RunShellScript", RequestedDateTime = DateTimeOffset.UnixEpoch,
            ExpiresAfter = DateTimeOffset.UnixEpoch.AddYears(100),
        }, [agent.InstanceId], dispatched: false);
        return (id, agent);
    }
}
