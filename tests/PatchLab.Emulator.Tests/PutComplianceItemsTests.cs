using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Domain.Model;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// PutComplianceItems (issue 8) through the real AWS SDK, the AWS CLI and boto3: custom types show up in ListComplianceItems,
/// ListResourceComplianceSummaries and ListComplianceSummaries next to Patch; COMPLETE replaces, PARTIAL merges association
/// items, a matching ItemContentHash is ignored, Patch is replaced until the next patch report. Each test seeds its own node.
/// </summary>
public sealed class PutComplianceItemsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Scan = new(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    /// <summary>A node; with <paramref name="patchReport"/>, one Missing (CRITICAL) and one Installed patch from a scan.</summary>
    private string Node(bool patchReport = false, string state = "running")
    {
        var id = Wire.WireFormat.HexId("i-");
        _emu.Get<InstanceRepository>().Insert(new Instance { InstanceId = id, Os = "AmazonLinux2", TokenHash = "x", State = state, LaunchedAt = Scan.AddDays(-9) });
        if (patchReport)
        {
            ReportPatches(id, "openssl");
        }
        return id;
    }

    private void ReportPatches(string id, string missingKb) => _emu.Get<ComplianceRepository>().Replace(new PatchState
    {
        InstanceId = id, BaselineId = "pb-0123456789abcdef0", Installed = 1, Missing = 1, UnreportedNotApplicable = 0, OperationStartTime = Scan,
        OperationEndTime = Scan.AddMinutes(1), CommandId = Guid.NewGuid().ToString(), CriticalNonCompliant = 1,
    },
    [
        new() { InstanceId = id, KBId = missingKb, Title = missingKb, Classification = "Security", Severity = "Critical", State = "Missing", ComplianceLevel = "CRITICAL" },
        new() { InstanceId = id, KBId = "sudo", Title = "sudo", Classification = "Security", Severity = "Important", State = "Installed", InstalledTime = Scan, ComplianceLevel = "UNSPECIFIED" },
    ]);

    private static ComplianceItemEntry Item(string id, string status, string severity = "HIGH", Dictionary<string, string>? details = null) => new()
    {
        Id = id, Title = "check " + id, Status = status, Severity = severity, Details = details ?? new Dictionary<string, string>(),
    };

    private Task<PutComplianceItemsResponse> PutAsync(string node, string type, params ComplianceItemEntry[] items) =>
        _emu.Ssm.PutComplianceItemsAsync(new PutComplianceItemsRequest
        {
            ResourceId = node, ResourceType = "ManagedInstance", ComplianceType = type, Items = [.. items],
            ExecutionSummary = new ComplianceExecutionSummary { ExecutionTime = Scan.AddHours(1).UtcDateTime, ExecutionId = "av-run-1", ExecutionType = "Command" },
        });

    private async Task<List<ComplianceItem>> ItemsAsync(string node, string? type = null) =>
        (await _emu.Ssm.ListComplianceItemsAsync(new ListComplianceItemsRequest
        {
            ResourceIds = [node], MaxResults = 50,
            Filters = type is null ? null : [new ComplianceStringFilter { Key = "ComplianceType", Values = [type], Type = ComplianceQueryOperatorType.EQUAL }],
        })).ComplianceItems;

    [Fact]
    public async Task PutComplianceItems_CustomType_IsListedByAllThreeComplianceOperations_NextToPatch()
    {
        var node = Node(patchReport: true);
        var type = "Custom:AV" + Guid.NewGuid().ToString("N")[..8];

        await PutAsync(node, type, Item("scan", "NON_COMPLIANT", "HIGH", new() { ["Engine"] = "clam" }), Item("defs", "COMPLIANT", "LOW"));

        var items = await ItemsAsync(node);
        Assert.Equal([(type, "defs"), (type, "scan"), ("Patch", "openssl"), ("Patch", "sudo")],
            items.Select(i => (i.ComplianceType, i.Id)).OrderBy(x => x.Item1 == "Patch").ThenBy(x => x.Item2, StringComparer.Ordinal).ToList());
        var scan = items.Single(i => i.Id == "scan");
        Assert.Equal((node, "ManagedInstance", "check scan", "NON_COMPLIANT", "HIGH"), (scan.ResourceId, scan.ResourceType, scan.Title, scan.Status.Value, scan.Severity.Value));
        Assert.Equal(("av-run-1", "Command", Scan.AddHours(1).UtcDateTime), (scan.ExecutionSummary.ExecutionId, scan.ExecutionSummary.ExecutionType, scan.ExecutionSummary.ExecutionTime));
        Assert.Equal("clam", scan.Details["Engine"]);

        var summaries = (await _emu.Ssm.ListResourceComplianceSummariesAsync(new ListResourceComplianceSummariesRequest
        {
            Filters = [new ComplianceStringFilter { Key = "ResourceId", Values = [node] }],
        })).ResourceComplianceSummaryItems;
        var custom = Assert.Single(summaries, s => s.ComplianceType == type);
        Assert.Equal(("NON_COMPLIANT", "HIGH", 1, 1), (custom.Status.Value, custom.OverallSeverity.Value, custom.CompliantSummary.CompliantCount, custom.NonCompliantSummary.NonCompliantCount));
        Assert.Equal((1, 1), (custom.NonCompliantSummary.SeveritySummary.HighCount, custom.CompliantSummary.SeveritySummary.LowCount));
        Assert.Single(summaries, s => s.ComplianceType == "Patch");

        var byType = (await _emu.Ssm.ListComplianceSummariesAsync(new ListComplianceSummariesRequest
        {
            Filters = [new ComplianceStringFilter { Key = "ComplianceType", Values = [type] }],
        })).ComplianceSummaryItems;
        var row = Assert.Single(byType);
        Assert.Equal((type, 0, 1, 1), (row.ComplianceType, row.CompliantSummary.CompliantCount, row.NonCompliantSummary.NonCompliantCount, row.NonCompliantSummary.SeveritySummary.HighCount));
    }

    [Fact]
    public async Task PutComplianceItems_Complete_ReplacesTheTypesItems_AndAnEmptyListClearsThem()
    {
        var node = Node();
        await PutAsync(node, "Custom:Baseline", Item("a", "NON_COMPLIANT"), Item("b", "NON_COMPLIANT"));
        await PutAsync(node, "Custom:Baseline", Item("c", "COMPLIANT"));

        Assert.Equal(["c"], (await ItemsAsync(node, "Custom:Baseline")).Select(i => i.Id));
        await PutAsync(node, "Custom:Baseline");
        Assert.Empty(await ItemsAsync(node, "Custom:Baseline"));
    }

    [Fact]
    public async Task PutComplianceItems_IsIgnored_WhenTheItemContentHashMatchesTheStoredOne()
    {
        var node = Node();
        async Task PutHashedAsync(string hash, string id) => await _emu.Ssm.PutComplianceItemsAsync(new PutComplianceItemsRequest
        {
            ResourceId = node, ResourceType = "ManagedInstance", ComplianceType = "Custom:Hashed", ItemContentHash = hash, Items = [Item(id, "COMPLIANT")],
            ExecutionSummary = new ComplianceExecutionSummary { ExecutionTime = Scan.UtcDateTime },
        });

        await PutHashedAsync("h1", "first");
        await PutHashedAsync("h1", "second"); // same hash: ignored
        Assert.Equal(["first"], (await ItemsAsync(node, "Custom:Hashed")).Select(i => i.Id));
        await PutHashedAsync("h2", "third");
        Assert.Equal(["third"], (await ItemsAsync(node, "Custom:Hashed")).Select(i => i.Id));
    }

    [Fact]
    public async Task PutComplianceItems_PartialAssociation_ReplacesOnlyTheItemsItSends()
    {
        var node = Node();
        await PutAsync(node, "Association", Item("assoc-1", "COMPLIANT"), Item("assoc-2", "COMPLIANT"));

        await _emu.Ssm.PutComplianceItemsAsync(new PutComplianceItemsRequest
        {
            ResourceId = node, ResourceType = "ManagedInstance", ComplianceType = "Association", UploadType = ComplianceUploadType.PARTIAL,
            Items = [Item("assoc-2", "NON_COMPLIANT", "CRITICAL")], ExecutionSummary = new ComplianceExecutionSummary { ExecutionTime = Scan.UtcDateTime },
        });

        var items = await ItemsAsync(node, "Association");
        Assert.Equal([("assoc-1", "COMPLIANT"), ("assoc-2", "NON_COMPLIANT")], items.Select(i => (i.Id, i.Status.Value)).OrderBy(x => x.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task PutComplianceItems_Patch_ReplacesTheComplianceApisPatchItems_UntilTheNextPatchReport()
    {
        var node = Node(patchReport: true);

        await PutAsync(node, "Patch", Item("KB5034441", "NON_COMPLIANT", "CRITICAL", new() { ["PatchState"] = "Missing" }));

        Assert.Equal(["KB5034441"], (await ItemsAsync(node, "Patch")).Select(i => i.Id));
        // Patch Manager's own view keeps the patch report.
        var state = Assert.Single((await _emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [node] })).InstancePatchStates);
        Assert.Equal(1, state.MissingCount);
        // A filter on a Patch detail key matches the put item's Details.
        var filtered = await _emu.Ssm.ListComplianceItemsAsync(new ListComplianceItemsRequest
        {
            ResourceIds = [node], Filters = [new ComplianceStringFilter { Key = "PatchState", Values = ["Missing"], Type = ComplianceQueryOperatorType.EQUAL }],
        });
        Assert.Equal(["KB5034441"], filtered.ComplianceItems.Select(i => i.Id));

        ReportPatches(node, "curl"); // the next AWS-RunPatchBaseline run
        Assert.Equal(["curl", "sudo"], (await ItemsAsync(node, "Patch")).Select(i => i.Id));
    }

    [Fact]
    public async Task PutComplianceItems_RefusesAnEleventhCustomType_WithComplianceTypeCountLimitExceeded()
    {
        var node = Node();
        for (var i = 0; i < 10; i++)
        {
            await PutAsync(node, $"Custom:Type{i}", Item("x", "COMPLIANT"));
        }
        await PutAsync(node, "Custom:Type3", Item("y", "COMPLIANT")); // an existing type may be replaced

        var e = await Assert.ThrowsAsync<ComplianceTypeCountLimitExceededException>(() => PutAsync(node, "Custom:Type10", Item("x", "COMPLIANT")));
        Assert.Contains("the maximum is 10", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Resource checks (declared errors InvalidResourceType, InvalidResourceId).
    [InlineData("unknown-node", "ManagedInstance", "Custom:AV", "COMPLIANT", "HIGH", "InvalidResourceId", "is not a managed node of this PatchLab")]
    [InlineData("terminated", "ManagedInstance", "Custom:AV", "COMPLIANT", "HIGH", "InvalidResourceId", "ResourceId must be the instance id")]
    [InlineData("node", "Document", "Custom:AV", "COMPLIANT", "HIGH", "InvalidResourceType", "ManagedInstance is the only supported resource type")]
    // Compliance type: the model's pattern, then the names PatchLab serves [U].
    [InlineData("node", "ManagedInstance", "Custom:", "COMPLIANT", "HIGH", "ValidationException", "at 'complianceType' failed to satisfy constraint: Member must satisfy regular expression pattern")]
    [InlineData("node", "ManagedInstance", "Inventory", "COMPLIANT", "HIGH", "InvalidItemContentException", "Use Patch, Association or Custom:<name>")]
    // Item enums, in the framework's wording.
    [InlineData("node", "ManagedInstance", "Custom:AV", "PASSED", "HIGH", "ValidationException", "Value 'PASSED' at 'items.1.member.status' failed to satisfy constraint: Member must satisfy enum value set: [COMPLIANT, NON_COMPLIANT]")]
    [InlineData("node", "ManagedInstance", "Custom:AV", "COMPLIANT", "SEVERE", "ValidationException", "Member must satisfy enum value set: [CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED]")]
    public async Task PutComplianceItems_RefusesBadInput_WithTheAwsCodeAndAMessageNamingTheValidForm(
        string resource, string resourceType, string type, string status, string severity, string code, string message)
    {
        var id = resource switch { "node" => Node(), "terminated" => Node(state: "terminated"), _ => "i-00000000000000000" };

        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.PutComplianceItemsAsync(new PutComplianceItemsRequest
        {
            ResourceId = id, ResourceType = resourceType, ComplianceType = type, Items = [Item("x", status, severity)],
            ExecutionSummary = new ComplianceExecutionSummary { ExecutionTime = Scan.UtcDateTime },
        }));

        Assert.Equal(code, e.ErrorCode);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Two items with one id; PARTIAL outside association compliance [U].
    [InlineData("dup", "COMPLETE", "Custom:AV", "Item id x appears more than once")]
    [InlineData("one", "PARTIAL", "Custom:AV", "UploadType PARTIAL is only valid for ComplianceType Association")]
    public async Task PutComplianceItems_RefusesInconsistentItems_WithInvalidItemContentException(string items, string upload, string type, string message)
    {
        var node = Node();
        var e = await Assert.ThrowsAsync<InvalidItemContentException>(() => _emu.Ssm.PutComplianceItemsAsync(new PutComplianceItemsRequest
        {
            ResourceId = node, ResourceType = "ManagedInstance", ComplianceType = type, UploadType = upload,
            Items = items == "dup" ? [Item("x", "COMPLIANT"), Item("x", "NON_COMPLIANT")] : [Item("x", "COMPLIANT")],
            ExecutionSummary = new ComplianceExecutionSummary { ExecutionTime = Scan.UtcDateTime },
        }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsCli_PutsCustomCompliance_AndListsItWithListComplianceItems()
    {
        var node = Node();
        var put = await CliRunner.SsmAsync(_emu.Endpoint, "put-compliance-items", "--resource-id", node, "--resource-type", "ManagedInstance",
            "--compliance-type", "Custom:AVCheck", "--execution-summary", "ExecutionTime=2026-03-02T05:00:00Z",
            "--items", "Id=Version2.0,Title=ScanHost,Severity=CRITICAL,Status=COMPLIANT");
        Assert.True(put.Exit == 0, put.Stderr);

        var list = await CliRunner.SsmAsync(_emu.Endpoint, "list-compliance-items", "--resource-ids", node, "--resource-types", "ManagedInstance");
        Assert.True(list.Exit == 0, list.Stderr);
        using var json = JsonDocument.Parse(list.Stdout);
        var item = Assert.Single(json.RootElement.GetProperty("ComplianceItems").EnumerateArray());
        Assert.Equal(("Custom:AVCheck", "Version2.0", "COMPLIANT", "CRITICAL"),
            (item.GetProperty("ComplianceType").GetString(), item.GetProperty("Id").GetString(), item.GetProperty("Status").GetString(), item.GetProperty("Severity").GetString()));
        Assert.StartsWith("2026-03-02T05:00:00", item.GetProperty("ExecutionSummary").GetProperty("ExecutionTime").GetString(), StringComparison.Ordinal);

        var bad = await CliRunner.SsmAsync(_emu.Endpoint, "put-compliance-items", "--resource-id", node, "--resource-type", "ManagedInstance",
            "--compliance-type", "Custom:AVCheck", "--execution-summary", "ExecutionTime=2026-03-02T05:00:00Z", "--items", "Id=x,Severity=SEVERE,Status=COMPLIANT");
        Assert.Equal(254, bad.Exit);
        Assert.Contains("An error occurred (ValidationException) when calling the PutComplianceItems operation: 1 validation error detected", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boto3_PutComplianceItems_IsListedByListResourceComplianceSummaries()
    {
        var node = Node();
        const string script = """
            import sys, datetime, boto3
            c = boto3.client("ssm", endpoint_url=sys.argv[1], region_name="us-east-1")
            c.put_compliance_items(ResourceId=sys.argv[2], ResourceType="ManagedInstance", ComplianceType="Custom:Boto",
                ExecutionSummary={"ExecutionTime": datetime.datetime(2026, 3, 2, 5, 0, tzinfo=datetime.timezone.utc)},
                Items=[{"Id": "a", "Severity": "MEDIUM", "Status": "NON_COMPLIANT"}])
            s = c.list_resource_compliance_summaries(Filters=[{"Key": "ComplianceType", "Values": ["Custom:Boto"]}])["ResourceComplianceSummaryItems"]
            print(s[0]["ResourceId"], s[0]["Status"], s[0]["OverallSeverity"], s[0]["ExecutionSummary"]["ExecutionTime"].isoformat())
            """;
        var (exit, stdout, stderr) = await CliRunner.RunAsync("python3", ["-c", script, _emu.Endpoint.ToString(), node], CliRunner.AwsEnvironment());

        Assert.True(exit == 0, stderr);
        Assert.Equal($"{node} NON_COMPLIANT MEDIUM 2026-03-02T05:00:00+00:00", stdout.Trim());
    }
}
