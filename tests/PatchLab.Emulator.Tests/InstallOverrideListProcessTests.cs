using System.Text;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Emulator.Tests.Faults;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Issue 4, InstallOverrideList end to end on the process runtime (the real agent binary as a host process): the YAML
/// list is put in the lab's S3 stand-in, AWS-RunPatchBaseline Install names it, and the SDK shows that exactly the
/// listed patches were installed while the baseline still judges compliance.
/// </summary>
public sealed class InstallOverrideListProcessTests : IAsyncLifetime
{
    // ca-certificates 2023.2.62 (Enhancement, not approved by AWS-AmazonLinux2DefaultPatchBaseline; a newer 2025 version
    // exists, the title picks the older one), awscli (Enhancement, bare name), sudo (Security Critical, approved).
    private const string List = """
        patches:
            -
                id: 'ca-certificates.noarch'
                title: '*2023.2.62-1.amzn2.0.1'
            -
                id: 'awscli'
            -
                id: 'sudo.x86_64'
        """;

    private EmulatorFixture? _emu;

    private EmulatorFixture Emu => _emu!;

    public async Task InitializeAsync()
    {
        if (File.Exists(AgentFactAttribute.AgentPath))
        {
            _emu = await EmulatorFixture.StartAsync(speed: 60, configure: o => o with { UseDocker = true, Runtime = "process" });
        }
    }

    public Task DisposeAsync() => FaultKit.DownAndDisposeAsync(_emu);

    [AgentFact]
    public async Task Issue4_Install_InstallsExactlyTheListedPatches_AndReportsTheList()
    {
        var id = (await FaultKit.LaunchAsync(Emu, 1, "override", ageDays: 1000))[0];
        var stored = await Emu.Lab.PutObjectAsync("patch-lists", "al2/monthly.yaml", Encoding.UTF8.GetBytes(List), CancellationToken.None);
        Assert.Equal("s3://patch-lists/al2/monthly.yaml", stored.Url);

        // The virtual-hosted https form of the same object works too.
        var commandId = await InstallAsync(id, "https://patch-lists.s3.us-east-1.amazonaws.com/al2/monthly.yaml");
        var inv = await FaultKit.FinishedAsync(Emu.Ssm, commandId, id, "PatchLinux");

        Assert.True(inv.Status == CommandInvocationStatus.Success, inv.StandardOutputContent);
        Assert.Contains("Installing 3 package(s) from the InstallOverrideList:", inv.StandardOutputContent, StringComparison.Ordinal);
        var states = await FaultKit.PatchStatesAsync(Emu.Ssm, id);
        // Listed: sudo is approved → Installed; ca-certificates and awscli are not → InstalledOther.
        Assert.Equal(("INSTALLED", "INSTALLEDOTHER", "INSTALLEDOTHER"), (states["sudo.x86_64"], states["ca-certificates.noarch"], states["awscli.noarch"]));
        // Approved by the baseline but not listed: not installed.
        Assert.Equal(("MISSING", "MISSING"), (states["expat.x86_64"], states["libxml2.x86_64"]));
        var patches = (await Emu.Ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest { InstanceId = id, MaxResults = 100 })).Patches;
        Assert.Equal("ca-certificates.noarch:0:2023.2.62-1.amzn2.0.1", patches.Single(p => p.KBId == "ca-certificates.noarch").Title);
        Assert.Equal("sudo.x86_64:0:1.8.23-10.amzn2.3.4", patches.Single(p => p.KBId == "sudo.x86_64").Title);
        var state = (await Emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [id] })).InstancePatchStates.Single();
        Assert.Equal(("https://patch-lists.s3.us-east-1.amazonaws.com/al2/monthly.yaml", PatchOperationType.Install),
            (state.InstallOverrideList, state.Operation));
    }

    [AgentFact]
    public async Task Issue4_Install_FailsTheStep_WhenTheObjectIsMissing_OrTheUrlIsNotS3()
    {
        var id = (await FaultKit.LaunchAsync(Emu, 1, "override-bad", ageDays: 1000))[0];

        var missing = await FaultKit.FinishedAsync(Emu.Ssm, await InstallAsync(id, "s3://patch-lists/nothing.yaml"), id, "PatchLinux");
        var internet = await FaultKit.FinishedAsync(Emu.Ssm, await InstallAsync(id, "https://example.com/list.yaml"), id, "PatchLinux");

        Assert.Equal((CommandInvocationStatus.Failed, 1), (missing.Status, missing.ResponseCode));
        Assert.Contains("Unable to download the InstallOverrideList s3://patch-lists/nothing.yaml: An error occurred (NoSuchBucket) when calling the GetObject operation",
            missing.StandardOutputContent, StringComparison.Ordinal);
        Assert.Equal((CommandInvocationStatus.Failed, 1), (internet.Status, internet.ResponseCode));
        Assert.Contains("https://example.com/list.yaml cannot be downloaded: PatchLab has no internet access and serves only its own S3 objects. Use s3://BUCKET/KEY",
            internet.StandardOutputContent, StringComparison.Ordinal);
        // Nothing was installed, so nothing was reported either.
        Assert.Empty((await Emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [id] })).InstancePatchStates);
    }

    private async Task<string> InstallAsync(string instanceId, string overrideList) =>
        (await Emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [instanceId], TimeoutSeconds = FaultKit.LongDelivery,
            Parameters = new() { ["Operation"] = ["Install"], ["RebootOption"] = ["NoReboot"], ["InstallOverrideList"] = [overrideList] },
        })).Command.CommandId;
}
