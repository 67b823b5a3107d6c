using System.Text.Json;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>Patch baselines and patch groups driven by the real AWS CLI v2 (/usr/bin/aws), as a user would (issue 4).</summary>
public sealed class PatchBaselineCliTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private Task<(int Exit, string Stdout, string Stderr)> SsmAsync(params string[] args) => CliRunner.SsmAsync(_emu.Endpoint, args);

    private const string CriticalRules =
        """{"PatchRules":[{"PatchFilterGroup":{"PatchFilters":[{"Key":"CLASSIFICATION","Values":["Security"]},{"Key":"SEVERITY","Values":["Critical"]}]},"ApproveAfterDays":0,"ComplianceLevel":"CRITICAL"}]}""";

    [Fact]
    public async Task CreateThenGetPatchBaseline_WithTheCli_PrintsTheRulesAndIsoDates()
    {
        var created = await SsmAsync("create-patch-baseline", "--name", "Cli-Critical", "--operating-system", "AMAZON_LINUX_2",
            "--approval-rules", CriticalRules, "--rejected-patches", "kernel*", "--rejected-patches-action", "BLOCK", "--tags", "Key=Team,Value=Ops");
        Assert.True(created.Exit == 0, created.Stderr);
        var id = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("BaselineId").GetString()!;

        var got = await SsmAsync("get-patch-baseline", "--baseline-id", id);

        Assert.True(got.Exit == 0, got.Stderr);
        var b = JsonDocument.Parse(got.Stdout).RootElement;
        Assert.Equal("Cli-Critical", b.GetProperty("Name").GetString());
        Assert.Equal("BLOCK", b.GetProperty("RejectedPatchesAction").GetString());
        Assert.Equal(0, b.GetProperty("ApprovalRules").GetProperty("PatchRules")[0].GetProperty("ApproveAfterDays").GetInt32());
        Assert.Equal("[]", b.GetProperty("GlobalFilters").GetProperty("PatchFilters").GetRawText());
        // CLI v2 renders DateTime members as ISO-8601.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T", b.GetProperty("CreatedDate").GetString());
    }

    [Fact]
    public async Task CreatePatchBaseline_WithAValueTheOsDoesNotKnow_FailsWithAwsText()
    {
        var rules = CriticalRules.Replace("\"Key\":\"SEVERITY\",\"Values\":[\"Critical\"]", "\"Key\":\"PRODUCT\",\"Values\":[\"All\"]", StringComparison.Ordinal);

        var (exit, _, stderr) = await SsmAsync("create-patch-baseline", "--name", "Cli-Bad", "--operating-system", "AMAZON_LINUX", "--approval-rules", rules);

        Assert.Equal(254, exit);
        Assert.Contains("An error occurred (ValidationException) when calling the CreatePatchBaseline operation: Invalid Filter Value: All for Key: PRODUCT, valid values are: AmazonLinux2012.03",
            stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribePatchBaselines_OwnerAws_AutoPaginatesEveryPredefinedBaseline()
    {
        var (exit, stdout, stderr) = await SsmAsync("describe-patch-baselines", "--filters", "Key=OWNER,Values=AWS", "--page-size", "4");

        Assert.True(exit == 0, stderr);
        var names = JsonDocument.Parse(stdout).RootElement.GetProperty("BaselineIdentities").EnumerateArray()
            .Select(b => b.GetProperty("BaselineName").GetString()).ToList();
        Assert.Equal(Domain.Baselines.PredefinedBaselines.All.Count, names.Count);
        Assert.Contains("AWS-UbuntuDefaultPatchBaseline", names);
    }

    [Fact]
    public async Task PatchGroups_RegisterAndDescribe_WithTheCli_AndEffectivePatchesOfLinuxAreUnsupported()
    {
        var created = await SsmAsync("create-patch-baseline", "--name", "Cli-Group", "--operating-system", "AMAZON_LINUX_2", "--approval-rules", CriticalRules);
        var id = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("BaselineId").GetString()!;

        var reg = await SsmAsync("register-patch-baseline-for-patch-group", "--baseline-id", id, "--patch-group", "Web Servers");
        var groups = await SsmAsync("describe-patch-groups", "--filters", "Key=NAME_PREFIX,Values=Web");
        var effective = await SsmAsync("describe-effective-patches-for-patch-baseline", "--baseline-id", id);

        Assert.True(reg.Exit == 0, reg.Stderr);
        var mapping = JsonDocument.Parse(groups.Stdout).RootElement.GetProperty("Mappings")[0];
        Assert.Equal("Web Servers", mapping.GetProperty("PatchGroup").GetString());
        Assert.Equal(id, mapping.GetProperty("BaselineIdentity").GetProperty("BaselineId").GetString());
        Assert.Equal(254, effective.Exit);
        Assert.Contains("An error occurred (UnsupportedOperatingSystem) when calling the DescribeEffectivePatchesForPatchBaseline operation", effective.Stderr, StringComparison.Ordinal);
    }
}
