using System.Text.Json;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Run Command through the real AWS CLI v2 (/usr/bin/aws), and the instance commands through the real `patchlab` binary,
/// as a user types them (issue 5). The instances are injected fake ones, so no Docker engine is needed.
/// </summary>
public sealed class RunCommandCliTests : IAsyncLifetime
{
    private readonly FakeFleet _fleet = new();
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync()
    {
        _emu = await EmulatorFixture.StartAsync(configure: o => o with { Fleet = _fleet });
        _fleet.Endpoint = _emu.Endpoint;
    }

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        await _emu.DisposeAsync();
    }

    private Task<(int Exit, string Stdout, string Stderr)> SsmAsync(params string[] args) => CliRunner.SsmAsync(_emu.Endpoint, args);

    /// <summary>The `patchlab` binary the tests reference (dotnet patchlab.dll …).</summary>
    private Task<(int Exit, string Stdout, string Stderr)> PatchLabAsync(params string[] args) =>
        CliRunner.RunAsync("dotnet", new[] { typeof(EmulatorHost).Assembly.Location }.Concat(args).Concat(["--endpoint", _emu.Endpoint.ToString()]));

    private async Task<string> LaunchAsync()
    {
        var progress = new List<PatchLab.Contracts.Lab.FleetLaunchProgress>();
        await _emu.Lab.LaunchAsync(new PatchLab.Contracts.Lab.FleetLaunchRequest { Count = 1, NamePrefix = "cli" },
            new SyncProgress<PatchLab.Contracts.Lab.FleetLaunchProgress>(progress.Add), CancellationToken.None);
        return progress.Single(p => p.Stage == "launched").InstanceId!;
    }

    [Fact]
    public async Task AwsCli_SendCommand_ThenGetCommandInvocation_AndCancelCommand()
    {
        var id = await LaunchAsync();

        var sent = await SsmAsync("send-command", "--document-name", "AWS-RunShellScript", "--instance-ids", id, "--parameters", "commands=uptime",
            "--comment", "from the CLI", "--max-errors", "1");
        Assert.True(sent.Exit == 0, sent.Stderr);
        var cmd = JsonDocument.Parse(sent.Stdout).RootElement.GetProperty("Command");
        var commandId = cmd.GetProperty("CommandId").GetString()!;
        JsonElement inv = default;
        for (var i = 0; i < 50; i++)
        {
            var got = await SsmAsync("get-command-invocation", "--command-id", commandId, "--instance-id", id);
            Assert.True(got.Exit == 0, got.Stderr);
            inv = JsonDocument.Parse(got.Stdout).RootElement;
            if (inv.GetProperty("Status").GetString() == "Success")
            {
                break;
            }
            await Task.Delay(200);
        }
        var cancelled = await SsmAsync("cancel-command", "--command-id", commandId);
        var list = await SsmAsync("list-command-invocations", "--command-id", commandId, "--details");

        Assert.Equal("from the CLI", cmd.GetProperty("Comment").GetString());
        Assert.Equal("50", cmd.GetProperty("MaxConcurrency").GetString());
        Assert.Equal("1", cmd.GetProperty("MaxErrors").GetString());
        Assert.Equal(["uptime"], cmd.GetProperty("Parameters").GetProperty("commands").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Success", inv.GetProperty("Status").GetString());
        Assert.Equal(0, inv.GetProperty("ResponseCode").GetInt32());
        Assert.Equal("aws:runShellScript", inv.GetProperty("PluginName").GetString());
        Assert.True(cancelled.Exit == 0, cancelled.Stderr); // a finished command: best effort, nothing to do
        Assert.Equal("ran AWS-RunShellScript", JsonDocument.Parse(list.Stdout).RootElement.GetProperty("CommandInvocations")[0]
            .GetProperty("CommandPlugins")[0].GetProperty("Output").GetString());
    }

    [Fact]
    public async Task AwsCli_SendCommand_ToAnUnknownInstance_FailsWithInvalidInstanceId()
    {
        var (exit, _, stderr) = await SsmAsync("send-command", "--document-name", "AWS-RunShellScript", "--instance-ids", "i-0123456789abcdef0",
            "--parameters", "commands=uptime");

        Assert.Equal(254, exit);
        Assert.Contains("An error occurred (InvalidInstanceId) when calling the SendCommand operation: Instances [[i-0123456789abcdef0]] not in a valid state",
            stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchLabCli_InstanceCommands_TagStopStartAndList()
    {
        var id = await LaunchAsync();

        var tag = await PatchLabAsync("instance", "tag", id, "Wave=1", "Owner=ops");
        var untag = await PatchLabAsync("instance", "untag", id, "Owner");
        var stop = await PatchLabAsync("instance", "stop", id);
        var start = await PatchLabAsync("instance", "start", id);
        var list = await PatchLabAsync("instance", "list");
        var bad = await PatchLabAsync("instance", "reboot", "i-0123456789abcdef0");

        Assert.True(tag.Exit == 0, tag.Stderr);
        Assert.Contains("Owner=ops", tag.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Owner=ops", untag.Stdout, StringComparison.Ordinal);
        Assert.Contains(" stopped ", stop.Stdout, StringComparison.Ordinal);
        Assert.Contains(" running ", start.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("runtime: fake (given by the host)", list.Stdout, StringComparison.Ordinal);
        Assert.Contains(id, list.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, bad.Exit);
        Assert.Contains("error (InvalidInstanceID.NotFound)", bad.Stderr, StringComparison.Ordinal);
    }
}
