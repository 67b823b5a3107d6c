using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Model;
using PatchLab.Fleet.Docker;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests.Faults;

/// <summary>
/// Issue 7 on real containers running the real agent: each fault as AWS shows it, read back through the AWS SDK.
/// The clock runs at x60, so 10 emulator minutes (the ConnectionLost threshold) pass in 10 real seconds.
/// </summary>
[Collection("docker")]
public sealed class FaultDockerTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync()
    {
        DockerFactAttribute.EnsureAvailable();
        _emu = await EmulatorFixture.StartAsync(docker: true, speed: 60, configure: o => o with { Runtime = "docker", AgentSilenceGrace = TimeSpan.FromSeconds(2) });
    }

    public Task DisposeAsync() => FaultKit.DownAndDisposeAsync(_emu);

    [DockerFact]
    public async Task PatchInstallFailure_FailsTheInvocation_AndShowsThePatchFailed_AndMaxErrorsCountsIt()
    {
        // 1000 days behind: openssl's advisory is missing on both, so both try to install it.
        var ids = await FaultKit.LaunchAsync(_emu, 2, "pif", ageDays: 1000);
        var (broken, healthy) = (ids[0], ids[1]);
        var fault = await _emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.PatchInstallFailure, Targets = [broken], Patch = "openssl" }, CancellationToken.None);
        Assert.Equal([broken], fault.InstanceIds);

        var commandId = await FaultKit.InstallAsync(_emu.Ssm, [broken, healthy], maxErrors: "0");
        var failed = await FaultKit.FinishedAsync(_emu.Ssm, commandId, broken, "PatchLinux");
        var ok = await FaultKit.FinishedAsync(_emu.Ssm, commandId, healthy, "PatchLinux");

        Assert.Equal((CommandInvocationStatus.Failed, "Failed"), (failed.Status, failed.StatusDetails));
        Assert.NotEqual(0, failed.ResponseCode);
        Assert.Contains("Failed to install openssl.x86_64", failed.StandardOutputContent, StringComparison.Ordinal);
        Assert.Equal(CommandInvocationStatus.Success, ok.Status);
        Assert.Equal(("FAILED", "INSTALLED"), ((await FaultKit.PatchStatesAsync(_emu.Ssm, broken))["openssl.x86_64"], (await FaultKit.PatchStatesAsync(_emu.Ssm, healthy))["openssl.x86_64"]));
        var states = (await _emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [broken, healthy] }))
            .InstancePatchStates.ToDictionary(s => s.InstanceId);
        Assert.Equal((1, 0), (states[broken].FailedCount, states[healthy].FailedCount));

        // MaxErrors "0": the one failure is an error and the command fails.
        var command = (await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId })).Commands.Single();
        Assert.Equal((CommandStatus.Failed, 1, 2), (command.Status, command.ErrorCount, command.CompletedCount));
    }

    [DockerFact]
    public async Task AgentCrash_KillsOnlyTheAgent_TheContainerRunsOn_TheDocumentResumes_AndPendingRebootPatchesWaitForARealReboot()
    {
        var id = (await FaultKit.LaunchAsync(_emu, 1, "crash", ageDays: 1000))[0];
        var install = await FaultKit.InstallAsync(_emu.Ssm, [id]); // NoReboot: the kernel is InstalledPendingReboot
        Assert.Equal(CommandInvocationStatus.Success, (await FaultKit.FinishedAsync(_emu.Ssm, install, id, "PatchLinux")).Status);
        Assert.Equal("INSTALLEDPENDINGREBOOT", (await FaultKit.PatchStatesAsync(_emu.Ssm, id))["kernel.x86_64"]);
        var started = StartedAt(id);
        var booted = _emu.Get<Storage.InstanceRepository>().Get(id)!.LastBoot;

        var marker = $"{InstanceImageRecipe.StatePath}/runs";
        var inFlight = await FaultKit.ShellAsync(_emu.Ssm, [id], $"echo run >> {marker}; sleep 3; wc -l < {marker}", timeoutSeconds: FaultKit.LongDelivery);
        await FaultKit.UntilAsync(() => Task.FromResult(Docker.TryRun("exec", DockerFleet.ContainerName(id), "cat", marker)), runs => runs == "run",
            runs => $"the script never started on {id} ({runs})");

        var fault = await _emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.AgentCrash, Targets = [id] }, CancellationToken.None);
        Assert.Equal((FaultStates.Ended, id), (fault.State, fault.InstanceIds.Single()));

        var resumed = await FaultKit.FinishedAsync(_emu.Ssm, inFlight, id);
        Assert.Equal((CommandInvocationStatus.Success, "2"), (resumed.Status, resumed.StandardOutputContent.Trim())); // the step ran again
        // The container was not restarted: only the agent inside it was.
        Assert.Equal(started, StartedAt(id));
        Assert.Equal("running", Docker.Inspect(id).GetProperty("State").GetProperty("Status").GetString());
        // Not a boot: still boot 1 on the instance's disk, LastBoot unchanged (the agent registered with Boot=false).
        Assert.StartsWith("1 ", Docker.TryRun("exec", DockerFleet.ContainerName(id), "cat", $"{InstanceImageRecipe.StatePath}/boot"), StringComparison.Ordinal);
        Assert.Equal(booted, _emu.Get<Storage.InstanceRepository>().Get(id)!.LastBoot);
        Assert.Equal("INSTALLEDPENDINGREBOOT", await ScanKernelAsync(id));

        // A real reboot restarts the container: a new boot, the kernel takes effect.
        await _emu.Lab.InstanceActionAsync(id, "reboot", CancellationToken.None);
        await FaultKit.UntilAsync(() => Task.FromResult(_emu.Get<Storage.InstanceRepository>().Get(id)!.LastBoot), b => b != booted, _ => "the instance never booted again");
        Assert.NotEqual(started, StartedAt(id));
        Assert.Equal("INSTALLED", await ScanKernelAsync(id));
    }

    [DockerFact]
    public async Task Offline_PausesTheContainer_ConnectionLostWhileCommandsWait_ThenOnlineAndTheyRun()
    {
        var id = (await FaultKit.LaunchAsync(_emu, 1, "off"))[0];
        var fault = await _emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.Offline, Targets = [id] }, CancellationToken.None);
        Assert.Equal(FaultStates.Active, fault.State);

        Assert.Equal("ConnectionLost", await FaultKit.PingAsync(_emu.Ssm, id, "ConnectionLost"));
        var waiting = await FaultKit.ShellAsync(_emu.Ssm, [id], "echo back", timeoutSeconds: FaultKit.LongDelivery);
        var expiring = await FaultKit.ShellAsync(_emu.Ssm, [id], "echo never", timeoutSeconds: 30); // 30 emulator seconds: half a real second

        var timedOut = await FaultKit.FinishedAsync(_emu.Ssm, expiring, id);
        Assert.Equal((CommandInvocationStatus.TimedOut, "DeliveryTimedOut"), (timedOut.Status, timedOut.StatusDetails));
        var pending = await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = waiting, InstanceId = id });
        Assert.Equal(CommandInvocationStatus.Pending, pending.Status);

        var cleared = await _emu.Lab.ClearFaultAsync(fault.FaultId, CancellationToken.None);
        Assert.Equal(FaultStates.Ended, cleared.State);
        Assert.Equal("Online", await FaultKit.PingAsync(_emu.Ssm, id, "Online"));
        var ran = await FaultKit.FinishedAsync(_emu.Ssm, waiting, id);
        Assert.Equal((CommandInvocationStatus.Success, "back"), (ran.Status, ran.StandardOutputContent.Trim()));
        Assert.Contains(FaultKit.FaultEvents(_emu), m => m.StartsWith($"Fault {fault.FaultId} (offline) started on {id}", StringComparison.Ordinal));
        Assert.Contains(FaultKit.FaultEvents(_emu), m => m.StartsWith($"Fault {fault.FaultId} (offline) ended (cleared): {id}", StringComparison.Ordinal));
    }

    [DockerFact]
    public async Task EngineRestart_StopsEveryContainer_ConnectionLost_ThenReadoptedByLabel_Online_AndTheDocumentInFlightResumes()
    {
        var ids = await FaultKit.LaunchAsync(_emu, 2, "eng");
        // In flight when the engine stops: the step has started (its marker is on the instance's disk) and sleeps on.
        var marker = $"{InstanceImageRecipe.StatePath}/runs";
        var inFlight = await FaultKit.ShellAsync(_emu.Ssm, [ids[0]], $"echo run >> {marker}; sleep 8; wc -l < {marker}", timeoutSeconds: FaultKit.LongDelivery);
        await FaultKit.UntilAsync(() => Task.FromResult(Docker.TryRun("exec", DockerFleet.ContainerName(ids[0]), "cat", marker)), runs => runs == "run",
            runs => $"the script never started on {ids[0]} ({runs})");

        // Down for 20 emulator minutes (20 real seconds at x60): long enough to show ConnectionLost.
        var fault = await _emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.EngineRestart, Duration = TimeSpan.FromMinutes(20) }, CancellationToken.None);
        Assert.Equal(ids.Order(StringComparer.Ordinal), fault.InstanceIds);
        foreach (var id in ids)
        {
            Assert.Equal("exited", Docker.Inspect(id).GetProperty("State").GetProperty("Status").GetString());
        }
        Assert.Equal("ConnectionLost", await FaultKit.PingAsync(_emu.Ssm, ids[1], "ConnectionLost"));
        // The node is unreachable; the invocation it acknowledged and its running plugin stay InProgress (reference 4.2, 7.2),
        // they do not go back to Pending.
        var during = (await _emu.Ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = inFlight, InstanceId = ids[0], Details = true }))
            .CommandInvocations.Single();
        var plugin = await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = inFlight, InstanceId = ids[0] });
        Assert.Equal((CommandInvocationStatus.InProgress, "InProgress"), (during.Status, during.StatusDetails));
        Assert.Equal((CommandInvocationStatus.InProgress, "InProgress"), (plugin.Status, plugin.StatusDetails));

        await FaultKit.UntilAsync(async () => (await _emu.Lab.ListFaultsAsync(CancellationToken.None)).Faults.Single(), f => f.State == FaultStates.Ended,
            f => $"the engine restart stayed {f?.State}");
        foreach (var id in ids)
        {
            Assert.Equal("Online", await FaultKit.PingAsync(_emu.Ssm, id, "Online"));
            // Logged once the start call returns, which can be after the agent is already back Online.
            await FaultKit.UntilAsync(() => Task.FromResult(FaultKit.FaultEvents(_emu)),
                events => events.Any(m => m.StartsWith($"Restarted {id}: its docker instance was exited without PatchLab stopping it", StringComparison.Ordinal)),
                events => $"no re-adoption event for {id}: {string.Join(" | ", events ?? [])}");
        }
        // The agent resumed the document from current/ on its disk: the interrupted step ran again from the start and the
        // invocation ends with that run's status.
        var resumed = await FaultKit.FinishedAsync(_emu.Ssm, inFlight, ids[0]);
        Assert.Equal((CommandInvocationStatus.Success, "2"), (resumed.Status, resumed.StandardOutputContent.Trim()));
        var echo = await FaultKit.ShellAsync(_emu.Ssm, [ids[1]], "echo after", timeoutSeconds: FaultKit.LongDelivery);
        Assert.Equal("after", (await FaultKit.FinishedAsync(_emu.Ssm, echo, ids[1])).StandardOutputContent.Trim());
    }

    private static string? StartedAt(string id) => Docker.Inspect(id).GetProperty("State").GetProperty("StartedAt").GetString();

    private async Task<string> ScanKernelAsync(string id)
    {
        var scan = (await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [id], TimeoutSeconds = FaultKit.LongDelivery, Parameters = new() { ["Operation"] = ["Scan"] },
        })).Command.CommandId;
        Assert.Equal(CommandInvocationStatus.Success, (await FaultKit.FinishedAsync(_emu.Ssm, scan, id, "PatchLinux")).Status);
        return (await FaultKit.PatchStatesAsync(_emu.Ssm, id))["kernel.x86_64"];
    }
}
