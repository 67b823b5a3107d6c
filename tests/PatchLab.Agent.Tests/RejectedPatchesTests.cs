using PatchLab.Agent.Tests.Fakes;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Tests;

/// <summary>
/// RejectedPatchesAction, dependencies and the override parameters of AWS-RunPatchBaseline as the agent applies the
/// emulator's decisions (reference 4.2, 5.2). The fake emulator plays the baseline.
/// </summary>
public sealed class RejectedPatchesTests
{
    // openssl and openssl-libs are installed at 0.6; ALAS2-2025-0100 ships both at 0.10, and openssl needs openssl-libs.
    private const string DependencyCatalog = """
        {
          "os": "AmazonLinux2", "platformName": "Amazon Linux", "platformVersion": "2", "product": "AmazonLinux2",
          "baseDate": "2022-12-10T00:00:00Z",
          "packages": [
            { "name": "openssl", "arch": "x86_64", "version": "1.0.2k-24.amzn2.0.6", "epoch": 1 },
            { "name": "openssl-libs", "arch": "x86_64", "version": "1.0.2k-24.amzn2.0.6", "epoch": 1 }
          ],
          "updates": [
            { "advisoryId": "ALAS2-2025-0100", "classification": "Security", "severity": "Important", "released": "2025-09-01T00:00:00Z",
              "cves": ["CVE-2025-9230"], "rebootRequired": false,
              "packages": [
                { "name": "openssl", "arch": "x86_64", "version": "1.0.2k-24.amzn2.0.10", "epoch": 1, "sizeKb": 510, "requires": ["openssl-libs"] },
                { "name": "openssl-libs", "arch": "x86_64", "version": "1.0.2k-24.amzn2.0.10", "epoch": 1, "sizeKb": 1290 }
              ] }
          ]
        }
        """;

    private static async Task<AgentTestBed> DependencyBedAsync()
    {
        var bed = await AgentTestBed.CreateAsync();
        // The agent reads its catalog when the first patch document runs: replace the bed's catalog before that.
        await File.WriteAllTextAsync(bed.CatalogPath, DependencyCatalog);
        return bed;
    }

    private static AgentMessage Patch(AgentTestBed bed, string operation, Dictionary<string, string>? extra = null)
    {
        var m = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, operation, "NoReboot");
        foreach (var (k, v) in extra ?? [])
        {
            m.Parameters[k] = [v];
        }
        return m;
    }

    private static async Task<(AgentReply Final, Dictionary<string, PatchRecord>? Patches)> RunAsync(AgentTestBed bed, AgentMessage message)
    {
        bed.Emulator.Deliver(message);
        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);
        var report = bed.Emulator.Reports.LastOrDefault(r => r.CommandId == message.CommandId);
        return (final, report?.Patches.ToDictionary(p => p.KBId));
    }

    [Theory]
    // BLOCK: an installed package in RejectedPatches is InstalledRejected (non-compliant)…
    [InlineData("BLOCK", "InstalledRejected")]
    // …ALLOW_AS_DEPENDENCY: it is InstalledOther and InstalledRejectedCount stays 0.
    [InlineData("ALLOW_AS_DEPENDENCY", "InstalledOther")]
    public async Task Scan_ReportsAnInstalledRejectedPackage_AccordingToRejectedPatchesAction(string action, string expected)
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.Emulator.RejectedPatchesAction = action;
        // coreutils came with the image and has no advisory: the agent still offers its installed version for judgement.
        bed.Emulator.Decide = c => new PatchDecision { Name = c.Name, Approved = c.Classification == "Security", Rejected = c.Name == "coreutils" };
        bed.StartAgent();

        var (final, patches) = await RunAsync(bed, Patch(bed, "Scan"));

        Assert.Equal("Success", final.DocumentStatus);
        Assert.Equal(expected, patches!["coreutils.x86_64"].State);
        Assert.Contains(bed.Emulator.Snapshots[0].Candidates, c => c is { Name: "coreutils", AdvisoryId: "", InstalledVersion: "8.22-24.amzn2" });
        Assert.Contains($"Rejected patches action: {action}", final.Steps[1].StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Block_ApprovedUpdateNeedingARejectedPackage_IsMissingOnScan_AndFailedOnInstall()
    {
        await using var bed = await DependencyBedAsync();
        bed.Emulator.RejectedPatchesAction = "BLOCK";
        bed.Emulator.Decide = c => c.Name == "openssl-libs"
            ? new PatchDecision { Name = c.Name, Rejected = true }
            : new PatchDecision { Name = c.Name, Approved = c.Classification == "Security", BlockedBy = c.Classification == "Security" ? "openssl-libs" : "" };
        bed.StartAgent();

        var (scan, scanned) = await RunAsync(bed, Patch(bed, "Scan"));
        Assert.Equal("Missing", scanned!["openssl.x86_64"].State);
        Assert.Equal("InstalledRejected", scanned["openssl-libs.x86_64"].State);
        Assert.Contains("which the baseline rejects (BLOCK)", scan.Steps[1].StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["requires:openssl-libs"], bed.Emulator.Snapshots[0].Candidates.Where(c => c.Name == "openssl" && c.Requires.Count > 0).Select(c => "requires:" + c.Requires[0]));

        var (install, installed) = await RunAsync(bed, Patch(bed, "Install"));
        Assert.Equal("Failed", install.DocumentStatus);
        Assert.Equal("Failed", installed!["openssl.x86_64"].State);
        Assert.Contains("it requires openssl-libs, which the patch baseline rejects (RejectedPatchesAction BLOCK)", install.Steps[1].StandardOutput, StringComparison.Ordinal);
        Assert.EndsWith(":1:1.0.2k-24.amzn2.0.6", installed["openssl-libs.x86_64"].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowAsDependency_InstallsTheRejectedPackageWithTheUpdate_ThenReportsItInstalledOther()
    {
        await using var bed = await DependencyBedAsync();
        bed.Emulator.Decide = c => c.Name == "openssl-libs"
            ? new PatchDecision { Name = c.Name, Rejected = true, DependencyOf = c.InstalledVersion != c.Version ? "openssl" : "" }
            : new PatchDecision { Name = c.Name, Approved = c.Classification == "Security" };
        bed.StartAgent();

        var (final, patches) = await RunAsync(bed, Patch(bed, "Install"));

        Assert.Equal("Success", final.DocumentStatus);
        Assert.Equal(("Installed", "openssl.x86_64:1:1.0.2k-24.amzn2.0.10"), (patches!["openssl.x86_64"].State, patches["openssl.x86_64"].Title));
        Assert.Equal(("InstalledOther", "openssl-libs.x86_64:1:1.0.2k-24.amzn2.0.10"), (patches["openssl-libs.x86_64"].State, patches["openssl-libs.x86_64"].Title));
        Assert.Contains("Installing openssl-libs.x86_64:1:1.0.2k-24.amzn2.0.10 as a dependency of openssl", final.Steps[1].StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaselineOverride_IsSentToTheEmulator_AndLeavesComplianceAlone()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        const string json = """[{"OperatingSystem":"AMAZON_LINUX_2","ApprovedPatches":["bash"]}]""";

        var (final, patches) = await RunAsync(bed, Patch(bed, "Scan", new() { ["BaselineOverride"] = json }));

        Assert.Equal("Success", final.DocumentStatus);
        Assert.Equal(json, Assert.Single(bed.Emulator.Snapshots).BaselineOverride);
        Assert.Null(patches);
        Assert.Empty(bed.Emulator.Reports);
        Assert.Contains("NON_COMPLIANT Missing: bash.x86_64", final.Steps[1].StandardOutput, StringComparison.Ordinal);
        Assert.Contains("the patch compliance of this instance is not updated", final.Steps[1].StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaselineOverride_WithInstallOverrideList_FailsWithoutScanning()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();

        var (final, _) = await RunAsync(bed, Patch(bed, "Install", new()
        {
            ["BaselineOverride"] = """{"OperatingSystem":"AMAZON_LINUX_2"}""", ["InstallOverrideList"] = "s3://bucket/list.yaml",
        }));

        Assert.Equal("Failed", final.DocumentStatus);
        Assert.Contains("BaselineOverride and InstallOverrideList cannot be used together", final.Steps[1].StandardError, StringComparison.Ordinal);
        Assert.Empty(bed.Emulator.Snapshots);
    }

    [Fact]
    public async Task InstallOverrideList_IsReportedWithTheCompliance()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();

        await RunAsync(bed, Patch(bed, "Scan", new() { ["InstallOverrideList"] = "https://example.com/patches.yaml" }));

        Assert.Equal("https://example.com/patches.yaml", Assert.Single(bed.Emulator.Reports).InstallOverrideList);
    }
}
