using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Domain.Model;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Patch compliance through the real AWS SDK: by patch group, per patch (DescribeInstancePatches filters) and through the
/// Compliance API for ComplianceType Patch (reference 6). Each test seeds its own nodes and reports.
/// </summary>
public sealed class ComplianceApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Scan = new(2025, 10, 12, 3, 0, 0, TimeSpan.Zero);
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static InstancePatch P(string id, string kb, string state, string classification = "Security", string severity = "Important", string level = "UNSPECIFIED") => new()
    {
        InstanceId = id, KBId = kb, Title = kb + ":0:1.0-1.amzn2", Classification = classification, Severity = severity, State = state,
        InstalledTime = state == "Missing" ? null : Scan.AddDays(-30), CveIds = state == "Missing" ? ["CVE-2025-0001"] : [], ComplianceLevel = level,
    };

    /// <summary>A node in <paramref name="group"/> that reported these patches from a Scan.</summary>
    private string Seed(string group, params (string Kb, string State, string Level)[] patches)
    {
        var id = Wire.WireFormat.HexId("i-");
        _emu.Get<InstanceRepository>().Insert(new Instance
        {
            InstanceId = id, Os = "AmazonLinux2", TokenHash = "x", State = "running", LaunchedAt = DateTimeOffset.UnixEpoch,
            Tags = group.Length > 0 ? new Dictionary<string, string> { ["PatchGroup"] = group } : new Dictionary<string, string>(),
        });
        var rows = patches.Select(p => P(id, p.Kb, p.State, level: p.Level)).ToList();
        int Count(string s) => rows.Count(r => r.State == s);
        _emu.Get<ComplianceRepository>().Replace(new PatchState
        {
            InstanceId = id, PatchGroup = group, BaselineId = "pb-0123456789abcdef0", SnapshotId = Guid.NewGuid().ToString(), Installed = Count("Installed"),
            InstalledOther = Count("InstalledOther"), Missing = Count("Missing"), Failed = Count("Failed"), InstalledRejected = Count("InstalledRejected"),
            InstalledPendingReboot = Count("InstalledPendingReboot"), UnreportedNotApplicable = 0, Operation = "Scan", OperationStartTime = Scan,
            OperationEndTime = Scan.AddMinutes(1), RebootOption = "RebootIfNeeded", CommandId = Guid.NewGuid().ToString(),
            CriticalNonCompliant = rows.Count(r => r.State == "Missing" && r.ComplianceLevel == "CRITICAL"),
            SecurityNonCompliant = rows.Count(r => r.State == "Missing" && r.ComplianceLevel != "CRITICAL"),
        }, rows);
        return id;
    }

    private static string Group() => "Grp-" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    // Key=MissingCount,Type=GreaterThan,Values=1 (the CLI example) and the other three comparison types.
    [InlineData("MissingCount", "GreaterThan", "1", "b")]
    [InlineData("InstalledCount", "LessThan", "1", "b")]
    [InlineData("InstalledCount", "Equal", "2", "a")]
    [InlineData("FailedCount", "NotEqual", "0", "c")]
    public async Task DescribeInstancePatchStatesForPatchGroup_FiltersOnCountFields(string key, string type, string value, string expected)
    {
        var group = Group();
        var ids = new Dictionary<string, string>
        {
            ["a"] = Seed(group, ("bash.x86_64", "Installed", "UNSPECIFIED"), ("curl.x86_64", "Installed", "UNSPECIFIED")),
            ["b"] = Seed(group, ("bash.x86_64", "Missing", "UNSPECIFIED"), ("curl.x86_64", "Missing", "CRITICAL")),
            ["c"] = Seed(group, ("bash.x86_64", "Failed", "UNSPECIFIED"), ("curl.x86_64", "Installed", "UNSPECIFIED")),
        };
        Seed(Group(), ("bash.x86_64", "Missing", "UNSPECIFIED"), ("curl.x86_64", "Missing", "UNSPECIFIED")); // another group

        var resp = await _emu.Ssm.DescribeInstancePatchStatesForPatchGroupAsync(new DescribeInstancePatchStatesForPatchGroupRequest
        {
            PatchGroup = group, Filters = [new InstancePatchStateFilter { Key = key, Type = type, Values = [value] }],
        });

        var state = Assert.Single(resp.InstancePatchStates);
        Assert.Equal(ids[expected], state.InstanceId);
        Assert.Equal((group, "pb-0123456789abcdef0", "Scan", ""), (state.PatchGroup, state.BaselineId, state.Operation.Value, state.OwnerInformation));
        var all = await _emu.Ssm.DescribeInstancePatchStatesForPatchGroupAsync(new DescribeInstancePatchStatesForPatchGroupRequest { PatchGroup = group });
        Assert.Equal(3, all.InstancePatchStates.Count);
    }

    [Theory]
    [InlineData("ColorCount", "1", "Filter key 'ColorCount' is not valid. Valid keys: InstalledCount")]
    [InlineData("MissingCount", "many", "Filter MissingCount needs one integer value")]
    public async Task DescribeInstancePatchStatesForPatchGroup_RefusesBadFilters_WithInvalidFilter(string key, string value, string expected)
    {
        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.DescribeInstancePatchStatesForPatchGroupAsync(
            new DescribeInstancePatchStatesForPatchGroupRequest
            {
                PatchGroup = "Any", Filters = [new InstancePatchStateFilter { Key = key, Type = InstancePatchStateOperatorType.Equal, Values = [value] }],
            }));
        Assert.Equal("InvalidFilter", e.ErrorCode);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribePatchGroupState_CountsNodesWithEachKindOfPatch()
    {
        var group = Group();
        Seed(group, ("bash.x86_64", "Installed", "UNSPECIFIED"), ("kernel.x86_64", "InstalledPendingReboot", "UNSPECIFIED"));
        Seed(group, ("bash.x86_64", "Missing", "CRITICAL"), ("zlib.x86_64", "InstalledOther", "UNSPECIFIED"));
        Seed(group, ("bash.x86_64", "InstalledRejected", "UNSPECIFIED"), ("curl.x86_64", "Failed", "UNSPECIFIED"));

        var s = await _emu.Ssm.DescribePatchGroupStateAsync(new DescribePatchGroupStateRequest { PatchGroup = group });

        Assert.Equal(3, s.Instances);
        Assert.Equal((1, 1, 1, 1, 1, 1), (s.InstancesWithInstalledPatches, s.InstancesWithInstalledPendingRebootPatches, s.InstancesWithMissingPatches,
            s.InstancesWithInstalledOtherPatches, s.InstancesWithInstalledRejectedPatches, s.InstancesWithFailedPatches));
        Assert.Equal(1, s.InstancesWithCriticalNonCompliantPatches);
        var empty = await _emu.Ssm.DescribePatchGroupStateAsync(new DescribePatchGroupStateRequest { PatchGroup = Group() });
        Assert.Equal(0, empty.Instances);
    }

    [Fact]
    public async Task DescribeInstancePatches_FiltersOnStateClassificationSeverityAndKbId_InEitherStateSpelling()
    {
        var id = Seed("", ("bash.x86_64", "Missing", "UNSPECIFIED"), ("curl.x86_64", "Installed", "UNSPECIFIED"), ("zlib.x86_64", "InstalledOther", "UNSPECIFIED"));

        async Task<List<PatchComplianceData>> PatchesAsync(string key, params string[] values) =>
            (await _emu.Ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest { InstanceId = id, Filters = [new PatchOrchestratorFilter { Key = key, Values = [.. values] }] })).Patches;

        var missing = Assert.Single(await PatchesAsync("State", "Missing"));
        Assert.Equal(("bash.x86_64", "CVE-2025-0001", DateTime.UnixEpoch), (missing.KBId, missing.CVEIds, missing.InstalledTime!.Value.ToUniversalTime()));
        Assert.Equal(["curl.x86_64", "zlib.x86_64"], (await PatchesAsync("State", "INSTALLED", "INSTALLED_OTHER")).Select(p => p.KBId));
        Assert.Null((await PatchesAsync("KBId", "curl.x86_64"))[0].CVEIds);
        Assert.Equal(3, (await PatchesAsync("Classification", "Security")).Count);
        Assert.Empty(await PatchesAsync("Severity", "Critical"));
        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => PatchesAsync("Colour", "red"));
        Assert.Equal("InvalidFilter", e.ErrorCode);
    }

    [Fact]
    public async Task ListComplianceItems_HasOneItemPerPatch_WithStatusSeverityAndDetails()
    {
        var id = Seed("Web", ("bash.x86_64", "Missing", "CRITICAL"), ("curl.x86_64", "Installed", "UNSPECIFIED"), ("kernel.x86_64", "InstalledPendingReboot", "HIGH"));
        Seed("Web", ("bash.x86_64", "Installed", "UNSPECIFIED")); // another node

        var items = (await _emu.Ssm.ListComplianceItemsAsync(new ListComplianceItemsRequest { ResourceIds = [id], ResourceTypes = ["ManagedInstance"] })).ComplianceItems;

        Assert.Equal(3, items.Count);
        var bash = items.Single(i => i.Id == "bash.x86_64");
        Assert.Equal(("Patch", "ManagedInstance", id, "NON_COMPLIANT", "CRITICAL"), (bash.ComplianceType, bash.ResourceType, bash.ResourceId, bash.Status.Value, bash.Severity.Value));
        Assert.Equal(("Missing", "Web", "pb-0123456789abcdef0", "Security"), (bash.Details["PatchState"], bash.Details["PatchGroup"], bash.Details["PatchBaselineId"], bash.Details["Classification"]));
        Assert.Equal("CVE-2025-0001", bash.Details["CVEIds"]);
        Assert.Equal("Command", bash.ExecutionSummary.ExecutionType);
        Assert.Equal(Scan.AddMinutes(1).UtcDateTime, bash.ExecutionSummary.ExecutionTime!.Value.ToUniversalTime());
        Assert.Equal("COMPLIANT", items.Single(i => i.Id == "curl.x86_64").Status.Value);
        Assert.Equal("NON_COMPLIANT", items.Single(i => i.Id == "kernel.x86_64").Status.Value);

        var nonCompliant = await _emu.Ssm.ListComplianceItemsAsync(new ListComplianceItemsRequest
        {
            ResourceIds = [id], ResourceTypes = ["ManagedInstance"],
            Filters =
            [
                new ComplianceStringFilter { Key = "Status", Values = ["NON_COMPLIANT"], Type = ComplianceQueryOperatorType.EQUAL },
                new ComplianceStringFilter { Key = "Id", Values = ["ker"], Type = ComplianceQueryOperatorType.BEGIN_WITH },
                new ComplianceStringFilter { Key = "ExecutionTime", Values = ["2025-10-12T00:00:00Z"], Type = ComplianceQueryOperatorType.GREATER_THAN },
            ],
        });
        Assert.Equal("kernel.x86_64", Assert.Single(nonCompliant.ComplianceItems).Id);

        var type = await Assert.ThrowsAsync<InvalidResourceTypeException>(() => _emu.Ssm.ListComplianceItemsAsync(
            new ListComplianceItemsRequest { ResourceIds = [id], ResourceTypes = ["Document"] }));
        Assert.Contains("ManagedInstance", type.Message, StringComparison.Ordinal);
        var filter = await Assert.ThrowsAsync<InvalidFilterException>(() => _emu.Ssm.ListComplianceItemsAsync(new ListComplianceItemsRequest
        {
            ResourceIds = [id], Filters = [new ComplianceStringFilter { Key = "Colour", Values = ["red"], Type = ComplianceQueryOperatorType.EQUAL }],
        }));
        Assert.Contains("Valid keys: ComplianceType, Status", filter.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListResourceComplianceSummaries_CountsItemsBySeverity_AndGivesTheWorstNonCompliantSeverity()
    {
        var bad = Seed("", ("bash.x86_64", "Missing", "HIGH"), ("curl.x86_64", "Failed", "CRITICAL"), ("zlib.x86_64", "Installed", "UNSPECIFIED"));
        var good = Seed("", ("bash.x86_64", "Installed", "UNSPECIFIED"), ("zlib.x86_64", "InstalledOther", "UNSPECIFIED"));

        var all = (await _emu.Ssm.ListResourceComplianceSummariesAsync(new ListResourceComplianceSummariesRequest
        {
            Filters = [new ComplianceStringFilter { Key = "ComplianceType", Values = ["Patch"], Type = ComplianceQueryOperatorType.EQUAL }], MaxResults = 50,
        })).ResourceComplianceSummaryItems.ToDictionary(i => i.ResourceId);

        Assert.Equal(("NON_COMPLIANT", "CRITICAL"), (all[bad].Status.Value, all[bad].OverallSeverity.Value));
        Assert.Equal((1, 1, 1), (all[bad].CompliantSummary.CompliantCount, all[bad].NonCompliantSummary.SeveritySummary.CriticalCount, all[bad].NonCompliantSummary.SeveritySummary.HighCount));
        Assert.Equal(2, all[bad].NonCompliantSummary.NonCompliantCount);
        Assert.Equal(("COMPLIANT", "UNSPECIFIED", 2), (all[good].Status.Value, all[good].OverallSeverity.Value, all[good].CompliantSummary.SeveritySummary.UnspecifiedCount));
        Assert.Equal("Command", all[good].ExecutionSummary.ExecutionType);

        var onlyBad = await _emu.Ssm.ListResourceComplianceSummariesAsync(new ListResourceComplianceSummariesRequest
        {
            Filters = [new ComplianceStringFilter { Key = "OverallSeverity", Values = ["CRITICAL"], Type = ComplianceQueryOperatorType.EQUAL }],
        });
        Assert.Equal(bad, Assert.Single(onlyBad.ResourceComplianceSummaryItems).ResourceId);
    }

    [Fact]
    public async Task ListComplianceSummaries_CountsNodes_CompliantUnderUnspecified_NonCompliantUnderTheirWorstSeverity()
    {
        var empty = await _emu.Ssm.ListComplianceSummariesAsync(new ListComplianceSummariesRequest());
        Assert.Empty(empty.ComplianceSummaryItems);
        Seed("", ("bash.x86_64", "Missing", "CRITICAL"));
        Seed("", ("bash.x86_64", "Installed", "UNSPECIFIED"));
        Seed("", ("bash.x86_64", "Installed", "UNSPECIFIED"));

        var summary = Assert.Single((await _emu.Ssm.ListComplianceSummariesAsync(new ListComplianceSummariesRequest
        {
            Filters = [new ComplianceStringFilter { Key = "ComplianceType", Values = ["Patch"], Type = ComplianceQueryOperatorType.EQUAL }],
        })).ComplianceSummaryItems);

        Assert.Equal("Patch", summary.ComplianceType);
        Assert.Equal((2, 2), (summary.CompliantSummary.CompliantCount, summary.CompliantSummary.SeveritySummary.UnspecifiedCount));
        Assert.Equal((1, 1), (summary.NonCompliantSummary.NonCompliantCount, summary.NonCompliantSummary.SeveritySummary.CriticalCount));
        var association = await _emu.Ssm.ListComplianceSummariesAsync(new ListComplianceSummariesRequest
        {
            Filters = [new ComplianceStringFilter { Key = "ComplianceType", Values = ["Association"], Type = ComplianceQueryOperatorType.EQUAL }],
        });
        Assert.Empty(association.ComplianceSummaryItems);
    }
}
