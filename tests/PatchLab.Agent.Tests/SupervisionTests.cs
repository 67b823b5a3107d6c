using Microsoft.Extensions.Time.Testing;
using PatchLab.Agent.Hosting;
using PatchLab.Agent.State;
using PatchLab.Agent.Tests.Fakes;

namespace PatchLab.Agent.Tests;

/// <summary>
/// An agent restart is not a boot (issue 7, agent-crash): the boot id the supervisor makes once per start of the instance
/// decides; and the supervisor's hold after an agent-crash kill, whatever order the kill and revive signals are handled in.
/// </summary>
public sealed class SupervisionTests
{
    [Fact]
    public void BootCounter_CountsABoot_OnlyWhenTheBootIdChanges()
    {
        using var directory = new TestDirectory();

        Assert.Equal(new BootStart(1, IsBoot: true), BootCounter.Start(directory.Path, "boot-a"));
        Assert.Equal(new BootStart(1, IsBoot: false), BootCounter.Start(directory.Path, "boot-a"));
        Assert.Equal(new BootStart(1, IsBoot: false), BootCounter.Start(directory.Path, "boot-a"));
        Assert.Equal(new BootStart(2, IsBoot: true), BootCounter.Start(directory.Path, "boot-b"));
        Assert.Equal("2 boot-b", File.ReadAllText(Path.Combine(directory.Path, "boot")).Trim());
        // Without a boot id (no supervisor) every start is a boot, and the next supervised start is one too.
        Assert.Equal(new BootStart(3, IsBoot: true), BootCounter.Start(directory.Path, null));
        Assert.Equal(new BootStart(4, IsBoot: true), BootCounter.Start(directory.Path, null));
        Assert.Equal(new BootStart(5, IsBoot: true), BootCounter.Start(directory.Path, "boot-b"));
    }

    [Fact]
    public void BootCounter_ReadsTheFormerFormat_ACountAlone()
    {
        using var directory = new TestDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "boot"), "7\n");

        Assert.Equal(new BootStart(8, IsBoot: true), BootCounter.Start(directory.Path, "boot-a"));
        Assert.Equal(new BootStart(8, IsBoot: false), BootCounter.Start(directory.Path, "boot-a"));
    }

    [Fact]
    public void Hold_KeepsTheAgentDown_FromTheKillUntilTheRevive()
    {
        var hold = new AgentHold(new FakeTimeProvider());

        Assert.False(hold.IsHeld);
        Assert.True(hold.Kill());
        Assert.True(hold.IsHeld);
        Assert.True(hold.Kill()); // a second fault on a held agent: still one hold, ended by one revive
        Assert.True(hold.Revive());
        Assert.False(hold.IsHeld);
    }

    [Fact]
    public void Hold_ARevive_HandledBeforeItsKill_CancelsThatKillsHold()
    {
        var time = new FakeTimeProvider();
        var hold = new AgentHold(time);

        Assert.False(hold.Revive());
        time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.False(hold.Kill());
        Assert.False(hold.IsHeld);
        // The early revive was used up: the next kill holds again.
        Assert.True(hold.Kill());
    }

    [Fact]
    public void Hold_AStaleRevive_DoesNotCancelALaterKill()
    {
        var time = new FakeTimeProvider();
        var hold = new AgentHold(time);

        Assert.False(hold.Revive());
        time.Advance(AgentHold.EarlyReviveWindow + TimeSpan.FromSeconds(1));

        Assert.True(hold.Kill());
        Assert.True(hold.IsHeld);
    }

    [Fact]
    public async Task AgentRestart_WithTheSameBootId_IsNotABoot_PendingRebootPatchesStayPending_UntilANewBootId()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        var run = bed.StartAgent(bootId: "boot-a");
        var install = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install", "NoReboot");
        bed.Emulator.Deliver(install);
        await bed.Emulator.WaitForFinalReplyAsync(install.MessageId);
        Assert.Equal("InstalledPendingReboot", bed.Emulator.Reports[^1].Patches.Single(p => p.KBId == "kernel.x86_64").State);

        // The agent dies and its supervisor restarts it: same boot id.
        await run.StopAsync();
        run = bed.StartAgent(bootId: "boot-a");
        var scan = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Scan");
        bed.Emulator.Deliver(scan);
        await bed.Emulator.WaitForFinalReplyAsync(scan.MessageId);
        Assert.Equal("InstalledPendingReboot", bed.Emulator.Reports[^1].Patches.Single(p => p.KBId == "kernel.x86_64").State);
        Assert.Equal([true, false], bed.Emulator.Registrations.Select(r => r.Boot));
        Assert.Contains("(agent restart, not a boot)", run.Log, StringComparison.Ordinal);
        Assert.Equal("1 boot-a", File.ReadAllText(bed.StateFile("boot")).Trim());

        // A real reboot: a new supervisor, a new boot id.
        await run.StopAsync();
        bed.StartAgent(bootId: "boot-b");
        var rescan = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Scan");
        bed.Emulator.Deliver(rescan);
        await bed.Emulator.WaitForFinalReplyAsync(rescan.MessageId);
        Assert.Equal("Installed", bed.Emulator.Reports[^1].Patches.Single(p => p.KBId == "kernel.x86_64").State);
        Assert.Equal([true, false, true], bed.Emulator.Registrations.Select(r => r.Boot));
        Assert.Equal("2 boot-b", File.ReadAllText(bed.StateFile("boot")).Trim());
    }
}
