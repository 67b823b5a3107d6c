using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PredefinedBaselines = PatchLab.Domain.Baselines.PredefinedBaselines;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Storage;
using OperatingSystem = Amazon.SimpleSystemsManagement.OperatingSystem;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// DescribePatchProperties, DescribeAvailablePatches (fixtures/catalogs), DescribeEffectivePatchesForPatchBaseline and
/// GetDeployablePatchSnapshotForInstance through the real AWS SDK (reference 5.1, 4.2).
/// </summary>
public sealed class PatchQueryApiTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static T Raw<T>(T value) => value;

    [Theory]
    // The per-OS property lists of the DescribePatchProperties documentation.
    [InlineData("AMAZON_LINUX_2", "PRODUCT", "AmazonLinux2,AmazonLinux2.0")]
    [InlineData("AMAZON_LINUX_2", "CLASSIFICATION", "Security,Bugfix,Enhancement,Recommended,Newpackage")]
    [InlineData("AMAZON_LINUX_2", "SEVERITY", "Critical,Important,Medium,Low")]
    [InlineData("UBUNTU", "PRIORITY", "Required,Important,Standard,Optional,Extra")]
    [InlineData("WINDOWS", "MSRC_SEVERITY", "Critical,Important,Moderate,Low,Unspecified")]
    [InlineData("REDHAT_ENTERPRISE_LINUX", "SEVERITY", "Critical,Important,Moderate,Low")]
    public async Task DescribePatchProperties_ListsTheValuesAwsAccepts(string os, string property, string expected)
    {
        var all = new List<string>();
        string? token = null;
        do
        {
            var page = await _emu.Ssm.DescribePatchPropertiesAsync(new DescribePatchPropertiesRequest
            {
                OperatingSystem = os, Property = property, MaxResults = 2, NextToken = token,
            });
            all.AddRange(page.Properties.Select(p => p["Name"]));
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        Assert.Equal(expected.Split(','), all);
    }

    [Fact]
    public async Task DescribePatchProperties_RefusesAPropertyTheOsDoesNotHave()
    {
        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.DescribePatchPropertiesAsync(new DescribePatchPropertiesRequest
        {
            OperatingSystem = OperatingSystem.AMAZON_LINUX_2, Property = PatchProperty.PRIORITY,
        }));
        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.Contains("Valid properties: PRODUCT, CLASSIFICATION, SEVERITY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeAvailablePatches_ListsTheCatalog_FilteredLikeAws()
    {
        var critical = await _emu.Ssm.DescribeAvailablePatchesAsync(new DescribeAvailablePatchesRequest
        {
            Filters =
            [
                new PatchOrchestratorFilter { Key = "PRODUCT", Values = ["AmazonLinux2"] },
                new PatchOrchestratorFilter { Key = "CLASSIFICATION", Values = ["Security"] },
                new PatchOrchestratorFilter { Key = "SEVERITY", Values = ["Critical"] },
            ],
        });
        Assert.NotEmpty(critical.Patches);
        Assert.All(critical.Patches, p => Assert.Equal(("AmazonLinux2", "Security", "Critical"), (p.Product, p.Classification, p.Severity)));
        var first = critical.Patches[0];
        Assert.Matches("^ALAS2-", Assert.Single(first.AdvisoryIds));
        Assert.Equal($"{first.Name}-{first.Epoch}:{first.Version}-{first.Release}.{first.Arch}", first.Id);
        Assert.StartsWith("https://alas.aws.amazon.com/AL2/ALAS2-", first.ContentUrl, StringComparison.Ordinal);

        var openssl = await _emu.Ssm.DescribeAvailablePatchesAsync(new DescribeAvailablePatchesRequest
        {
            Filters = [new PatchOrchestratorFilter { Key = "NAME", Values = ["openssl-libs"] }, new PatchOrchestratorFilter { Key = "EPOCH", Values = ["1"] }],
        });
        // Amazon Linux 2 ships three openssl-libs versions, Amazon Linux 2023 five.
        Assert.Equal([("AmazonLinux2", 3), ("AmazonLinux2023", 5)], openssl.Patches.GroupBy(p => p.Product).Select(g => (g.Key, g.Count())).Order());
        Assert.All(openssl.Patches, p => Assert.Equal("openssl-libs", p.Name));

        var byCve = await _emu.Ssm.DescribeAvailablePatchesAsync(new DescribeAvailablePatchesRequest
        {
            Filters = [new PatchOrchestratorFilter { Key = "CVE_ID", Values = ["CVE-2023-0286"] }],
        });
        Assert.Equal(["openssl", "openssl-libs"], byCve.Patches.Select(p => p.Name).Order());

        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.DescribeAvailablePatchesAsync(new DescribeAvailablePatchesRequest
        {
            Filters = [new PatchOrchestratorFilter { Key = "COLOUR", Values = ["red"] }],
        }));
        Assert.Equal("ValidationException", e.ErrorCode);
    }

    [Fact]
    public async Task DescribeAvailablePatches_Paginates()
    {
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _emu.Ssm.DescribeAvailablePatchesAsync(new DescribeAvailablePatchesRequest
            {
                Filters = [new PatchOrchestratorFilter { Key = "PRODUCT", Values = ["AmazonLinux2"] }], MaxResults = 25, NextToken = token,
            });
            seen.AddRange(page.Patches.Select(p => p.Id));
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
        Assert.Equal(_emu.Get<PatchCatalogs>().ForOperatingSystem("AMAZON_LINUX_2").Count, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task DescribeEffectivePatchesForPatchBaseline_IsWindowsOnly_AsOnAws()
    {
        var e = await Assert.ThrowsAsync<UnsupportedOperatingSystemException>(() => _emu.Ssm.DescribeEffectivePatchesForPatchBaselineAsync(
            new DescribeEffectivePatchesForPatchBaselineRequest { BaselineId = PredefinedBaselines.AmazonLinux2.BaselineId }));
        Assert.Contains("supports WINDOWS baselines only", e.Message, StringComparison.Ordinal);

        // A Windows baseline answers from the Windows Server 2022 catalog: the October 2025 cumulative update is approved.
        var windows = await _emu.Ssm.DescribeEffectivePatchesForPatchBaselineAsync(
            new DescribeEffectivePatchesForPatchBaselineRequest { BaselineId = PredefinedBaselines.Windows.BaselineId, MaxResults = 100 });
        Assert.NotEmpty(windows.EffectivePatches);
        Assert.All(windows.EffectivePatches, p => Assert.Matches("^KB[0-9]+$", p.Patch.KbNumber));
        Assert.Contains(windows.EffectivePatches, p => p.Patch.KbNumber == "KB5066782" && p.PatchStatus.DeploymentStatus == PatchDeploymentStatus.APPROVED);

        await Assert.ThrowsAsync<DoesNotExistException>(() => _emu.Ssm.DescribeEffectivePatchesForPatchBaselineAsync(
            new DescribeEffectivePatchesForPatchBaselineRequest { BaselineId = "pb-0123456789abcdef0" }));
    }

    [Fact]
    public async Task GetDeployablePatchSnapshotForInstance_ReturnsProductAndAPlaceholderUrl_AndFreezesTheBaseline()
    {
        var id = Wire.WireFormat.HexId("i-");
        _emu.Get<InstanceRepository>().Insert(new Instance
        {
            InstanceId = id, Os = "AmazonLinux2", TokenHash = "x", State = "running", LaunchedAt = DateTimeOffset.UnixEpoch,
        });
        var snapshotId = Guid.NewGuid().ToString();

        var snap = await _emu.Ssm.GetDeployablePatchSnapshotForInstanceAsync(new GetDeployablePatchSnapshotForInstanceRequest { InstanceId = id, SnapshotId = snapshotId });

        Assert.Equal((id, snapshotId, "AmazonLinux2"), (snap.InstanceId, snap.SnapshotId, snap.Product));
        Assert.StartsWith("https://patchlab.invalid/patch-baseline-snapshot/AMAZON_LINUX_2-" + snapshotId, snap.SnapshotDownloadUrl, StringComparison.Ordinal);
        Assert.Contains("PatchLab-serves-no-S3", snap.SnapshotDownloadUrl, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.GetDeployablePatchSnapshotForInstanceAsync(
            new GetDeployablePatchSnapshotForInstanceRequest { InstanceId = "i-0123456789abcdef0", SnapshotId = snapshotId }));
        Assert.Equal("InvalidInstanceId", unknown.ErrorCode);
        var badSnapshot = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.GetDeployablePatchSnapshotForInstanceAsync(
            new GetDeployablePatchSnapshotForInstanceRequest { InstanceId = id, SnapshotId = Raw("not-a-uuid-but-36-characters-long-xx") }));
        Assert.Equal("ValidationException", badSnapshot.ErrorCode);
        Assert.Contains("at 'snapshotId' failed to satisfy constraint: Member must satisfy regular expression pattern", badSnapshot.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDeployablePatchSnapshotForInstance_ValidatesABaselineOverride()
    {
        var id = Wire.WireFormat.HexId("i-");
        _emu.Get<InstanceRepository>().Insert(new Instance { InstanceId = id, Os = "AmazonLinux2", TokenHash = "x", State = "running", LaunchedAt = DateTimeOffset.UnixEpoch });

        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.GetDeployablePatchSnapshotForInstanceAsync(
            new GetDeployablePatchSnapshotForInstanceRequest
            {
                InstanceId = id, SnapshotId = Guid.NewGuid().ToString(),
                BaselineOverride = new BaselineOverride
                {
                    OperatingSystem = OperatingSystem.AMAZON_LINUX_2,
                    ApprovalRules = new PatchRuleGroup
                    {
                        PatchRules = [new PatchRule { PatchFilterGroup = new PatchFilterGroup { PatchFilters = [new PatchFilter { Key = PatchFilterKey.MSRC_SEVERITY, Values = ["Critical"] }] }, ApproveAfterDays = 0 }],
                    },
                },
            }));
        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.Contains("Invalid Filter Key: MSRC_SEVERITY for OperatingSystem: AMAZON_LINUX_2", e.Message, StringComparison.Ordinal);
    }
}
