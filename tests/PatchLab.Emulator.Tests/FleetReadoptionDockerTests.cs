using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using PatchLab.Fleet.Docker;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// The fleet outlives the emulator (issue 5): a restarted emulator on the same state directory re-adopts its containers
/// by their labels; a container stopped behind its back (what a Docker engine restart does to every container) is started
/// again; terminate removes the container and its disk.
/// </summary>
[Collection("docker")]
public sealed class FleetReadoptionDockerTests : IAsyncLifetime
{
    private EmulatorFixture? _emu;

    public async Task InitializeAsync()
    {
        DockerFactAttribute.EnsureAvailable();
        _emu = await EmulatorFixture.StartAsync(docker: true);
    }

    public async Task DisposeAsync()
    {
        if (_emu is null)
        {
            return;
        }
        try
        {
            await _emu.Lab.DownAsync(CancellationToken.None);
        }
        finally
        {
            await _emu.DisposeAsync();
        }
    }

    private async Task RestartEmulatorAsync()
    {
        var stateDir = _emu!.StateDirectory;
        await _emu.StopAsync();
        _emu = null;
        _emu = await EmulatorFixture.StartAsync(docker: true, stateDir: stateDir);
    }

    private async Task<string> EchoAsync(string instanceId, string text)
    {
        var cmd = (await _emu!.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [instanceId], Parameters = new() { ["commands"] = [$"echo {text}"] },
        })).Command;
        for (var i = 0; i < 240; i++)
        {
            var r = await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = cmd.CommandId, InstanceId = instanceId });
            if (r.Status == CommandInvocationStatus.Success)
            {
                return r.StandardOutputContent;
            }
            Assert.True(r.Status == CommandInvocationStatus.Pending || r.Status == CommandInvocationStatus.InProgress, $"{r.Status}/{r.StatusDetails}");
            await Task.Delay(250);
        }
        throw new TimeoutException($"echo on {instanceId} did not finish in 60 s");
    }

    private async Task<InstanceInformation> OnlineAsync(string instanceId)
    {
        for (var i = 0; i < 120; i++)
        {
            var info = (await _emu!.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 50 })).InstanceInformationList;
            if (info?.SingleOrDefault(x => x.InstanceId == instanceId) is { } node && node.PingStatus == PingStatus.Online)
            {
                return node;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{instanceId} is not Online");
    }

    [DockerFact]
    public async Task Fleet_SurvivesEmulatorRestarts_AndAContainerStoppedBehindItsBack()
    {
        var progress = new List<FleetLaunchProgress>();
        await _emu!.Lab.LaunchAsync(new FleetLaunchRequest { Count = 1, NamePrefix = "readopt" }, new SyncProgress<FleetLaunchProgress>(progress.Add),
            CancellationToken.None);
        var id = progress.Single(p => p.Stage == "launched").InstanceId!;
        Assert.Equal("before\n", await EchoAsync(id, "before"));

        // 1. The emulator restarts on the same state directory: the running container is re-adopted and runs a command.
        await RestartEmulatorAsync();
        await OnlineAsync(id);
        Assert.Equal("after-restart\n", await EchoAsync(id, "after-restart"));

        // 2. The container stops without PatchLab asking (a Docker engine restart stops every container): re-adoption starts it.
        Docker.Run("stop", "--time", "1", DockerFleet.ContainerName(id));
        await RestartEmulatorAsync();
        // The node still looks Online (its last ping is recent); the re-adoption pass is what brings the container back.
        List<string> events = [];
        for (var i = 0; i < 120 && !events.Any(e => e.StartsWith($"Restarted {id}", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(250);
            events = [.. (await _emu!.Lab.GetOverviewAsync(CancellationToken.None)).Events.Select(e => e.Message)];
        }
        Assert.True(events.Any(e => e.StartsWith($"Restarted {id}", StringComparison.Ordinal)), string.Join("\n", events));
        Assert.Equal("running", Docker.Inspect(id).GetProperty("State").GetProperty("Status").GetString());
        Assert.Equal("after-engine-restart\n", await EchoAsync(id, "after-engine-restart"));
        var list = await _emu.Lab.GetInstancesAsync(CancellationToken.None);
        Assert.Equal("docker", list.Runtime);
        Assert.Contains("Docker engine", list.RuntimeReason, StringComparison.Ordinal);

        // 3. Terminate: the container and its disk are gone, and the node leaves SSM.
        var row = await _emu.Lab.InstanceActionAsync(id, "terminate", CancellationToken.None);
        Assert.Equal("terminated", row.State);
        Assert.Equal("", Docker.Run("ps", "-a", "--filter", $"name={DockerFleet.ContainerName(id)}", "--format", "{{.Names}}"));
        Assert.Equal("", Docker.Run("volume", "ls", "--filter", $"name={DockerFleet.VolumeName(id)}", "--format", "{{.Name}}"));
        Assert.DoesNotContain((await _emu.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 50 })).InstanceInformationList ?? [],
            i => i.InstanceId == id);
    }
}
