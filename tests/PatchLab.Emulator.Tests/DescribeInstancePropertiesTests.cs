using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Domain.Model;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// DescribeInstanceProperties (issue 8) through the real AWS SDK and boto3: the nodes DescribeInstanceInformation lists,
/// with the same values, filtered by InstancePropertyFilterList or FiltersWithOperator, paginated.
/// </summary>
public sealed class DescribeInstancePropertiesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Launch = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    /// <summary>A registered node (as its agent would register it).</summary>
    private string Node(string platform = "Linux", string agent = "3.3.0.0", string? name = null, string state = "running")
    {
        var id = Wire.WireFormat.HexId("i-");
        var tags = new Dictionary<string, string> { ["Env"] = "lab" };
        if (name is not null)
        {
            tags["Name"] = name;
        }
        var repo = _emu.Get<InstanceRepository>();
        repo.Insert(new Instance { InstanceId = id, Os = "AmazonLinux2", TokenHash = "x", State = state, LaunchedAt = Launch, Tags = tags });
        repo.Register(id, platform, platform == "Linux" ? "Amazon Linux" : "Microsoft Windows Server 2022 Datacenter", platform == "Linux" ? "2" : "10.0.20348",
            agent, "host-" + id[^4..], Launch.AddMinutes(1), boot: true);
        return id;
    }

    [Fact]
    public async Task DescribeInstanceProperties_ListsTheNodesOfDescribeInstanceInformation_WithTheSameValues()
    {
        var web = Node(name: "web-1");
        Node(platform: "Windows");
        Node(state: "stopped"); // left out, as by DescribeInstanceInformation

        var props = (await _emu.Ssm.DescribeInstancePropertiesAsync(new DescribeInstancePropertiesRequest())).InstanceProperties;
        var info = (await _emu.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList;

        Assert.Equal(info.Select(i => i.InstanceId).Order(StringComparer.Ordinal), props.Select(p => p.InstanceId).Order(StringComparer.Ordinal));
        foreach (var p in props)
        {
            var i = info.Single(x => x.InstanceId == p.InstanceId);
            Assert.Equal((i.PingStatus.Value, i.AgentVersion, i.PlatformType.Value, i.PlatformName, i.PlatformVersion, i.ComputerName, i.ResourceType.Value, i.SourceId),
                (p.PingStatus.Value, p.AgentVersion, p.PlatformType.Value, p.PlatformName, p.PlatformVersion, p.ComputerName, p.ResourceType, p.SourceId));
            Assert.Equal(i.RegistrationDate, p.RegistrationDate);
            Assert.Equal(i.LastPingDateTime, p.LastPingDateTime);
        }
        var w = props.Single(p => p.InstanceId == web);
        Assert.Equal(("web-1", "running", "AWS::EC2::Instance"), (w.Name, w.InstanceState, w.SourceType.Value));
        Assert.Equal(Launch.UtcDateTime, w.LaunchTime);
    }

    [Theory]
    // Legacy key/valueSet filters (the model's key enum).
    [InlineData("legacy", "PlatformTypes", "Windows", "Equal", "win")]
    [InlineData("legacy", "AgentVersion", "3.2.0.0", "Equal", "old")]
    // FiltersWithOperator: tags, prefixes, version comparison.
    [InlineData("operator", "tag:Name", "web-1", "Equal", "web")]
    [InlineData("operator", "tag-key", "Name", "Equal", "web")]
    [InlineData("operator", "AgentVersion", "3.3.0.0", "LessThan", "old")]
    [InlineData("operator", "PlatformTypes", "Linux", "NotEqual", "win")]
    [InlineData("operator", "AgentVersion", "3.2", "BeginWith", "old")]
    // No node has an association: NotEqual matches every node, Equal none.
    [InlineData("operator", "AssociationStatus", "Failed", "Equal", "")]
    public async Task DescribeInstanceProperties_Filters(string form, string key, string value, string op, string expected)
    {
        var ids = new Dictionary<string, string>
        {
            ["web"] = Node(name: "web-1"), ["win"] = Node(platform: "Windows"), ["old"] = Node(agent: "3.2.0.0"),
        };
        var request = form == "legacy"
            ? new DescribeInstancePropertiesRequest { InstancePropertyFilterList = [new InstancePropertyFilter { Key = key, ValueSet = [value] }] }
            : new DescribeInstancePropertiesRequest { FiltersWithOperator = [new InstancePropertyStringFilter { Key = key, Values = [value], Operator = op }] };

        var found = (await _emu.Ssm.DescribeInstancePropertiesAsync(request)).InstanceProperties.Select(p => p.InstanceId).ToList();

        Assert.Equal(expected.Length == 0 ? [] : [ids[expected]], found);
    }

    [Fact]
    public async Task DescribeInstanceProperties_Paginates_WithMaxResultsFromFive()
    {
        var all = Enumerable.Range(0, 7).Select(_ => Node()).Order(StringComparer.Ordinal).ToList();

        var first = await _emu.Ssm.DescribeInstancePropertiesAsync(new DescribeInstancePropertiesRequest { MaxResults = 5 });
        var second = await _emu.Ssm.DescribeInstancePropertiesAsync(new DescribeInstancePropertiesRequest { MaxResults = 5, NextToken = first.NextToken });

        Assert.Equal(5, first.InstanceProperties.Count);
        Assert.Null(second.NextToken);
        // Every node once, in DescribeInstanceInformation's order.
        var info = (await _emu.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 50 })).InstanceInformationList;
        Assert.Equal(info.Select(i => i.InstanceId), first.InstanceProperties.Concat(second.InstanceProperties).Select(p => p.InstanceId));
        Assert.Equal(all, info.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        var belowMinimum = first.InstanceProperties.Count - 1; // 4: the SDK's analyzer refuses the literal, the service must too
        var e = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() =>
            _emu.Ssm.DescribeInstancePropertiesAsync(new DescribeInstancePropertiesRequest { MaxResults = belowMinimum }));
        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.Contains("Value '4' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 5", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PingStatus", "Sleeping", "InvalidInstancePropertyFilterValue", "'Sleeping' is not a valid PingStatus value. Valid values: Online, ConnectionLost, Inactive.")]
    [InlineData("Color", "red", "InvalidFilterKey", "Filter key 'Color' is not supported. Valid keys: InstanceIds")]
    [InlineData("ActivationIds", "11111111-2222-3333-4444-555555555555", "InvalidActivationId", "PatchLab has no hybrid activations")]
    [InlineData("DocumentName", "My-Doc", "InvalidDocument", "Document My-Doc does not exist")]
    [InlineData("InstanceIds", "i-00000000000000000", "InvalidInstanceId", "i-00000000000000000 are not managed nodes")]
    public async Task DescribeInstanceProperties_RefusesBadFilters_WithTheDeclaredError(string key, string value, string code, string message)
    {
        Node();
        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.DescribeInstancePropertiesAsync(new DescribeInstancePropertiesRequest
        {
            FiltersWithOperator = [new InstancePropertyStringFilter { Key = key, Values = [value] }],
        }));
        Assert.Equal(code, e.ErrorCode);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeInstanceProperties_RefusesBothFilterLists_AndAnUnknownLegacyKey_WithValidationException()
    {
        var both = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.DescribeInstancePropertiesAsync(new DescribeInstancePropertiesRequest
        {
            InstancePropertyFilterList = [new InstancePropertyFilter { Key = "PingStatus", ValueSet = ["Online"] }],
            FiltersWithOperator = [new InstancePropertyStringFilter { Key = "PingStatus", Values = ["Online"] }],
        }));
        Assert.Equal(("ValidationException", "Use either InstancePropertyFilterList or FiltersWithOperator, not both."), (both.ErrorCode, both.Message));

        var legacy = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.DescribeInstancePropertiesAsync(new DescribeInstancePropertiesRequest
        {
            InstancePropertyFilterList = [new InstancePropertyFilter { Key = "tag:Name", ValueSet = ["web-1"] }],
        }));
        Assert.Equal("ValidationException", legacy.ErrorCode);
        Assert.Contains("Value 'tag:Name' at 'instancePropertyFilterList.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [InstanceIds, AgentVersion", legacy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boto3_DescribeInstanceProperties_PaginatesWithItsPaginator()
    {
        var all = Enumerable.Range(0, 6).Select(_ => Node()).Order(StringComparer.Ordinal).ToList();
        const string script = """
            import sys, boto3
            c = boto3.client("ssm", endpoint_url=sys.argv[1], region_name="us-east-1")
            pages = list(c.get_paginator("describe_instance_properties").paginate(PaginationConfig={"PageSize": 5}))
            print(len(pages), " ".join(sorted(p["InstanceId"] for page in pages for p in page["InstanceProperties"])))
            """;
        var (exit, stdout, stderr) = await CliRunner.RunAsync("python3", ["-c", script, _emu.Endpoint.ToString()], CliRunner.AwsEnvironment());

        Assert.True(exit == 0, stderr);
        Assert.Equal("2 " + string.Join(" ", all), stdout.Trim());
    }
}
