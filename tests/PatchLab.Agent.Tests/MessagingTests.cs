using PatchLab.Agent.Tests.Fakes;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Tests;

public sealed class MessagingTests
{
    [Fact]
    public async Task Message_IsPolledAcknowledgedThenReplied_InOrder()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["echo hi"]);
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        var calls = bed.Emulator.Calls;
        var ack = calls.First(c => c.Operation == "ack" && c.Body.Contains(message.MessageId, StringComparison.Ordinal));
        var firstReply = calls.First(c => c.Operation == "reply");
        Assert.True(calls.First(c => c.Operation == "poll").Order < ack.Order);
        Assert.True(ack.Order < firstReply.Order, "the agent acknowledges before it replies");
        var replies = bed.Emulator.Replies.Where(r => r.MessageId == message.MessageId).ToList();
        Assert.Equal("InProgress", replies[0].DocumentStatus);
        Assert.Equal(replies.Select(r => r.Sequence).Order(), replies.Select(r => r.Sequence));
        Assert.Equal(replies.Count, replies.Select(r => r.Sequence).Distinct().Count());
        Assert.Equal(final, replies[^1]);
        Assert.Equal(message.CommandId, final.CommandId);
        // Written before acting, and kept once done.
        Assert.True(File.Exists(bed.StateFile("documents", "completed", message.MessageId + ".json")));
        Assert.Empty(Directory.GetFiles(bed.StateFile("documents", "current")));
        Assert.Empty(Directory.GetFiles(bed.StateFile("documents", "pending")));
    }

    [Fact]
    public async Task Reply_RefusedOnceWith500_IsRetriedAndDelivered()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.Emulator.FailRepliesRemaining = 1;
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["echo delivered"]);
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Success", final.DocumentStatus);
        var replyCalls = bed.Emulator.Calls.Where(c => c.Operation == "reply").ToList();
        Assert.Equal(500, replyCalls[0].Status);
        // The refused reply is sent again, unchanged, before anything after it.
        Assert.Equal(replyCalls[0].Body, replyCalls[1].Body);
        Assert.Equal(200, replyCalls[1].Status);
        await bed.Emulator.WaitForAsync(() => Directory.GetFiles(bed.StateFile("replies"), "*.json").Length == 0 ? "empty" : null, "empty outbox");
    }

    [Fact]
    public async Task Replies_StoredWhileTheEmulatorRefuses_AreDeliveredAfterARestart()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.Emulator.FailRepliesRemaining = int.MaxValue;
        var run = bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["echo kept"]);
        bed.Emulator.Deliver(message);
        await bed.Emulator.WaitForAsync(
            () => File.Exists(bed.StateFile("documents", "completed", message.MessageId + ".json")) ? "done" : null, "completed document");
        Assert.True(Directory.GetFiles(bed.StateFile("replies"), "*.json").Length >= 2);

        await run.StopAsync();
        bed.Emulator.FailRepliesRemaining = 0;
        bed.StartAgent();
        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Success", final.DocumentStatus);
        var replies = bed.Emulator.Replies.Where(r => r.MessageId == message.MessageId).Select(r => r.Sequence).ToList();
        Assert.Equal(replies.Order(), replies);
    }

    [Fact]
    public async Task DuplicateMessage_IsAcknowledgedAgain_ButNotRerun()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        var counter = Path.Combine(bed.Root, "runs.txt");
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, [$"echo run >> {counter}"]);
        bed.Emulator.Deliver(message);
        await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        bed.Emulator.Deliver(message);
        await bed.Emulator.WaitForAsync(() => bed.Emulator.Acks.Count(a => a == message.MessageId) == 2 ? "second ack" : null, "second ack");
        await Task.Delay(300);

        Assert.Single(File.ReadAllLines(counter));
        Assert.Single(bed.Emulator.Replies, r => r.MessageId == message.MessageId && r.DocumentStatus != "InProgress");
    }

    [Fact]
    public async Task Cancel_StopsTheRunningCommand_AndRepliesCancelled()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["echo started", "sleep 30"]);
        bed.Emulator.Deliver(message);
        await bed.Emulator.WaitForReplyAsync(r => r.MessageId == message.MessageId);
        await Task.Delay(200);

        bed.Emulator.Deliver(new AgentMessage { MessageId = "cancel-" + message.CommandId, Kind = "Cancel", CommandId = message.CommandId });
        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId, TimeSpan.FromSeconds(10));

        Assert.Equal("Cancelled", final.DocumentStatus);
        var step = Assert.Single(final.Steps);
        Assert.Equal("Cancelled", step.Status);
        Assert.Contains("cancel-" + message.CommandId, bed.Emulator.Acks);
    }

    [Fact]
    public async Task Documents_RunConcurrently()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var messages = Enumerable.Range(0, 3).Select(_ => FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["sleep 1"])).ToList();
        messages.ForEach(bed.Emulator.Deliver);

        foreach (var message in messages)
        {
            Assert.Equal("Success", (await bed.Emulator.WaitForFinalReplyAsync(message.MessageId)).DocumentStatus);
        }

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2.9), "three 1 s scripts should overlap");
    }
}
