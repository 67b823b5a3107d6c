using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Golden wire files (issue 8): one scenario calls every implemented operation over raw HTTP with the JSON 1.1 protocol; each
/// normalised response is compared with fixtures/wire/&lt;Operation&gt;.json. Ids become placeholders in order of first
/// appearance (&lt;mw-1&gt;, &lt;uuid-2&gt; …) and timestamps keep only their encoding (epoch number or ISO string), so a
/// change in shape, member names, enum spellings, status, encoding or error text fails here.
/// Regenerate with PATCHLAB_UPDATE_WIRE=1 and review the diff.
/// </summary>
public sealed partial class WireGoldenTests : IAsyncLifetime
{
    private const string Node = "i-0a1b2c3d4e5f60718";
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 23, 0, 0, TimeSpan.Zero);
    private EmulatorFixture _emu = null!;
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _results = new(StringComparer.Ordinal);

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync(configure: o => o with { ClockStart = Start, Speed = 1 });

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task EveryImplementedOperation_AnswersAsItsGoldenFile()
    {
        SeedNode();
        await RunScenarioAsync();

        var implemented = _emu.Get<SsmRouter>().Implemented;
        Assert.Empty(implemented.Except(_results.Keys)); // a new operation needs a step in the scenario and a golden file
        var dir = Path.Combine(EmulatorFixture.RepoRoot(), "fixtures", "wire");
        var update = Environment.GetEnvironmentVariable("PATCHLAB_UPDATE_WIRE") == "1";
        var mismatches = new List<string>();
        foreach (var (op, actual) in _results.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(dir, op + ".json");
            var text = actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
            if (update)
            {
                Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(path, text);
            }
            else if (!File.Exists(path) || await File.ReadAllTextAsync(path) != text)
            {
                mismatches.Add($"{op}: {(File.Exists(path) ? "differs from" : "has no")} {path}; got:\n{text}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches) + "\n(regenerate with PATCHLAB_UPDATE_WIRE=1 if the change is intended)");
    }

    private void SeedNode()
    {
        _emu.Get<InstanceRepository>().Insert(new Instance
        {
            InstanceId = Node, Os = "AmazonLinux2", TokenHash = "x", State = "running", LaunchedAt = Start.AddDays(-30), ComputerName = "ip-127-0-0-9.ec2.internal",
            Tags = new Dictionary<string, string> { ["Patch Group"] = "Production", ["Name"] = "web-1" },
        });
        // Registered as its agent would (no agent runs here: its commands stay in flight).
        _emu.Get<InstanceRepository>().Register(Node, "Linux", "Amazon Linux", "2", "3.3.0.0", "ip-127-0-0-9.ec2.internal", Start.AddDays(-30), boot: true);
        var scan = Start.AddHours(-1);
        var patches = new List<InstancePatch>
        {
            new() { InstanceId = Node, KBId = "openssl", Title = "openssl:1:1.0.2k-24.amzn2.0.12", Classification = "Security", Severity = "Critical", State = "Missing", CveIds = ["CVE-2024-5535"], ComplianceLevel = "CRITICAL" },
            new() { InstanceId = Node, KBId = "sudo", Title = "sudo:0:1.8.23-10.amzn2.3.2", Classification = "Security", Severity = "Important", State = "Installed", InstalledTime = scan.AddDays(-10), ComplianceLevel = "UNSPECIFIED" },
        };
        _emu.Get<ComplianceRepository>().Replace(new PatchState
        {
            InstanceId = Node, PatchGroup = "Production", BaselineId = "pb-0123456789abcdef0", SnapshotId = "00000000-0000-4000-8000-000000000001", Installed = 1, Missing = 1,
            UnreportedNotApplicable = 0, Operation = "Scan", OperationStartTime = scan, OperationEndTime = scan.AddMinutes(1), RebootOption = "RebootIfNeeded",
            CommandId = "00000000-0000-4000-8000-000000000002", CriticalNonCompliant = 1,
        }, patches);
    }

    private async Task RunScenarioAsync()
    {
        // Maintenance windows.
        var mw = await CallAsync("CreateMaintenanceWindow", """{"Name":"Production-Weekly","Schedule":"cron(0 0 ? * SUN *)","ScheduleTimezone":"UTC","Duration":3,"Cutoff":1,"AllowUnassociatedTargets":false,"Tags":[{"Key":"Env","Value":"Production"}]}""");
        var windowId = Str(mw, "WindowId");
        await CallAsync("GetMaintenanceWindow", $$"""{"WindowId":"{{windowId}}"}""");
        await CallAsync("UpdateMaintenanceWindow", $$"""{"WindowId":"{{windowId}}","Description":"Weekly patching"}""");
        await CallAsync("DescribeMaintenanceWindows", """{"Filters":[{"Key":"Name","Values":["Production-Weekly"]}]}""");
        await CallAsync("DescribeMaintenanceWindowSchedule", $$"""{"WindowId":"{{windowId}}","MaxResults":3}""");
        var target = await CallAsync("RegisterTargetWithMaintenanceWindow", $$"""{"WindowId":"{{windowId}}","ResourceType":"INSTANCE","Targets":[{"Key":"tag:Patch Group","Values":["Production"]}],"Name":"prod"}""");
        var targetId = Str(target, "WindowTargetId");
        await CallAsync("UpdateMaintenanceWindowTarget", $$"""{"WindowId":"{{windowId}}","WindowTargetId":"{{targetId}}","OwnerInformation":"ops"}""");
        await CallAsync("DescribeMaintenanceWindowTargets", $$"""{"WindowId":"{{windowId}}"}""");
        await CallAsync("DescribeMaintenanceWindowsForTarget", $$"""{"Targets":[{"Key":"InstanceIds","Values":["{{Node}}"]}],"ResourceType":"INSTANCE"}""");
        var task = await CallAsync("RegisterTaskWithMaintenanceWindow", "{\"WindowId\":\"" + windowId + "\",\"TaskType\":\"RUN_COMMAND\",\"TaskArn\":\"AWS-RunPatchBaseline\",\"Priority\":1,\"MaxConcurrency\":\"1\",\"MaxErrors\":\"0\",\"Targets\":[{\"Key\":\"WindowTargetIds\",\"Values\":[\"" + targetId + "\"]}],\"TaskInvocationParameters\":{\"RunCommand\":{\"Parameters\":{\"Operation\":[\"Install\"]},\"TimeoutSeconds\":600}}}");
        var taskId = Str(task, "WindowTaskId");
        await CallAsync("GetMaintenanceWindowTask", $$"""{"WindowId":"{{windowId}}","WindowTaskId":"{{taskId}}"}""");
        await CallAsync("UpdateMaintenanceWindowTask", $$"""{"WindowId":"{{windowId}}","WindowTaskId":"{{taskId}}","Priority":2}""");
        await CallAsync("DescribeMaintenanceWindowTasks", $$"""{"WindowId":"{{windowId}}"}""");

        // An execution: jump to the window's next run; the node has no agent, so its invocation stays in flight.
        await _emu.Lab.JumpToNextExecutionAsync(windowId, CancellationToken.None);
        var executionId = await WindowKit.WaitForAsync(async () =>
        {
            var json = await RawAsync("DescribeMaintenanceWindowExecutions", $$"""{"WindowId":"{{windowId}}"}""");
            var list = json["WindowExecutions"]!.AsArray();
            return list.Count > 0 ? Str(list[0]!, "WindowExecutionId") : null;
        }, "the window to fire");
        var taskExecutionId = await WindowKit.WaitForAsync(async () =>
        {
            var tasks = await RawAsync("DescribeMaintenanceWindowExecutionTasks", $$"""{"WindowExecutionId":"{{executionId}}"}""");
            var list = tasks["WindowExecutionTaskIdentities"]!.AsArray();
            if (list.Count == 0)
            {
                return null;
            }
            var id = Str(list[0]!, "TaskExecutionId");
            var invocations = await RawAsync("DescribeMaintenanceWindowExecutionTaskInvocations", $$"""{"WindowExecutionId":"{{executionId}}","TaskId":"{{id}}"}""");
            var list2 = invocations["WindowExecutionTaskInvocationIdentities"]!.AsArray();
            // Settled: the node has no agent, so its command waits as Delayed (mirrored into the window invocation).
            return list2.Count > 0 && list2[0]!["StatusDetails"]?.GetValue<string>() == "Delayed" ? id : null;
        }, "the task's invocation to wait for the agent-less node (Delayed)");
        await CallAsync("DescribeMaintenanceWindowExecutions", $$"""{"WindowId":"{{windowId}}"}""");
        await CallAsync("GetMaintenanceWindowExecution", $$"""{"WindowExecutionId":"{{executionId}}"}""");
        await CallAsync("DescribeMaintenanceWindowExecutionTasks", $$"""{"WindowExecutionId":"{{executionId}}"}""");
        await CallAsync("GetMaintenanceWindowExecutionTask", $$"""{"WindowExecutionId":"{{executionId}}","TaskId":"{{taskExecutionId}}"}""");
        var invocations = await CallAsync("DescribeMaintenanceWindowExecutionTaskInvocations", $$"""{"WindowExecutionId":"{{executionId}}","TaskId":"{{taskExecutionId}}"}""");
        var invocationId = Str(invocations["WindowExecutionTaskInvocationIdentities"]![0]!, "InvocationId");
        await CallAsync("GetMaintenanceWindowExecutionTaskInvocation", $$"""{"WindowExecutionId":"{{executionId}}","TaskId":"{{taskExecutionId}}","InvocationId":"{{invocationId}}"}""");
        await CallAsync("CancelMaintenanceWindowExecution", $$"""{"WindowExecutionId":"{{executionId}}"}""");

        // Run Command.
        var sent = await CallAsync("SendCommand", $$"""{"DocumentName":"AWS-RunShellScript","InstanceIds":["{{Node}}"],"Parameters":{"commands":["uname -r"]},"Comment":"kernel","TimeoutSeconds":600}""");
        var commandId = Str(sent["Command"]!, "CommandId");
        await WindowKit.WaitForAsync(async () =>
        {
            var invocation = await RawAsync("GetCommandInvocation", $$"""{"CommandId":"{{commandId}}","InstanceId":"{{Node}}"}""");
            var command = await RawAsync("ListCommands", $$"""{"CommandId":"{{commandId}}"}""");
            return invocation["StatusDetails"]?.GetValue<string>() == "Delayed" && command["Commands"]![0]!["StatusDetails"]?.GetValue<string>() != "Pending"
                ? invocation : null;
        }, "the command to settle on the agent-less node (Delayed)");
        await CallAsync("ListCommands", $$"""{"CommandId":"{{commandId}}"}""");
        await CallAsync("ListCommandInvocations", $$"""{"CommandId":"{{commandId}}","Details":true}""");
        await CallAsync("GetCommandInvocation", $$"""{"CommandId":"{{commandId}}","InstanceId":"{{Node}}"}""");
        await CallAsync("CancelCommand", $$"""{"CommandId":"{{commandId}}"}""");

        // Patch baselines and groups.
        var pb = await CallAsync("CreatePatchBaseline", """{"Name":"AL2-Critical","OperatingSystem":"AMAZON_LINUX_2","ApprovalRules":{"PatchRules":[{"PatchFilterGroup":{"PatchFilters":[{"Key":"CLASSIFICATION","Values":["Security"]},{"Key":"SEVERITY","Values":["Critical"]}]},"ApproveAfterDays":7,"ComplianceLevel":"CRITICAL"}]},"RejectedPatches":["kernel*"],"RejectedPatchesAction":"BLOCK"}""");
        var baselineId = Str(pb, "BaselineId");
        await CallAsync("GetPatchBaseline", $$"""{"BaselineId":"{{baselineId}}"}""");
        await CallAsync("UpdatePatchBaseline", $$"""{"BaselineId":"{{baselineId}}","Description":"Critical security only"}""");
        await CallAsync("DescribePatchBaselines", """{"Filters":[{"Key":"OWNER","Values":["Self"]}]}""");
        await CallAsync("RegisterPatchBaselineForPatchGroup", $$"""{"BaselineId":"{{baselineId}}","PatchGroup":"Production"}""");
        await CallAsync("GetPatchBaselineForPatchGroup", """{"PatchGroup":"Production","OperatingSystem":"AMAZON_LINUX_2"}""");
        await CallAsync("DescribePatchGroups", "{}");
        await CallAsync("DescribePatchGroupState", """{"PatchGroup":"Production"}""");
        await CallAsync("RegisterDefaultPatchBaseline", $$"""{"BaselineId":"{{baselineId}}"}""");
        await CallAsync("GetDefaultPatchBaseline", """{"OperatingSystem":"AMAZON_LINUX_2"}""");
        await CallAsync("DescribeEffectivePatchesForPatchBaseline", """{"BaselineId":"arn:aws:ssm:us-east-1:075727635805:patchbaseline/pb-09ca3fb51f0412ec3","MaxResults":3}""");
        await CallAsync("DescribeAvailablePatches", """{"Filters":[{"Key":"PRODUCT","Values":["AmazonLinux2"]},{"Key":"SEVERITY","Values":["Critical"]}],"MaxResults":2}""");
        await CallAsync("DescribePatchProperties", """{"OperatingSystem":"AMAZON_LINUX_2","Property":"CLASSIFICATION"}""");
        await CallAsync("GetDeployablePatchSnapshotForInstance", $$"""{"InstanceId":"{{Node}}","SnapshotId":"00000000-0000-4000-8000-0000000000aa"}""");

        // Nodes and compliance.
        await CallAsync("DescribeInstanceInformation", """{"Filters":[{"Key":"tag:Patch Group","Values":["Production"]}]}""");
        await CallAsync("DescribeInstanceProperties", """{"FiltersWithOperator":[{"Key":"tag:Name","Values":["web"],"Operator":"BeginWith"}],"MaxResults":5}""");
        await CallAsync("DescribeInstancePatchStates", $$"""{"InstanceIds":["{{Node}}"]}""");
        await CallAsync("DescribeInstancePatchStatesForPatchGroup", """{"PatchGroup":"Production"}""");
        await CallAsync("DescribeInstancePatches", $$"""{"InstanceId":"{{Node}}"}""");
        await CallAsync("PutComplianceItems", $$$"""{"ResourceId":"{{{Node}}}","ResourceType":"ManagedInstance","ComplianceType":"Custom:AVCheck","ExecutionSummary":{"ExecutionTime":1764979200,"ExecutionId":"av-scan-7","ExecutionType":"Command"},"Items":[{"Id":"Version2.0","Title":"ScanHost","Severity":"CRITICAL","Status":"NON_COMPLIANT","Details":{"Engine":"clamav"}}],"ItemContentHash":"d41d8cd98f00b204e9800998ecf8427e"}""");
        await CallAsync("ListComplianceItems", $$"""{"ResourceIds":["{{Node}}"],"ResourceTypes":["ManagedInstance"]}""");
        await CallAsync("ListComplianceSummaries", "{}");
        await CallAsync("ListResourceComplianceSummaries", "{}");

        // Tags.
        await CallAsync("AddTagsToResource", $$"""{"ResourceType":"PatchBaseline","ResourceId":"{{baselineId}}","Tags":[{"Key":"Owner","Value":"secops"}]}""");
        await CallAsync("ListTagsForResource", $$"""{"ResourceType":"MaintenanceWindow","ResourceId":"{{windowId}}"}""");
        await CallAsync("RemoveTagsFromResource", $$"""{"ResourceType":"PatchBaseline","ResourceId":"{{baselineId}}","TagKeys":["Owner"]}""");

        // Clean-up operations, last.
        await CallAsync("DeregisterPatchBaselineForPatchGroup", $$"""{"BaselineId":"{{baselineId}}","PatchGroup":"Production"}""");
        await CallAsync("DeregisterTaskFromMaintenanceWindow", $$"""{"WindowId":"{{windowId}}","WindowTaskId":"{{taskId}}"}""");
        await CallAsync("DeregisterTargetFromMaintenanceWindow", $$"""{"WindowId":"{{windowId}}","WindowTargetId":"{{targetId}}","Safe":false}""");
        await CallAsync("DeleteMaintenanceWindow", $$"""{"WindowId":"{{windowId}}"}""");
        await CallAsync("RegisterDefaultPatchBaseline", """{"BaselineId":"arn:aws:ssm:us-east-1:075727635805:patchbaseline/pb-0be8c61cde3be63f3"}""", record: false);
        await CallAsync("DeletePatchBaseline", $$"""{"BaselineId":"{{baselineId}}"}""");
    }

    private async Task<JsonObject> CallAsync(string op, string body, bool record = true)
    {
        var json = await RawAsync(op, body);
        if (record)
        {
            _results[op] = new JsonObject
            {
                ["operation"] = op,
                ["request"] = Normalise(JsonNode.Parse(body)!),
                ["response"] = Normalise(json.DeepClone()),
            };
        }
        return json;
    }

    private async Task<JsonObject> RawAsync(string op, string body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _emu.Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AmazonSSM." + op);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var node = JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException($"{op}: no JSON object");
        if (!response.IsSuccessStatusCode)
        {
            node["__status"] = (int)response.StatusCode;
        }
        return node;
    }

    private static string Str(JsonNode node, string name) => node[name]?.GetValue<string>() ?? throw new InvalidOperationException($"no {name} in {node.ToJsonString()}");

    /// <summary>Ids become ordered placeholders; time values keep only their encoding.</summary>
    private JsonNode Normalise(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is null)
                    {
                        continue;
                    }
                    if (IsTimeMember(key) && value is JsonValue v)
                    {
                        o[key] = v.TryGetValue<string>(out var s) ? (s.Length == 0 ? "" : "<time:iso>") : "<time:epoch>";
                        continue;
                    }
                    o[key] = Normalise(value.DeepClone());
                }
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        a[i] = Normalise(item.DeepClone());
                    }
                }
                return a;
            case JsonValue v when v.TryGetValue<string>(out var text):
                return JsonValue.Create(IdPattern().Replace(text, m => Placeholder(m.Value)));
            default:
                return node;
        }
    }

    private static bool IsTimeMember(string key) =>
        key.EndsWith("Time", StringComparison.Ordinal) || key.EndsWith("Date", StringComparison.Ordinal) || key.EndsWith("DateTime", StringComparison.Ordinal)
        || key is "ExpiresAfter" or "ExecutionTime" or "ExecutionElapsedTime" or "InstalledTime" or "LastPingDateTime" or "ReleaseDate" or "NextExecutionTime"
            or "OperationStartTime" or "OperationEndTime" or "LastNoRebootInstallOperationTime" or "ExecutionStartDateTime" or "ExecutionEndDateTime";

    private string Placeholder(string id)
    {
        if (id == Node || IsAwsBaseline(id))
        {
            return id; // fixed ids: the seeded node and AWS-owned baselines
        }
        if (!_ids.TryGetValue(id, out var placeholder))
        {
            var kind = id.Contains('-', StringComparison.Ordinal) && id.Length == 36 ? "uuid" : id[..id.IndexOf('-', StringComparison.Ordinal)];
            placeholder = $"<{kind}-{_ids.Count + 1}>";
            _ids[id] = placeholder;
        }
        return placeholder;
    }

    private static bool IsAwsBaseline(string id) => PatchLab.Domain.Baselines.PredefinedBaselines.All.Any(b => b.BaselineId.EndsWith("/" + id, StringComparison.Ordinal) || b.BaselineId == id);

    [GeneratedRegex(@"\b(?:mw|mw-wt|mw-ei|i|pb)-[0-9a-f]{17}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")]
    private static partial Regex IdPattern();
}
