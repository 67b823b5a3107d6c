using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// End to end without Docker: SendCommand AWS-RunPatchBaseline → nodes ask the emulator for their snapshot → the
/// baseline resolved from their patch group decides what they install → compliance comes back through the SSM API
/// (reference 5.4, 4.2).
/// </summary>
public sealed class PatchGroupEndToEndTests : IAsyncLifetime
{
    private static readonly PatchingAgent.Package[] Packages =
    [
        new("curl", "7.86.0-1.amzn2.0.1", "8.3.0-1.amzn2.0.4", "ALAS2-2024-9002", "Security", "Critical"),
        new("openssl-libs", "1.0.2k-24.amzn2.0.6", "1.0.2k-24.amzn2.0.10", "ALAS2-2024-9001", "Security", "Important"),
        new("bash", "4.2.46-34.amzn2", "4.2.46-34.amzn2.0.1", "ALAS2-2024-9003", "Security", "Medium"),
        new("zlib", "1.2.7-19.amzn2.0.2", "1.2.7-19.amzn2.0.3", "ALAS2-2024-9004", "Bugfix", ""),
    ];

    private EmulatorFixture _emu = null!;
    private readonly List<PatchingAgent> _agents = [];

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var a in _agents)
        {
            await a.DisposeAsync();
        }
        await _emu.DisposeAsync();
    }

    private async Task<PatchingAgent> NodeAsync(Dictionary<string, string> tags)
    {
        var a = await PatchingAgent.LaunchAsync(_emu, tags, Packages);
        _agents.Add(a);
        return a;
    }

    private async Task<string> PatchAsync(string operation, string? snapshotId, params PatchingAgent[] nodes)
    {
        var parameters = new Dictionary<string, List<string>> { ["Operation"] = [operation], ["RebootOption"] = ["NoReboot"] };
        if (snapshotId is not null)
        {
            parameters["SnapshotId"] = [snapshotId];
        }
        var sent = await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [.. nodes.Select(n => n.InstanceId)], Parameters = parameters,
        });
        foreach (var n in nodes)
        {
            await n.WaitDoneAsync(sent.Command.CommandId);
        }
        return sent.Command.CommandId;
    }

    /// <summary>
    /// Patch states by package. The wire says Installed / InstalledOther / Missing; the .NET SDK maps "Installed" and
    /// "Missing" onto its INSTALLED / MISSING constants (case-insensitive lookup), so compare without case and underscores.
    /// </summary>
    private async Task<Dictionary<string, string>> StatesAsync(PatchingAgent node) =>
        (await _emu.Ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest { InstanceId = node.InstanceId }))
        .Patches.ToDictionary(p => p.KBId[..p.KBId.IndexOf('.', StringComparison.Ordinal)], p => p.State.Value.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant());

    [Fact]
    public async Task Issue4_PatchGroupBaseline_ChangesWhatGetsInstalled_ComparedWithTheDefault()
    {
        var critical = (await _emu.Ssm.CreatePatchBaselineAsync(PatchBaselineApiTests.CriticalOnly("Critical-Only-E2E"))).BaselineId;
        await _emu.Ssm.RegisterPatchBaselineForPatchGroupAsync(new RegisterPatchBaselineForPatchGroupRequest { BaselineId = critical, PatchGroup = "CriticalOnly" });
        var grouped = await NodeAsync(new() { ["PatchGroup"] = "CriticalOnly" });
        var legacyTag = await NodeAsync(new() { ["Patch Group"] = "CriticalOnly" });
        var untagged = await NodeAsync([]);

        await PatchAsync("Install", null, grouped, legacyTag, untagged);

        // The patch group's baseline approves the Critical curl update only…
        foreach (var node in new[] { grouped, legacyTag })
        {
            Assert.Equal("8.3.0-1.amzn2.0.4", node.Installed["curl"]);
            Assert.Equal("1.0.2k-24.amzn2.0.6", node.Installed["openssl-libs"]);
            var states = await StatesAsync(node);
            Assert.Equal(("INSTALLED", "INSTALLEDOTHER", "INSTALLEDOTHER", "INSTALLEDOTHER"), (states["curl"], states["openssl-libs"], states["bash"], states["zlib"]));
        }
        // …the AWS default baseline (Security Critical/Important + Bugfix after 7 days) installs three.
        Assert.Equal("1.0.2k-24.amzn2.0.10", untagged.Installed["openssl-libs"]);
        Assert.Equal("1.2.7-19.amzn2.0.3", untagged.Installed["zlib"]);
        Assert.Equal("4.2.46-34.amzn2", untagged.Installed["bash"]);

        var states2 = (await _emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest
        {
            InstanceIds = [grouped.InstanceId, legacyTag.InstanceId, untagged.InstanceId],
        })).InstancePatchStates.ToDictionary(s => s.InstanceId);
        Assert.Equal((critical, "CriticalOnly", 1, 3), (states2[grouped.InstanceId].BaselineId, states2[grouped.InstanceId].PatchGroup,
            states2[grouped.InstanceId].InstalledCount, states2[grouped.InstanceId].InstalledOtherCount));
        Assert.Equal((critical, "CriticalOnly"), (states2[legacyTag.InstanceId].BaselineId, states2[legacyTag.InstanceId].PatchGroup));
        Assert.Equal(("arn:aws:ssm:us-east-1:075727635805:patchbaseline/pb-0be8c61cde3be63f3", "", 3, 1), (states2[untagged.InstanceId].BaselineId,
            states2[untagged.InstanceId].PatchGroup, states2[untagged.InstanceId].InstalledCount, states2[untagged.InstanceId].InstalledOtherCount));

        // The custom rule's ComplianceLevel travels into the compliance items; the patch group sees both tagged nodes.
        var items = await _emu.Ssm.ListComplianceItemsAsync(new ListComplianceItemsRequest { ResourceIds = [grouped.InstanceId], ResourceTypes = ["ManagedInstance"] });
        Assert.Equal("CRITICAL", items.ComplianceItems.Single(i => i.Id == "curl.x86_64").Severity.Value);
        var group = await _emu.Ssm.DescribePatchGroupStateAsync(new DescribePatchGroupStateRequest { PatchGroup = "CriticalOnly" });
        Assert.Equal((2, 2, 0), (group.Instances, group.InstancesWithInstalledPatches, group.InstancesWithMissingPatches));
    }

    [Fact]
    public async Task BaselineOverride_InlineJsonPicksTheEntryForTheNodesOs_AndAnS3UrlIsRefusedWithTheReason()
    {
        var node = await NodeAsync([]);
        // The BaselineOverride format: a list of GetPatchBaseline outputs, one per operating system.
        const string overrides = """
            [{"OperatingSystem": "WINDOWS", "ApprovedPatches": ["KB5034439"]},
             {"BaselineId": "pb-0aaaaaaaaaaaaaaaa", "OperatingSystem": "AMAZON_LINUX_2", "ApprovedPatches": ["bash"], "RejectedPatchesAction": "BLOCK"}]
            """;
        var request = new Contracts.Agent.AgentSnapshotRequest { Candidates = node.Candidates(), BaselineOverride = overrides };

        using var ok = await node.RawSnapshotAsync(request);
        var answer = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync(ok.Content,
            Contracts.PatchLabJsonContext.Default.AgentSnapshotResponse))!;
        Assert.Equal(("pb-0aaaaaaaaaaaaaaaa", "BLOCK"), (answer.BaselineId, answer.RejectedPatchesAction));
        var approved = request.Candidates.Zip(answer.Decisions).Where(x => x.Second.Approved).Select(x => x.First.Name).ToList();
        Assert.Equal(["bash"], approved);
        Assert.Matches("^[0-9a-f-]{36}$", answer.SnapshotId);

        request.BaselineOverride = "s3://my-bucket/overrides.json";
        using var refused = await node.RawSnapshotAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("ValidationException", body, StringComparison.Ordinal);
        // The object is looked up in the lab's S3 stand-in (patchlab s3 put), where nothing was put.
        Assert.Contains("BaselineOverride s3://my-bucket/overrides.json cannot be downloaded: An error occurred (NoSuchBucket)", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue4_AccountDefault_AppliesToUntaggedNodes_AndASnapshotIdFreezesTheApprovedSet()
    {
        var mine = PatchBaselineApiTests.CriticalOnly("Account-Default-E2E");
        var id = (await _emu.Ssm.CreatePatchBaselineAsync(mine)).BaselineId;
        await _emu.Ssm.RegisterDefaultPatchBaselineAsync(new RegisterDefaultPatchBaselineRequest { BaselineId = id });
        var node = await NodeAsync([]);
        var snapshot = Guid.NewGuid().ToString();

        await PatchAsync("Scan", snapshot, node);
        Assert.Equal("MISSING", (await StatesAsync(node))["curl"]);
        Assert.Equal("INSTALLEDOTHER", (await StatesAsync(node))["bash"]);

        // The baseline changes; the same SnapshotId still answers with the frozen baseline (reference 4.2)…
        await _emu.Ssm.UpdatePatchBaselineAsync(new UpdatePatchBaselineRequest { BaselineId = id, ApprovedPatches = ["bash"] });
        var frozen = await PatchAsync("Scan", snapshot, node);
        Assert.Equal("INSTALLEDOTHER", (await StatesAsync(node))["bash"]);
        Assert.Equal(snapshot, node.Done[frozen].SnapshotId);
        // …a new snapshot sees the change.
        await PatchAsync("Scan", Guid.NewGuid().ToString(), node);
        Assert.Equal("MISSING", (await StatesAsync(node))["bash"]);
    }
}
