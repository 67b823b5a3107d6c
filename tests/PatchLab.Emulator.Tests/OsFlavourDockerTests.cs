using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Issues 4 and 5 on real containers: a Debian 12 image (its own os-release and the catalog generated from the real
/// bookworm lists) scans against that catalog, and a simulated Windows Server 2022 instance reboots with exit code 3010
/// in the middle of an Install and completes it after the restart.
/// </summary>
[Collection("docker")]
public sealed class OsFlavourDockerTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync()
    {
        DockerFactAttribute.EnsureAvailable();
        _emu = await EmulatorFixture.StartAsync(docker: true, speed: 600);
    }

    public Task DisposeAsync() => _emu.DownAndDisposeAsync();

    private async Task<string> LaunchAsync(string os, string name)
    {
        var progress = new List<FleetLaunchProgress>();
        var last = await _emu.Lab.LaunchAsync(new FleetLaunchRequest { Count = 1, Os = os, NamePrefix = name, AgeDays = 400 },
            new SyncProgress<FleetLaunchProgress>(progress.Add), CancellationToken.None);
        Assert.True(last.Stage == "done" && last.Done == 1, $"launch ended {last.Stage}: {last.Message}");
        return progress.Single(p => p.Stage == "launched").InstanceId!;
    }

    [DockerFact]
    public async Task Debian12Container_HasItsOsRelease_AndScansTheGeneratedBookwormCatalog()
    {
        var id = await LaunchAsync("Debian12", "bookworm");

        var info = (await _emu.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList.Single(i => i.InstanceId == id);
        Assert.Equal(("Linux", "Debian GNU/Linux", "12"), (info.PlatformType.Value, info.PlatformName, info.PlatformVersion));
        var shell = await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [id], Parameters = new() { ["commands"] = ["cat /etc/os-release"] },
        });
        var osRelease = await _emu.WaitForPluginAsync(shell.Command.CommandId, id, "aws:runShellScript");
        Assert.Contains("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"", osRelease.StandardOutputContent, StringComparison.Ordinal);

        var scan = await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [id], Parameters = new() { ["Operation"] = ["Scan"] },
        });
        var run = await _emu.WaitForPluginAsync(scan.Command.CommandId, id, "PatchLinux");

        Assert.Equal(CommandInvocationStatus.Success, run.Status);
        Assert.Contains("Product: Debian12", run.StandardOutputContent, StringComparison.Ordinal);
        var state = (await _emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [id] })).InstancePatchStates.Single();
        Assert.Equal("arn:aws:ssm:us-east-1:075727635805:patchbaseline/pb-09a5f8eb62bde80b1", state.BaselineId); // AWS-DebianDefaultPatchBaseline
        Assert.True(state.MissingCount > 0, "400 days behind, bookworm-security fixes are missing");
        var patches = (await _emu.Ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest
        {
            InstanceId = id, Filters = [new PatchOrchestratorFilter { Key = "State", Values = ["Missing"] }], MaxResults = 100,
        })).Patches;
        Assert.NotEmpty(patches);
        Assert.All(patches, p => Assert.Matches(@"\.(amd64|all)$", p.KBId));
        // Titles carry the bookworm-security version (name.arch:epoch:version), e.g. libssl3.amd64:0:3.0.x-1~deb12uN.
        Assert.Contains(patches, p => p.Title.Contains("~deb12u", StringComparison.Ordinal) || p.Title.Contains("+deb12u", StringComparison.Ordinal));
    }

    [DockerFact]
    public async Task WindowsContainer_InstallRebootsWithExitCode3010_AndCompletesAfterTheRestart()
    {
        var id = await LaunchAsync("WindowsServer2022", "win");
        var info = (await _emu.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList.Single(i => i.InstanceId == id);
        Assert.Equal(("Windows", "Microsoft Windows Server 2022 Datacenter", "10.0.20348"), (info.PlatformType.Value, info.PlatformName, info.PlatformVersion));
        var bootBefore = _emu.Get<InstanceRepository>().Get(id)!.LastBoot;

        var sent = await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [id], Parameters = new() { ["Operation"] = ["Install"], ["RebootOption"] = ["RebootIfNeeded"] },
        });
        var run = await _emu.WaitForPluginAsync(sent.Command.CommandId, id, "PatchWindows");

        Assert.Equal(CommandInvocationStatus.Success, run.Status);
        Assert.Contains("KB5066782", run.StandardOutputContent, StringComparison.Ordinal);
        Assert.Contains(_emu.Get<EventRepository>().Latest(500),
            e => e.Message.Contains($"{id} asks for a reboot (exit code 3010)", StringComparison.Ordinal));
        Assert.NotEqual(bootBefore, _emu.Get<InstanceRepository>().Get(id)!.LastBoot);
        var linux = await _emu.WaitForPluginAsync(sent.Command.CommandId, id, "PatchLinux");
        Assert.Contains("[platformType, Linux]", linux.StandardOutputContent, StringComparison.Ordinal);
        var state = (await _emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [id] })).InstancePatchStates.Single();
        Assert.Equal((0, 0, 0), (state.MissingCount, state.FailedCount, state.InstalledPendingRebootCount));
        Assert.True(state.InstalledCount >= 2, $"the cumulative update and the .NET update are Installed, got {state.InstalledCount}");
        var lcu = (await _emu.Ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest { InstanceId = id, MaxResults = 100 })).Patches.Single(p => p.KBId == "KB5066782");
        Assert.Equal(PatchComplianceDataState.INSTALLED, lcu.State);
    }
}
