using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// The lab's instance endpoints and their effect on SSM (PingStatus, DescribeInstanceInformation, Run Command), over an
/// injected fake runtime, so no Docker engine is needed. The Docker versions are in <see cref="RunCommandDockerTests"/>.
/// </summary>
public sealed class InstanceLifecycleTests : IAsyncLifetime
{
    private readonly FakeFleet _fleet = new();
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync()
    {
        _emu = await EmulatorFixture.StartAsync(configure: o => o with { Fleet = _fleet, AgentSilenceGrace = TimeSpan.FromSeconds(1) });
        _fleet.Endpoint = _emu.Endpoint;
    }

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        await _emu.DisposeAsync();
    }

    private async Task<List<string>> LaunchAsync(int count, string env = "Production")
    {
        var (last, ids) = await _emu.LaunchAsync(new FleetLaunchRequest { Count = count, Tags = new() { ["Environment"] = env }, NamePrefix = env.ToLowerInvariant() });
        Assert.Equal("done", last.Stage);
        return ids;
    }

    private async Task<List<InstanceInformation>> DescribeAsync() =>
        (await _emu.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 50 })).InstanceInformationList ?? [];

    private async Task<InstanceRow> RowAsync(string id) => (await _emu.Lab.GetInstancesAsync(CancellationToken.None)).Instances.Single(i => i.InstanceId == id);

    private async Task<InstanceRow> WaitRowAsync(string id, Func<InstanceRow, bool> done)
    {
        InstanceRow? last = null;
        for (var i = 0; i < 100; i++)
        {
            last = await RowAsync(id);
            if (done(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{id} stayed {last?.State}/{last?.PingStatus}");
    }

    private async Task JumpAsync(TimeSpan by)
    {
        var clock = await _emu.Lab.GetClockAsync(CancellationToken.None);
        await _emu.Lab.ChangeClockAsync(new ClockChangeRequest { JumpTo = clock.Now + by }, CancellationToken.None);
    }

    [Fact]
    public async Task Stop_HidesTheNodeFromSsm_AndItGoesConnectionLost_ThenStartBringsItBackOnline()
    {
        var (a, b) = (await LaunchAsync(2)) switch { var l => (l[0], l[1]) };

        var stopped = await _emu.Lab.InstanceActionAsync(a, "stop", CancellationToken.None);
        var listed = await DescribeAsync();
        await Task.Delay(1200); // past the silence grace
        await JumpAsync(TimeSpan.FromMinutes(11)); // past 2 missed 5-minute health pings
        var lost = await RowAsync(a);
        var healthy = await WaitRowAsync(b, r => r.PingStatus == "Online");

        Assert.Equal("stopped", stopped.State);
        Assert.DoesNotContain(listed, i => i.InstanceId == a); // stopped nodes are not returned (reference 7.1)
        Assert.Contains(listed, i => i.InstanceId == b);
        Assert.Equal("ConnectionLost", lost.PingStatus);
        Assert.Equal("Online", healthy.PingStatus);

        var started = await _emu.Lab.InstanceActionAsync(a, "start", CancellationToken.None);
        var online = await WaitRowAsync(a, r => r.PingStatus == "Online");

        Assert.Equal("running", started.State);
        Assert.Equal("running", online.State);
        Assert.Contains(await DescribeAsync(), i => i.InstanceId == a && i.PingStatus == PingStatus.Online);
    }

    [Fact]
    public async Task PausedInstance_GoesConnectionLost_ButStaysListed_AndItsCommandIsDelayed()
    {
        var id = (await LaunchAsync(1)).Single();
        await _fleet.PauseAsync(id);
        await Task.Delay(1200);
        await JumpAsync(TimeSpan.FromMinutes(11));

        var info = (await DescribeAsync()).Single(i => i.InstanceId == id);
        var sent = (await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [id], Parameters = new() { ["commands"] = ["true"] },
        })).Command;
        string details = "";
        for (var i = 0; i < 50 && details != "Delayed"; i++)
        {
            await Task.Delay(100);
            details = (await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = sent.CommandId, InstanceId = id })).StatusDetails;
        }

        Assert.Equal(PingStatus.ConnectionLost, info.PingStatus);
        Assert.Equal("Delayed", details);
    }

    [Fact]
    public async Task Terminate_RemovesTheNode_AndItsWaitingInvocationIsUndeliverable()
    {
        var id = (await LaunchAsync(1)).Single();
        await _fleet.PauseAsync(id); // the command cannot finish before the terminate
        var sent = (await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [id], Parameters = new() { ["commands"] = ["true"] },
        })).Command;

        var row = await _emu.Lab.InstanceActionAsync(id, "terminate", CancellationToken.None);
        string details = "";
        for (var i = 0; i < 50 && details != "Undeliverable"; i++)
        {
            await Task.Delay(100);
            details = (await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = sent.CommandId, InstanceId = id })).StatusDetails;
        }

        Assert.Equal("terminated", row.State);
        Assert.Equal("Inactive", row.PingStatus);
        Assert.Equal("Undeliverable", details);
        Assert.DoesNotContain(await DescribeAsync(), i => i.InstanceId == id);
        Assert.DoesNotContain((await _emu.Lab.GetInstancesAsync(CancellationToken.None)).Instances, i => i.InstanceId == id);
        // Terminated again: a no-op, as on EC2. Other actions: EC2's IncorrectInstanceState.
        Assert.Equal("terminated", (await _emu.Lab.InstanceActionAsync(id, "terminate", CancellationToken.None)).State);
        var e = await Assert.ThrowsAsync<LabApiException>(() => _emu.Lab.InstanceActionAsync(id, "start", CancellationToken.None));
        Assert.Equal("IncorrectInstanceState", e.Code);
        var unknown = await Assert.ThrowsAsync<LabApiException>(() => _emu.Lab.InstanceActionAsync("i-0123456789abcdef0", "reboot", CancellationToken.None));
        Assert.Equal("InvalidInstanceID.NotFound", unknown.Code);
    }

    [Fact]
    public async Task Reboot_RestartsTheAgent_WhichRegistersAgain()
    {
        var id = (await LaunchAsync(1)).Single();
        var bootBefore = _emu.Get<PatchLab.Storage.InstanceRepository>().Get(id)!.LastBoot;
        await Task.Delay(50);

        var row = await _emu.Lab.InstanceActionAsync(id, "reboot", CancellationToken.None);
        for (var i = 0; i < 50 && _emu.Get<PatchLab.Storage.InstanceRepository>().Get(id)!.LastBoot == bootBefore; i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(row.State, new[] { "rebooting", "running" });
        Assert.NotEqual(bootBefore, _emu.Get<PatchLab.Storage.InstanceRepository>().Get(id)!.LastBoot);
        Assert.Equal("running", (await WaitRowAsync(id, r => r.State == "running")).State);
    }

    [Fact]
    public async Task TagAndUntag_ChangeWhatTagTargetsHit()
    {
        var ids = await LaunchAsync(2, "Staging");
        var wave = "w" + Guid.NewGuid().ToString("N")[..6];

        var tagged = await _emu.Lab.TagInstanceAsync(ids[0], new Dictionary<string, string> { ["Wave"] = wave }, CancellationToken.None);
        var first = (await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", Targets = [new Target { Key = "tag:Wave", Values = [wave] }], Parameters = new() { ["commands"] = ["true"] },
        })).Command;
        var untagged = await _emu.Lab.UntagInstanceAsync(ids[0], ["Wave"], CancellationToken.None);
        var second = (await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", Targets = [new Target { Key = "tag:Wave", Values = [wave] }], Parameters = new() { ["commands"] = ["true"] },
        })).Command;

        Assert.Equal(wave, tagged.Tags["Wave"]);
        Assert.False(untagged.Tags.ContainsKey("Wave"));
        Assert.Equal([ids[0]], (await _emu.Ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = first.CommandId })).CommandInvocations
            .Select(i => i.InstanceId));
        Assert.Equal("NoInstancesInTag", (await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = second.CommandId })).Commands.Single().StatusDetails);
        var bad = await Assert.ThrowsAsync<LabApiException>(() =>
            _emu.Lab.TagInstanceAsync(ids[1], new Dictionary<string, string> { ["aws:reserved"] = "x" }, CancellationToken.None));
        Assert.Equal("ValidationException", bad.Code);
    }

    [Fact]
    public async Task Readoption_StartsAgainAnInstanceWhoseContainerStoppedBehindItsBack()
    {
        var id = (await LaunchAsync(1)).Single();
        var stateDir = _emu.StateDirectory;
        var port = _emu.Endpoint.Port;

        // What a Docker engine restart does to every container; then the emulator restarts on the same state.
        await _fleet.CrashAsync(id);
        await _emu.StopAsync();
        _emu = await EmulatorFixture.StartAsync(stateDir: stateDir, configure: o => o with { Fleet = _fleet, Port = port, AgentSilenceGrace = TimeSpan.FromSeconds(1) });

        // The node still looks Online (its last ping is recent): the re-adoption pass is what starts its agent again.
        var restarted = false;
        for (var i = 0; i < 100 && !restarted; i++)
        {
            await Task.Delay(100);
            restarted = (await _emu.Lab.GetOverviewAsync(CancellationToken.None)).Events.Any(e => e.Message.StartsWith($"Restarted {id}", StringComparison.Ordinal));
        }
        var list = await _emu.Lab.GetInstancesAsync(CancellationToken.None);

        Assert.True(restarted, "no re-adoption event");
        Assert.Equal("running", (await _fleet.ListAsync(CancellationToken.None)).Single(i => i.InstanceId == id).State);
        Assert.Equal("running", list.Instances.Single(i => i.InstanceId == id).State);
        Assert.Equal("fake", list.Runtime);
        Assert.Equal("given by the host", list.RuntimeReason);
    }
}
