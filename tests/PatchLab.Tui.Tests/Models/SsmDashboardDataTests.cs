using System.Text.Json;
using PatchLab.Client;
using PatchLab.Tui.Models;
using PatchLab.Tui.Tests.Fakes;

namespace PatchLab.Tui.Tests.Models;

/// <summary>The SSM adapter through the real AWS SDK client, against canned wire answers.</summary>
public sealed class SsmDashboardDataTests : IDisposable
{
    private const string Web1 = "i-0123456789abcdef0";
    private const string CommandId = "c1c1c1c1-1111-2222-3333-444455556666";
    private readonly CannedSsm _wire = new();
    private readonly Amazon.SimpleSystemsManagement.IAmazonSimpleSystemsManagement _ssm;
    private readonly HttpClient _http;
    private readonly SsmDashboardData _data;

    public SsmDashboardDataTests()
    {
        _ssm = _wire.CreateClient();
        _http = _wire.CreateHttpClient();
        _data = new SsmDashboardData(_ssm, _http, _wire.Endpoint);
    }

    public void Dispose()
    {
        _data.Dispose();
        _ssm.Dispose();
        _http.Dispose();
        _wire.Dispose();
    }

    [Fact]
    public async Task GetInstanceDetail_ReadsEveryPageOfPatches_AndSaysWhatIsNotAvailableYet()
    {
        _wire.Answers["DescribeInstancePatches"] = req => req.TryGetProperty("NextToken", out _)
            ? (200, CannedSsm.Json(new { Patches = new[] { new { Title = "bash", KBId = "bash.x86_64", Classification = "Bugfix", Severity = "", State = "Installed", InstalledTime = 1765000000.0 } } }))
            : (200, CannedSsm.Json(new
            {
                Patches = new[] { new { Title = "openssl", KBId = "openssl.x86_64", Classification = "Security", Severity = "Important", State = "Missing", InstalledTime = 0.0 } },
                NextToken = "page-2",
            }));

        InstanceDetail detail = await _data.GetInstanceDetailAsync(Web1, CancellationToken.None);

        Assert.Equal(["openssl.x86_64", "bash.x86_64"], detail.Patches.Items.Select(p => p.KbId));
        Assert.Null(detail.Patches.Items[0].InstalledTime); // 0 on the wire: not installed
        Assert.Equal(new DateTimeOffset(2025, 12, 6, 5, 46, 40, TimeSpan.Zero), detail.Patches.Items[1].InstalledTime);
        Assert.Equal("Missing", detail.Patches.Items[0].State);
        Assert.Equal("not available yet: the emulator does not implement ListCommandInvocations", detail.Invocations.Unavailable);
        Assert.Equal(Web1, _wire.Calls[0].Body.GetProperty("InstanceId").GetString());
    }

    [Fact]
    public async Task GetInvocationOutput_TakesTheFullOutputOfEachPlugin()
    {
        _wire.Answers["ListCommandInvocations"] = req => (200, CannedSsm.Json(new
        {
            CommandInvocations = new[]
            {
                new
                {
                    CommandId, InstanceId = Web1, DocumentName = "AWS-RunPatchBaseline", Status = "Success", StatusDetails = "Success", RequestedDateTime = 1765000000.0,
                    CommandPlugins = new[] { new { Name = "PatchLinux", Status = "Success", ResponseCode = 0, Output = "short…" } },
                },
            },
        }));
        _wire.Answers["GetCommandInvocation"] = req => (200, CannedSsm.Json(new
        {
            CommandId, InstanceId = Web1, PluginName = req.GetProperty("PluginName").GetString(), ResponseCode = 0, Status = "Success",
            StandardOutputContent = "the whole output", StandardErrorContent = "a warning",
        }));

        InvocationOutput output = await _data.GetInvocationOutputAsync(CommandId, Web1, CancellationToken.None);

        CommandInvocationItem invocation = Assert.Single(output.Invocation.Items);
        PluginOutputItem plugin = Assert.Single(invocation.Plugins);
        Assert.Equal(("PatchLinux", "the whole output", "a warning", 0), (plugin.Name, plugin.Output, plugin.Error, plugin.ResponseCode));
        Assert.True(_wire.Calls[0].Body.GetProperty("Details").GetBoolean());
    }

    [Fact]
    public async Task GetInvocationOutput_KeepsTheShortOutput_WhenTheFullOneCannotBeRead()
    {
        _wire.Answers["ListCommandInvocations"] = _ => (200, CannedSsm.Json(new
        {
            CommandInvocations = new[] { new { CommandId, InstanceId = Web1, Status = "InProgress", CommandPlugins = new[] { new { Name = "PatchLinux", Output = "so far" } } } },
        }));

        InvocationOutput output = await _data.GetInvocationOutputAsync(CommandId, Web1, CancellationToken.None);

        Assert.Equal("so far", output.Invocation.Items[0].Plugins[0].Output);
    }

    [Fact]
    public async Task GetCompliance_ReadsStatesInBatchesOf50_AndPatchesOnlyWhereSomethingIsMissingOrFailed()
    {
        string[] ids = [.. Enumerable.Range(0, 60).Select(i => $"i-{i:00000000000000000}")];
        _wire.Answers["DescribeInstancePatchStates"] = req => (200, CannedSsm.Json(new
        {
            InstancePatchStates = req.GetProperty("InstanceIds").EnumerateArray().Select(id => new
            {
                InstanceId = id.GetString(), PatchGroup = "web", BaselineId = "pb-1", Operation = "Scan", InstalledCount = 10,
                MissingCount = id.GetString() == ids[7] ? 2 : 0, FailedCount = id.GetString() == ids[55] ? 1 : 0, CriticalNonCompliantCount = 1,
            }),
        }));
        _wire.Answers["DescribeInstancePatches"] = req => (200, CannedSsm.Json(new
        {
            Patches = new[] { new { KBId = "k-" + req.GetProperty("InstanceId").GetString(), Severity = "Critical", State = "Missing" } },
        }));

        ComplianceData data = await _data.GetComplianceAsync(ids, CancellationToken.None);

        Assert.Equal(60, data.States.Items.Count);
        Assert.Equal([50, 10], _wire.Calls.Where(c => c.Operation == "DescribeInstancePatchStates").Select(c => c.Body.GetProperty("InstanceIds").GetArrayLength()));
        Assert.Equal([ids[7], ids[55]], data.NonCompliantPatches.Items.Select(p => p.InstanceId));
        JsonElement filter = _wire.Calls.First(c => c.Operation == "DescribeInstancePatches").Body.GetProperty("Filters")[0];
        Assert.Equal("State", filter.GetProperty("Key").GetString());
        Assert.Equal(["Missing", "Failed"], filter.GetProperty("Values").EnumerateArray().Select(v => v.GetString()));
        Assert.True(data.States.Items[0].IsCompliant);
        Assert.False(data.States.Items[7].IsCompliant);
        Assert.Equal(1, data.States.Items[0].CriticalNonCompliant);
    }

    [Fact]
    public async Task GetCompliance_SaysNotAvailableYet_ForBothParts_WhenStatesAreNotImplemented()
    {
        ComplianceData data = await _data.GetComplianceAsync(["i-1"], CancellationToken.None);

        Assert.Equal("not available yet: the emulator does not implement DescribeInstancePatchStates", data.States.Unavailable);
        Assert.Equal(data.States.Unavailable, data.NonCompliantPatches.Unavailable);
    }

    [Fact]
    public async Task GetWindowDetail_ShowsAnAwsErrorInItsSection_AndReadsTheOthers()
    {
        _wire.Answers["DescribeMaintenanceWindowTargets"] = _ => (400, CannedSsm.Json(new Dictionary<string, string>
        {
            ["__type"] = "DoesNotExistException", ["message"] = "Maintenance window mw-0123456789abcdef0 does not exist",
        }));
        _wire.Answers["DescribeMaintenanceWindowTasks"] = _ => (200, CannedSsm.Json(new
        {
            Tasks = new[]
            {
                new { WindowTaskId = "t-2", TaskArn = "AWS-RunShellScript", Type = "RUN_COMMAND", Priority = 2, MaxConcurrency = "1", MaxErrors = "0", Targets = new[] { new { Key = "InstanceIds", Values = new[] { "i-1" } } } },
                new { WindowTaskId = "t-1", TaskArn = "AWS-RunPatchBaseline", Type = "RUN_COMMAND", Priority = 1, MaxConcurrency = "50%", MaxErrors = "1", Targets = new[] { new { Key = "WindowTargetIds", Values = new[] { "wt-1" } } } },
            },
        }));
        _wire.Answers["DescribeMaintenanceWindowExecutions"] = _ => (200, CannedSsm.Json(new
        {
            WindowExecutions = new object[]
            {
                new { WindowExecutionId = "e-old", Status = "SUCCESS", StartTime = 1765000000.0, EndTime = 1765000100.0 },
                new { WindowExecutionId = "e-new", Status = "IN_PROGRESS", StartTime = 1765100000.0 },
            },
        }));

        WindowDetail detail = await _data.GetWindowDetailAsync("mw-0123456789abcdef0", CancellationToken.None);

        Assert.Equal("✗ DescribeMaintenanceWindowTargets: DoesNotExistException: Maintenance window mw-0123456789abcdef0 does not exist", detail.Targets.Unavailable);
        Assert.Equal(["t-1", "t-2"], detail.Tasks.Items.Select(t => t.WindowTaskId));
        Assert.Equal(("50%", "1", "RUN_COMMAND"), (detail.Tasks.Items[0].MaxConcurrency, detail.Tasks.Items[0].MaxErrors, detail.Tasks.Items[0].TaskType));
        Assert.Equal(["e-new", "e-old"], detail.Executions.Items.Select(e => e.WindowExecutionId));
        Assert.Null(detail.Executions.Items[0].EndTime);
    }

    [Fact]
    public async Task AnyCall_Throws_WhenTheEmulatorDoesNotAnswer()
    {
        _wire.Down = true;

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _data.GetInstanceDetailAsync(Web1, CancellationToken.None));
    }

    [Theory]
    [InlineData(InstanceAction.Reboot, "/patchlab/v1/instances/i-0123456789abcdef0/reboot")]
    [InlineData(InstanceAction.Terminate, "/patchlab/v1/instances/i-0123456789abcdef0/terminate")]
    public async Task RunInstanceAction_PostsToTheLabApi(InstanceAction action, string path)
    {
        await _data.RunInstanceActionAsync(Web1, action, CancellationToken.None);

        Assert.Equal(("POST", path), Assert.Single(_wire.LabCalls));
    }

    [Fact]
    public async Task RunInstanceAction_ThrowsTheEmulatorsMessage_WhenRefused()
    {
        _wire.Lab = (_, _) => (400, CannedSsm.Json(new Dictionary<string, string>
        {
            ["__type"] = "IncorrectInstanceState", ["message"] = "The instance 'i-0123456789abcdef0' is not in a state from which it can be started.",
        }));

        LabApiException error = await Assert.ThrowsAsync<LabApiException>(() => _data.RunInstanceActionAsync(Web1, InstanceAction.Start, CancellationToken.None));

        Assert.Equal("IncorrectInstanceState", error.Code);
        Assert.Equal("The instance 'i-0123456789abcdef0' is not in a state from which it can be started.", error.Message);
    }
}
