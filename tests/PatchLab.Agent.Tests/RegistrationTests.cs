using PatchLab.Agent.Tests.Fakes;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Tests;

public sealed class RegistrationTests
{
    [Theory]
    [InlineData(EmulatorTransport.Tcp)]
    [InlineData(EmulatorTransport.Unix)]
    public async Task Register_CarriesIdAndToken_AndCountsBoots(EmulatorTransport transport)
    {
        await using var bed = await AgentTestBed.CreateAsync(transport);

        var run = bed.StartAgent();
        var registration = await bed.Emulator.WaitForAsync(() => bed.Emulator.Registrations.FirstOrDefault(), "registration");
        await bed.Emulator.WaitForAsync(() => bed.Emulator.Calls.FirstOrDefault(c => c.Operation == "poll"), "poll");

        var call = bed.Emulator.Calls.First(c => c.Operation == "register");
        Assert.Equal(bed.Emulator.InstanceId, call.InstanceHeader);
        Assert.Equal(bed.Emulator.Token, call.TokenHeader);
        Assert.Equal(200, call.Status);
        Assert.True(registration.Boot);
        Assert.Equal(bed.Emulator.InstanceId, registration.InstanceId);
        Assert.Equal("Linux", registration.PlatformType);
        Assert.Equal("Amazon Linux", registration.PlatformName);
        Assert.Equal("2", registration.PlatformVersion);
        Assert.Equal("3.3.40.0", registration.AgentVersion);
        Assert.Equal("ip-127-0-0-10.ec2.internal", registration.ComputerName);
        Assert.All(bed.Emulator.Calls, c => Assert.Equal(bed.Emulator.Token, c.TokenHeader));
        // Register comes first; polls carry the body the protocol defines.
        Assert.Equal("register", bed.Emulator.Calls[0].Operation);
        Assert.Contains("\"waitSeconds\":1", bed.Emulator.Calls.First(c => c.Operation == "poll").Body, StringComparison.Ordinal);

        // Second boot on the same disk.
        await bed.RebootAsync(run);
        await bed.Emulator.WaitForAsync(() => bed.Emulator.Registrations.Skip(1).FirstOrDefault(), "second registration");
        Assert.True(bed.Emulator.Registrations[1].Boot);
        Assert.Equal("2", File.ReadAllText(bed.StateFile("boot")).Trim());
    }

    [Fact]
    public async Task WrongToken_IsRetriedSlowly_WithoutCrashing()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.Emulator.AcceptedToken = "the-right-token";

        var run = bed.StartAgent();
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.False(run.Task.IsCompleted);
        var refused = bed.Emulator.Calls.Where(c => c.Status == 401).ToList();
        // Options say 200 ms between attempts after a 401: a handful in 1.2 s, never a tight loop.
        Assert.InRange(refused.Count, 2, 10);
        Assert.Empty(bed.Emulator.Registrations);
        Assert.Contains("token refused", run.Log, StringComparison.Ordinal);

        bed.Emulator.AcceptedToken = bed.Emulator.Token;
        await bed.Emulator.WaitForAsync(() => bed.Emulator.Registrations.FirstOrDefault(), "registration once the token is accepted");
    }

    [Fact]
    public async Task UnreachableEmulator_BacksOff_AndStopsPromptly()
    {
        using var directory = new TestDirectory();
        await using var emulator = await FakeEmulator.StartAsync(EmulatorTransport.Unix, directory.Sub("run"));
        var options = AgentRun.OptionsFor(emulator, directory.Sub("state"), TestCatalog.Write(directory.Path));
        var dead = new Hosting.AgentOptions
        {
            InstanceId = options.InstanceId,
            Token = options.Token,
            Endpoint = "unix://" + Path.Combine(directory.Path, "nobody-listens.sock"),
            CatalogPath = options.CatalogPath,
            StatePath = options.StatePath,
            MaxBackoff = TimeSpan.FromMilliseconds(100),
        };

        await using var run = AgentRun.Start(dead);
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        await run.StopAsync();

        var attempts = run.Log.Split('\n').Count(l => l.Contains("WARN  register", StringComparison.Ordinal));
        Assert.InRange(attempts, 2, 10);
        Assert.Contains("cannot reach unix socket", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptDocument_IsMovedAside_AndTheAgentKeepsWorking()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        Directory.CreateDirectory(bed.StateFile("documents", "current"));
        File.WriteAllText(bed.StateFile("documents", "current", "aws.ssm.broken.json"), "{ this is not json");

        var run = bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["echo still-alive"]);
        bed.Emulator.Deliver(message);
        var reply = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Success", reply.DocumentStatus);
        Assert.True(File.Exists(bed.StateFile("documents", "corrupt", "aws.ssm.broken.json")));
        Assert.Contains("unreadable", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollAnswer_UpdatesTheClock_UsedForTimestamps()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        var message = FakeEmulator.ShellScript(bed.Emulator.InstanceId, ["true"]);
        bed.Emulator.Deliver(message);

        var reply = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        // Emulator time (2025-11-01 at x1000), not the machine's clock.
        var step = Assert.Single(reply.Steps);
        Assert.NotNull(step.StartDateTime);
        Assert.InRange(step.StartDateTime!.Value, new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero), bed.Emulator.Now);
        Assert.True(step.EndDateTime >= step.StartDateTime);
    }
}
