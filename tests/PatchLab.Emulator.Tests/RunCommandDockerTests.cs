using System.Diagnostics;
using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using PatchLab.Fleet.Docker;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// One emulator with two real containers running the real agent, shared by <see cref="RunCommandDockerTests"/> (its tests
/// run one after another and leave both instances running). Launches nothing when no Docker engine answers, so skipped
/// tests cost nothing; removes every container and volume at the end.
/// </summary>
public sealed class DockerLab : IAsyncLifetime
{
    public EmulatorFixture Emu { get; private set; } = null!;

    public List<string> Ids { get; } = [];

    public async Task InitializeAsync()
    {
        if (!(await DockerProbe.ProbeAsync(null, TimeSpan.FromSeconds(10), CancellationToken.None)).IsAvailable
            || !File.Exists(Path.Combine(EmulatorFixture.RepoRoot(), "artifacts", "agent", "patchlab-agent")))
        {
            return;
        }
        Emu = await EmulatorFixture.StartAsync(docker: true, configure: o => o with { AgentSilenceGrace = TimeSpan.FromSeconds(2) });
        var (last, ids) = await Emu.LaunchAsync(new FleetLaunchRequest { Count = 2, Tags = new() { ["Environment"] = "RunCommand" }, NamePrefix = "rc" });
        Ids.AddRange(ids);
        if (last.Message != "2 instance(s) online")
        {
            throw new InvalidOperationException($"launch ended {last.Stage}: {last.Message}");
        }
    }

    public async Task DisposeAsync()
    {
        if (Emu is null)
        {
            return;
        }
        try
        {
            await Emu.Lab.DownAsync(CancellationToken.None);
        }
        finally
        {
            await Emu.DisposeAsync();
        }
    }
}

/// <summary>
/// Run Command end to end on real containers (issue 5): AWS-RunShellScript in busybox sh with its output, limits, exit
/// codes, timeouts, cancel and reboot; the container's isolation from <c>docker inspect</c>; an agent presenting another
/// instance's token; stop, start and pause.
/// </summary>
[Collection("docker")]
public sealed class RunCommandDockerTests(DockerLab lab) : IClassFixture<DockerLab>
{
    private IAmazonSimpleSystemsManagement Ssm => lab.Emu.Ssm;

    private async Task<(Command Command, GetCommandInvocationResponse Result)> RunAsync(string instanceId, string[] commands, string? executionTimeout = null,
        int seconds = 60)
    {
        DockerFactAttribute.EnsureAvailable();
        var parameters = new Dictionary<string, List<string>> { ["commands"] = [.. commands] };
        if (executionTimeout is not null)
        {
            parameters["executionTimeout"] = [executionTimeout];
        }
        var cmd = (await Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [instanceId], Parameters = parameters, Comment = "issue 5 docker test",
        })).Command;
        return (cmd, await WaitFinishedAsync(cmd.CommandId, instanceId, seconds));
    }

    private async Task<GetCommandInvocationResponse> WaitFinishedAsync(string commandId, string instanceId, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        GetCommandInvocationResponse? r = null;
        while (DateTime.UtcNow < deadline)
        {
            r = await Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instanceId });
            // The command's status follows its invocation's a moment later: wait for both.
            if (r.Status != CommandInvocationStatus.Pending && r.Status != CommandInvocationStatus.InProgress && r.Status != CommandInvocationStatus.Delayed
                && r.Status != CommandInvocationStatus.Cancelling
                && (await Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId })).Commands.Single().Status is var c
                && c != CommandStatus.Pending && c != CommandStatus.InProgress && c != CommandStatus.Cancelling)
            {
                return r;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{commandId} on {instanceId} stayed {r?.Status}/{r?.StatusDetails}");
    }

    private async Task<string> PingAsync(string instanceId) =>
        (await lab.Emu.Lab.GetInstancesAsync(CancellationToken.None)).Instances.Single(i => i.InstanceId == instanceId).PingStatus;

    private async Task WaitPingAsync(string instanceId, string expected, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (await PingAsync(instanceId) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{instanceId} did not become {expected} in {seconds} s");
            await Task.Delay(250);
        }
    }

    [DockerFact]
    public async Task RunShellScript_ReturnsStdoutStderrAndTheExitCode_FromBusyboxSh()
    {
        var (cmd, r) = await RunAsync(lab.Ids[0], ["echo \"hello from $(hostname)\"", "echo oops >&2", "exit 3"]);

        Assert.Equal(CommandInvocationStatus.Failed, r.Status);
        Assert.Equal("Failed", r.StatusDetails);
        Assert.Equal(3, r.ResponseCode);
        Assert.Equal("aws:runShellScript", r.PluginName);
        Assert.Matches(@"^hello from ip-127-0-\d+-\d+\.ec2\.internal\n$", r.StandardOutputContent);
        Assert.Equal("oops\nfailed to run commands: exit status 3", r.StandardErrorContent);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", r.ExecutionStartDateTime);
        Assert.StartsWith("PT", r.ExecutionElapsedTime, StringComparison.Ordinal);
        var listed = (await Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = cmd.CommandId })).Commands.Single();
        Assert.Equal(CommandStatus.Failed, listed.Status);
        Assert.Equal(1, listed.ErrorCount);
    }

    [DockerFact]
    public async Task RunShellScript_KeepsAwsOutputLimits()
    {
        var (cmd, r) = await RunAsync(lab.Ids[0], ["head -c 30000 /dev/zero | tr '\\0' a", "head -c 9000 /dev/zero | tr '\\0' b >&2"]);
        var plugin = (await Ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = cmd.CommandId, Details = true }))
            .CommandInvocations.Single().CommandPlugins.Single();

        Assert.Equal(CommandInvocationStatus.Success, r.Status);
        Assert.Equal(new string('a', 24000), r.StandardOutputContent); // GetCommandInvocation: first 24,000 characters
        Assert.Equal(new string('b', 8000), r.StandardErrorContent); // and 8,000 of standard error
        Assert.Equal(2500, plugin.Output.Length); // list views: 2,500, stdout then the error block
        Assert.StartsWith(new string('a', 2400) + "\n---Output truncated---\n----------ERROR-------\nbbb", plugin.Output, StringComparison.Ordinal);
    }

    [DockerFact]
    public async Task RunShellScript_ReportsExecutionTimedOut_WhenTheScriptOutlivesExecutionTimeout()
    {
        var (cmd, r) = await RunAsync(lab.Ids[1], ["echo started", "sleep 30"], executionTimeout: "2");
        var listed = (await Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = cmd.CommandId })).Commands.Single();

        Assert.Equal(CommandInvocationStatus.TimedOut, r.Status);
        Assert.Equal("ExecutionTimedOut", r.StatusDetails);
        Assert.Equal(137, r.ResponseCode);
        Assert.Equal("started\n", r.StandardOutputContent);
        Assert.Contains("timed out after 2 s", r.StandardErrorContent, StringComparison.Ordinal);
        Assert.Equal(CommandStatus.TimedOut, listed.Status);
        Assert.Equal("ExecutionTimedOut", listed.StatusDetails);
    }

    [DockerFact]
    public async Task CancelCommand_StopsTheScriptInTheContainer()
    {
        DockerFactAttribute.EnsureAvailable();
        var id = lab.Ids[1];
        var cmd = (await Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [id], Parameters = new() { ["commands"] = ["echo working", "sleep 45", "echo never"] },
        })).Command;
        for (var i = 0; i < 80 && (await Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = cmd.CommandId, InstanceId = id })).Status
                 != CommandInvocationStatus.InProgress; i++)
        {
            await Task.Delay(250);
        }
        await Task.Delay(500); // the script is running

        await Ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = cmd.CommandId });
        var r = await WaitFinishedAsync(cmd.CommandId, id, 20);

        Assert.Equal(CommandInvocationStatus.Cancelled, r.Status);
        Assert.DoesNotContain("never", r.StandardOutputContent, StringComparison.Ordinal);
        Assert.Equal(CommandStatus.Cancelled, (await Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = cmd.CommandId })).Commands.Single().Status);
        Assert.DoesNotContain("sleep 45", Docker.Run("exec", DockerFleet.ContainerName(id), "ps"), StringComparison.Ordinal);
    }

    [DockerFact]
    public async Task RunShellScript_Exit194_RebootsTheContainer_AndFinishesAfterTheBoot()
    {
        var id = lab.Ids[0];
        var startedBefore = Docker.Inspect(id).GetProperty("State").GetProperty("StartedAt").GetString();
        var marker = "/var/lib/patchlab/rebooted-" + Guid.NewGuid().ToString("N")[..8];

        // The step re-runs after the boot, so the script is idempotent, as AWS asks; its marker is on the instance's disk.
        var (_, r) = await RunAsync(id, [$"if [ -f {marker} ]; then echo after the reboot; exit 0; fi", $"touch {marker}", "exit 194"], seconds: 90);

        Assert.Equal(CommandInvocationStatus.Success, r.Status);
        Assert.Equal("after the reboot\n", r.StandardOutputContent);
        Assert.NotEqual(startedBefore, Docker.Inspect(id).GetProperty("State").GetProperty("StartedAt").GetString());
    }

    [DockerFact]
    public void Container_IsIsolated_AsDockerInspectShows()
    {
        DockerFactAttribute.EnsureAvailable();
        foreach (var id in lab.Ids)
        {
            var c = Docker.Inspect(id);
            var host = c.GetProperty("HostConfig");
            Assert.Equal("none", host.GetProperty("NetworkMode").GetString());
            Assert.Equal(["none"], c.GetProperty("NetworkSettings").GetProperty("Networks").EnumerateObject().Select(n => n.Name));
            Assert.Equal(["ALL"], host.GetProperty("CapDrop").EnumerateArray().Select(x => x.GetString()));
            Assert.True(host.GetProperty("CapAdd").ValueKind == JsonValueKind.Null || host.GetProperty("CapAdd").GetArrayLength() == 0);
            Assert.False(host.GetProperty("Privileged").GetBoolean());
            Assert.Contains("no-new-privileges", host.GetProperty("SecurityOpt").EnumerateArray().Select(x => x.GetString()));
            Assert.True(host.GetProperty("ReadonlyRootfs").GetBoolean());
            Assert.Equal(128L * 1024 * 1024, host.GetProperty("Memory").GetInt64());
            Assert.Equal(128, host.GetProperty("PidsLimit").GetInt64());
            Assert.True(host.GetProperty("PortBindings").ValueKind == JsonValueKind.Null || !host.GetProperty("PortBindings").EnumerateObject().Any());
            var mounts = c.GetProperty("Mounts").EnumerateArray().ToList();
            Assert.DoesNotContain(mounts, m => m.GetProperty("Source").GetString()!.Contains("docker.sock", StringComparison.Ordinal));
            // Exactly: the emulator's socket directory, and the instance's own disk.
            Assert.Equal(["/run/patchlab", "/var/lib/patchlab"], mounts.Select(m => m.GetProperty("Destination").GetString()).Order());
            Assert.Equal(Path.Combine(lab.Emu.StateDirectory, "sock"), mounts.Single(m => m.GetProperty("Type").GetString() == "bind").GetProperty("Source").GetString());
            Assert.Equal(DockerFleet.VolumeName(id), mounts.Single(m => m.GetProperty("Type").GetString() == "volume").GetProperty("Name").GetString());
            // And from the inside: nothing to write outside the disk and /tmp, no socket of the Docker engine.
            Assert.Contains("Read-only file system", Docker.Run("exec", DockerFleet.ContainerName(id), "sh", "-c", "touch /usr/evil 2>&1; true"),
                StringComparison.Ordinal);
            Assert.Equal("absent", Docker.Run("exec", DockerFleet.ContainerName(id), "sh", "-c", "test -e /var/run/docker.sock && echo present || echo absent"));
        }
    }

    [DockerFact]
    public async Task Agent_PresentingAnotherInstancesToken_IsRefused()
    {
        DockerFactAttribute.EnsureAvailable();
        var (a, b) = (lab.Ids[0], lab.Ids[1]);
        var bootOfB = lab.Emu.Get<InstanceRepository>().Get(b)!.LastBoot;

        // Inside A, the real agent binary claims to be B, with A's own token (the only one A has).
        var output = Docker.Run("exec", DockerFleet.ContainerName(a), "sh", "-c",
            $"PATCHLAB_INSTANCE_ID={b} PATCHLAB_STATE=/tmp/impostor timeout 4 /usr/bin/patchlab-agent 2>&1; true");

        Assert.Contains("token refused", output, StringComparison.Ordinal);
        Assert.Equal(bootOfB, lab.Emu.Get<InstanceRepository>().Get(b)!.LastBoot); // B never "booted" from A
        Assert.Equal("Online", await PingAsync(b));
    }

    [DockerFact]
    public async Task StopAndStart_KeepTheDisk_AndTheNodeRunsCommandsAgain()
    {
        DockerFactAttribute.EnsureAvailable();
        var id = lab.Ids[1];
        await RunAsync(id, ["echo kept > /var/lib/patchlab/before-stop"]);

        var stopped = await lab.Emu.Lab.InstanceActionAsync(id, "stop", CancellationToken.None);
        var container = Docker.Inspect(id).GetProperty("State").GetProperty("Status").GetString();
        var listed = (await Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 50 })).InstanceInformationList;
        var refused = await Assert.ThrowsAsync<InvalidInstanceIdException>(() => Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [id], Parameters = new() { ["commands"] = ["true"] },
        }));
        await lab.Emu.Lab.InstanceActionAsync(id, "start", CancellationToken.None);
        await WaitPingAsync(id, "Online", 30);
        var (_, r) = await RunAsync(id, ["cat /var/lib/patchlab/before-stop"]);

        Assert.Equal("stopped", stopped.State);
        Assert.Equal("exited", container);
        Assert.DoesNotContain(listed, i => i.InstanceId == id);
        Assert.Contains("is stopped", refused.Message, StringComparison.Ordinal);
        Assert.Equal("kept\n", r.StandardOutputContent);
    }

    [DockerFact]
    public async Task PausedContainer_GoesConnectionLost_AndComesBackOnline()
    {
        DockerFactAttribute.EnsureAvailable();
        var id = lab.Ids[0];
        Docker.Run("pause", DockerFleet.ContainerName(id));
        try
        {
            // The frozen agent's last long-poll (up to 20 s) ends and the 2 s grace passes; from then on, 10 emulator minutes of
            // silence make it ConnectionLost. Jumping the clock each second finds that moment without waiting 10 minutes.
            var deadline = DateTime.UtcNow.AddSeconds(40);
            while (await PingAsync(id) != "ConnectionLost")
            {
                Assert.True(DateTime.UtcNow < deadline, $"{id} did not become ConnectionLost in 40 s");
                var clock = await lab.Emu.Lab.GetClockAsync(CancellationToken.None);
                await lab.Emu.Lab.ChangeClockAsync(new ClockChangeRequest { JumpTo = clock.Now.AddMinutes(11) }, CancellationToken.None);
                await Task.Delay(1000);
            }
            var info = (await Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 50 })).InstanceInformationList;
            Assert.Equal(PingStatus.ConnectionLost, info.Single(i => i.InstanceId == id).PingStatus);
        }
        finally
        {
            Docker.Run("unpause", DockerFleet.ContainerName(id));
        }
        await WaitPingAsync(id, "Online", 30);
    }
}

/// <summary>The docker CLI, for what the tests check from outside the emulator.</summary>
internal static class Docker
{
    public static string Run(params string[] args)
    {
        var (code, stdout, stderr) = Exec(args);
        Assert.True(code == 0, $"docker {string.Join(' ', args)} failed ({code}): {stderr}");
        return stdout;
    }

    /// <summary>Output of a docker command, or null when it fails (e.g. docker exec while the container is not running).</summary>
    public static string? TryRun(params string[] args) => Exec(args) is (0, var stdout, _) ? stdout : null;

    private static (int Code, string Stdout, string Stderr) Exec(string[] args)
    {
        var psi = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result.Trim(), stderr);
    }

    /// <summary>docker inspect of an instance's container.</summary>
    public static JsonElement Inspect(string instanceId) =>
        JsonDocument.Parse(Run("inspect", "--format", "{{json .}}", DockerFleet.ContainerName(instanceId))).RootElement;
}
