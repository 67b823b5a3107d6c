using PatchLab.Agent.Tests.Fakes;

namespace PatchLab.Agent.Tests;

public sealed class RunShellScriptTests
{
    [Theory]
    [InlineData(EmulatorTransport.Tcp)]
    [InlineData(EmulatorTransport.Unix)]
    public async Task Script_CapturesStdoutStderrAndExitCode(EmulatorTransport transport)
    {
        await using var bed = await AgentTestBed.CreateAsync(transport);
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["echo hello", "echo oops >&2", "exit 3"]);
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Failed", final.DocumentStatus);
        var step = Assert.Single(final.Steps);
        Assert.Equal("aws:runShellScript", step.Name);
        Assert.Equal("Failed", step.Status);
        Assert.Equal(3, step.Code);
        Assert.Equal("hello\n", step.StandardOutput);
        Assert.StartsWith("oops\n", step.StandardError, StringComparison.Ordinal);
        Assert.Contains("exit status 3", step.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_RunsInItsWorkingDirectory_WithoutTheAgentToken()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        var work = Directory.CreateDirectory(Path.Combine(bed.Root, "work")).FullName;
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["pwd", "echo \"token=${PATCHLAB_TOKEN:-none} id=$AWS_SSM_INSTANCE_ID\""]);
        message.Parameters["workingDirectory"] = [work];
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        var step = Assert.Single(final.Steps);
        Assert.Equal(("Success", 0), (step.Status, step.Code));
        Assert.Equal($"{work}\ntoken=none id={bed.Emulator.InstanceId}\n", step.StandardOutput);
        Assert.Equal("", step.StandardError);
    }

    [Fact]
    public async Task Script_LongOutput_IsCappedAt24000Characters()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["i=0; while [ $i -lt 3000 ]; do echo 0123456789abcdefghi; i=$((i+1)); done"]);
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal(24000, Assert.Single(final.Steps).StandardOutput.Length);
        Assert.Equal("Success", final.DocumentStatus);
    }

    [Fact]
    public async Task Script_BackgroundChildHoldingThePipes_DoesNotLoseOutput()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["echo before", "sleep 5 &", "echo after >&2"]);
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId, TimeSpan.FromSeconds(4.5));

        var step = Assert.Single(final.Steps);
        Assert.Equal(("Success", "before\n", "after\n"), (step.Status, step.StandardOutput, step.StandardError));
    }

    [Fact]
    public async Task Script_Exit194_RebootsAndRerunsTheStep()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        var marker = Path.Combine(bed.Root, "rebooted-once");
        var run = bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId,
            [$"if [ -f {marker} ]; then echo after-reboot; else touch {marker}; echo before-reboot; exit 194; fi"]);
        bed.Emulator.Deliver(message);

        var rebootReply = await bed.Emulator.WaitForReplyAsync(r => r.MessageId == message.MessageId && r.RebootRequested);
        Assert.Equal("InProgress", rebootReply.DocumentStatus);
        Assert.Equal(("SuccessAndReboot", 194), (rebootReply.Steps[0].Status, rebootReply.Steps[0].Code));

        await bed.RebootAsync(run);
        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Success", final.DocumentStatus);
        Assert.Equal("after-reboot\n", final.Steps[0].StandardOutput);
    }

    [Fact]
    public async Task Script_PastExecutionTimeout_IsKilledAndTimedOut()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["echo begin", "sleep 30"], executionTimeout: "1");
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId, TimeSpan.FromSeconds(10));

        Assert.Equal("TimedOut", final.DocumentStatus);
        var step = Assert.Single(final.Steps);
        Assert.Equal(("TimedOut", 137), (step.Status, step.Code));
        Assert.Equal("begin\n", step.StandardOutput);
    }
}
