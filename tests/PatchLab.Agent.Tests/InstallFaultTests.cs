using PatchLab.Agent.Tests.Fakes;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Tests;

/// <summary>Issue 7: install faults the emulator sends with the patch snapshot (patch-install-failure, disk-full).</summary>
public sealed class InstallFaultTests
{
    [Fact]
    public async Task Install_FailsTheNamedPatchOnly_WhenTheSnapshotCarriesAPatchInstallFailure()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.Emulator.InstallFaults = new AgentInstallFaults { FailPatches = ["bash"] };
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install", "NoReboot");
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal(("Failed", "Failed", 1), (final.DocumentStatus, final.Steps[1].Status, final.Steps[1].Code));
        Assert.Contains("Failed to install bash", final.Steps[1].StandardOutput, StringComparison.Ordinal);
        Assert.Contains("transaction check vs depsolve (fault injected)", final.Steps[1].StandardOutput, StringComparison.Ordinal);
        var patches = Assert.Single(bed.Emulator.Reports).Patches.ToDictionary(p => p.KBId);
        Assert.Equal(("Failed", "Installed"), (patches["bash.x86_64"].State, patches["openssl-libs.x86_64"].State));
    }

    [Fact]
    public async Task Install_FailsEveryPatch_WithNoSpaceLeftOnDevice_WhenTheDiskIsFull()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.Emulator.InstallFaults = new AgentInstallFaults { DiskFull = true };
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install", "NoReboot");
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Failed", final.DocumentStatus);
        Assert.Contains("Error: [Errno 28] No space left on device: '/var/cache/yum/x86_64/2/amzn2-core/packages/bash.x86_64.rpm'", final.Steps[1].StandardOutput,
            StringComparison.Ordinal);
        var patches = Assert.Single(bed.Emulator.Reports).Patches.ToDictionary(p => p.KBId);
        Assert.Equal(("Failed", "Failed"), (patches["bash.x86_64"].State, patches["openssl-libs.x86_64"].State));
    }

    [Fact]
    public async Task Scan_IgnoresInstallFaults()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.Emulator.InstallFaults = new AgentInstallFaults { FailPatches = ["*"], DiskFull = true };
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Scan", "NoReboot");
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Success", final.DocumentStatus);
        Assert.DoesNotContain(Assert.Single(bed.Emulator.Reports).Patches, p => p.State == "Failed");
    }
}
