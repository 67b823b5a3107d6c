using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Model;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests.Faults;

/// <summary>
/// Issue 7 on the process runtime (the real agent binary as host processes): agent crash, disk full and slow reboot, read
/// back through the AWS SDK. The clock runs at x60.
/// </summary>
public sealed class FaultProcessTests : IAsyncLifetime
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "patchlab-fault-" + Guid.NewGuid().ToString("N")[..8]);
    private EmulatorFixture? _emu;

    private EmulatorFixture Emu => _emu!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_scratch);
        if (File.Exists(AgentFactAttribute.AgentPath))
        {
            _emu = await EmulatorFixture.StartAsync(speed: 60, configure: o => o with { UseDocker = true, Runtime = "process", AgentSilenceGrace = TimeSpan.FromSeconds(2) });
        }
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_scratch, recursive: true);
        await FaultKit.DownAndDisposeAsync(_emu);
    }

    [AgentFact]
    public async Task AgentCrash_KillsOnlyTheAgent_TheDocumentResumes_AndPendingRebootPatchesWaitForARealReboot()
    {
        var id = (await FaultKit.LaunchAsync(Emu, 1, "crash", ageDays: 1000))[0];
        var install = await FaultKit.InstallAsync(Emu.Ssm, [id]); // NoReboot: the kernel is InstalledPendingReboot
        Assert.Equal(CommandInvocationStatus.Success, (await FaultKit.FinishedAsync(Emu.Ssm, install, id, "PatchLinux")).Status);
        Assert.Equal("INSTALLEDPENDINGREBOOT", (await FaultKit.PatchStatesAsync(Emu.Ssm, id))["kernel.x86_64"]);
        var dir = Path.Combine(Emu.StateDirectory, "instances", id);
        var supervisor = await File.ReadAllTextAsync(Path.Combine(dir, "pid"));
        var booted = Emu.Get<InstanceRepository>().Get(id)!.LastBoot;

        var marker = Path.Combine(_scratch, "runs");
        var commandId = await FaultKit.ShellAsync(Emu.Ssm, [id], $"echo run >> {marker}; sleep 3; wc -l < {marker}");
        await FaultKit.UntilAsync(() => Task.FromResult(File.Exists(marker)), seen => seen, _ => "the script never started");

        var fault = await Emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.AgentCrash, Targets = ["crash-1"] }, CancellationToken.None);
        // No Duration: the supervisor restarts the agent at once, so the fault is over when the call returns.
        Assert.Equal((FaultStates.Ended, id), (fault.State, fault.InstanceIds.Single()));

        var inv = await FaultKit.FinishedAsync(Emu.Ssm, commandId, id);
        Assert.Equal((CommandInvocationStatus.Success, "2"), (inv.Status, inv.StandardOutputContent.Trim())); // the step ran again after the crash
        Assert.Equal("Online", await FaultKit.PingAsync(Emu.Ssm, id, "Online"));
        Assert.Contains(FaultKit.FaultEvents(Emu), m => m.StartsWith($"Fault {fault.FaultId} (agent-crash) ended (restarted): {id}", StringComparison.Ordinal));
        // Only the agent died: the same supervisor runs (the instance did not restart), and it was not a boot.
        Assert.Equal(supervisor, await File.ReadAllTextAsync(Path.Combine(dir, "pid")));
        Assert.True(Directory.Exists($"/proc/{supervisor}"), $"supervisor {supervisor} is gone");
        Assert.Equal(booted, Emu.Get<InstanceRepository>().Get(id)!.LastBoot);
        var log = await File.ReadAllTextAsync(Path.Combine(dir, "agent.log"));
        Assert.Contains("supervisor: agent killed (agent-crash)", log, StringComparison.Ordinal);
        Assert.Contains("(agent restart, not a boot)", log, StringComparison.Ordinal);
        Assert.Equal("INSTALLEDPENDINGREBOOT", await ScanKernelAsync(id));

        // A real reboot is a boot: the kernel takes effect.
        await Emu.Lab.InstanceActionAsync(id, "reboot", CancellationToken.None);
        await FaultKit.UntilAsync(() => Task.FromResult(Emu.Get<InstanceRepository>().Get(id)!.LastBoot), b => b != booted, _ => "the instance never booted again");
        Assert.NotEqual(supervisor, await File.ReadAllTextAsync(Path.Combine(dir, "pid")));
        Assert.Equal("INSTALLED", await ScanKernelAsync(id));
    }

    [AgentFact]
    public async Task AgentCrash_WithDuration_KeepsTheAgentDown_ConnectionLost_ThenTheSameInstanceComesBackOnline()
    {
        var id = (await FaultKit.LaunchAsync(Emu, 1, "down"))[0];
        var dir = Path.Combine(Emu.StateDirectory, "instances", id);
        var supervisor = await File.ReadAllTextAsync(Path.Combine(dir, "pid"));

        // 20 emulator minutes: 20 real seconds at x60, past the ConnectionLost threshold.
        var fault = await Emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.AgentCrash, Targets = [id], Duration = TimeSpan.FromMinutes(20) }, CancellationToken.None);
        Assert.Equal(FaultStates.Active, fault.State);
        Assert.Equal("ConnectionLost", await FaultKit.PingAsync(Emu.Ssm, id, "ConnectionLost"));
        Assert.True(Directory.Exists($"/proc/{supervisor}"), "the instance (its supervisor) stopped with its agent");

        Assert.Equal("Online", await FaultKit.PingAsync(Emu.Ssm, id, "Online"));
        Assert.Equal(FaultStates.Ended, (await Emu.Lab.ListFaultsAsync(CancellationToken.None)).Faults.Single().State);
        Assert.Equal(supervisor, await File.ReadAllTextAsync(Path.Combine(dir, "pid")));
        var echo = await FaultKit.ShellAsync(Emu.Ssm, [id], "echo back");
        Assert.Equal("back", (await FaultKit.FinishedAsync(Emu.Ssm, echo, id)).StandardOutputContent.Trim());
    }

    private async Task<string> ScanKernelAsync(string id)
    {
        var scan = (await Emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [id], TimeoutSeconds = FaultKit.LongDelivery, Parameters = new() { ["Operation"] = ["Scan"] },
        })).Command.CommandId;
        Assert.Equal(CommandInvocationStatus.Success, (await FaultKit.FinishedAsync(Emu.Ssm, scan, id, "PatchLinux")).Status);
        return (await FaultKit.PatchStatesAsync(Emu.Ssm, id))["kernel.x86_64"];
    }

    [AgentFact]
    public async Task DiskFull_FailsTheInstall_WithNoSpaceLeftOnDevice_AndThePatchesShowFailed()
    {
        // One instance: launching several at once trips the process runtime's known startup-check race (ProcessRuntimeTests' TODO).
        var full = (await FaultKit.LaunchAsync(Emu, 1, "disk", ageDays: 1000))[0];
        var fault = await Emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.DiskFull, Targets = ["disk-1"] }, CancellationToken.None);
        Assert.Equal([full], fault.InstanceIds);

        var commandId = await FaultKit.InstallAsync(Emu.Ssm, [full], maxErrors: "1");
        var failed = await FaultKit.FinishedAsync(Emu.Ssm, commandId, full, "PatchLinux");
        Assert.Equal((CommandInvocationStatus.Failed, "Failed"), (failed.Status, failed.StatusDetails));
        Assert.Contains("No space left on device", failed.StandardOutputContent, StringComparison.Ordinal);
        var states = await FaultKit.PatchStatesAsync(Emu.Ssm, full);
        Assert.Equal("FAILED", states["openssl.x86_64"]);
        Assert.DoesNotContain("INSTALLED", states.Values);
        // The failed invocation counts as an error (ErrorCount = Failed + ExecutionTimedOut, reference 3.3).
        var command = (await Emu.Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId })).Commands.Single();
        Assert.Equal(1, command.ErrorCount);
    }

    [AgentFact]
    public async Task SlowReboot_KeepsTheInstanceDownForTheExtraTime_AndTheInstallCompletesAfterIt()
    {
        var id = (await FaultKit.LaunchAsync(Emu, 1, "slow", ageDays: 1000))[0];
        var fault = await Emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.SlowReboot, Targets = [id], Duration = TimeSpan.FromMinutes(15) }, CancellationToken.None);
        Assert.Equal(FaultStates.Active, fault.State); // until cleared: every reboot meanwhile is slow

        var commandId = (await Emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [id], Parameters = new() { ["Operation"] = ["Install"], ["RebootOption"] = ["RebootIfNeeded"] },
        })).Command.CommandId;
        Assert.Equal("ConnectionLost", await FaultKit.PingAsync(Emu.Ssm, id, "ConnectionLost"));
        var inv = await FaultKit.FinishedAsync(Emu.Ssm, commandId, id, "PatchLinux");
        Assert.Equal(CommandInvocationStatus.Success, inv.Status);

        var events = Emu.Get<EventRepository>().Latest(10_000);
        var down = events.Single(e => e.Message == $"{id} reboots slowly: it comes back 00:15:00 later (slow-reboot)").Time;
        var up = events.Single(e => e.Message == $"{id} booted and re-registered").Time;
        Assert.True(up - down >= TimeSpan.FromMinutes(15), $"back after {up - down} of emulator time");
        await Emu.Lab.ClearFaultAsync(fault.FaultId, CancellationToken.None);
    }
}
