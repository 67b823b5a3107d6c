using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Models;
using PatchLab.Tui.Tests.Fakes;

namespace PatchLab.Tui.Tests.Models;

/// <summary>SsmConsole through the real AWS SDK client against canned wire answers: what goes on the wire, what comes back.</summary>
public sealed class SsmConsoleTests : IDisposable
{
    private readonly CannedSsm _wire = new();
    private readonly IAmazonSimpleSystemsManagement _ssm;
    private readonly SsmConsole _console;

    public SsmConsoleTests()
    {
        _ssm = _wire.CreateClient();
        _console = new SsmConsole(_ssm);
    }

    public void Dispose()
    {
        _ssm.Dispose();
        _wire.Dispose();
    }

    [Fact]
    public async Task DescribePatchBaselines_ReadsEveryPage()
    {
        _wire.Answers["DescribePatchBaselines"] = req => req.TryGetProperty("NextToken", out _)
            ? (200, CannedSsm.Json(new { BaselineIdentities = new[] { new { BaselineId = "pb-2", BaselineName = "two", OperatingSystem = "UBUNTU" } } }))
            : (200, CannedSsm.Json(new { BaselineIdentities = new[] { new { BaselineId = "pb-1", BaselineName = "one", OperatingSystem = "UBUNTU" } }, NextToken = "p2" }));

        IReadOnlyList<PatchBaselineIdentity> all = await _console.DescribePatchBaselinesAsync(CancellationToken.None);

        Assert.Equal(["pb-1", "pb-2"], all.Select(b => b.BaselineId));
        Assert.Equal(2, _wire.Calls.Count(c => c.Operation == "DescribePatchBaselines"));
    }

    [Fact]
    public async Task SendCommand_ReturnsTheCommandId_AndListInvocationsAsksForDetails()
    {
        _wire.Answers["SendCommand"] = _ => (200, CannedSsm.Json(new { Command = new { CommandId = "d3d3d3d3-1111-2222-3333-444455556666" } }));
        _wire.Answers["ListCommandInvocations"] = _ => (200, CannedSsm.Json(new { CommandInvocations = Array.Empty<object>() }));

        string id = await _console.SendCommandAsync(new SendCommandRequest { DocumentName = "AWS-RunShellScript", InstanceIds = ["i-1"] }, CancellationToken.None);
        await _console.ListCommandInvocationsAsync(id, CancellationToken.None);

        Assert.Equal("d3d3d3d3-1111-2222-3333-444455556666", id);
        Assert.Equal("AWS-RunShellScript", _wire.Calls.Single(c => c.Operation == "SendCommand").Body.GetProperty("DocumentName").GetString());
        Assert.True(_wire.Calls.Single(c => c.Operation == "ListCommandInvocations").Body.GetProperty("Details").GetBoolean());
    }

    [Fact]
    public async Task CreateMaintenanceWindow_Refused_ThrowsTheEmulatorsCodeAndMessage()
    {
        _wire.Answers["CreateMaintenanceWindow"] = _ => (400, CannedSsm.Json(new Dictionary<string, string>
        {
            ["__type"] = "ValidationException", ["message"] = "Cutoff must be less than Duration.",
        }));

        var ex = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() =>
            _console.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest { Name = "nightly", Duration = 1, Cutoff = 1 }, CancellationToken.None));

        Assert.Equal("ValidationException", ex.ErrorCode);
        Assert.Equal("Cutoff must be less than Duration.", ex.Message);
    }
}
