using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using PatchLab.Fleet.Process;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// A fact that needs the published NativeAOT agent (artifacts/agent/patchlab-agent): skipped with the reason when it is
/// missing, but failed when PATCHLAB_REQUIRE_DOCKER=1 (CI builds the agent in set-up).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AgentFactAttribute : FactAttribute
{
    public static string AgentPath { get; } = Path.Combine(EmulatorFixture.RepoRoot(), "artifacts", "agent", "patchlab-agent");

    public AgentFactAttribute()
    {
        if (!File.Exists(AgentPath) && Environment.GetEnvironmentVariable("PATCHLAB_REQUIRE_DOCKER") != "1")
        {
            Skip = $"Agent binary missing at {AgentPath}: run emulator/image/build-agent.sh";
        }
    }
}

/// <summary>
/// The process runtime (issue 5): the real agent binary as host processes, one directory per instance under the
/// emulator's state directory, chosen when asked for or when no Docker engine answers.
/// </summary>
public sealed class ProcessRuntimeTests : IAsyncLifetime
{
    private EmulatorFixture? _emu;

    public Task InitializeAsync() => Task.CompletedTask;

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

    private static Task<EmulatorFixture> StartAsync(string? stateDir = null, string runtime = "process", Uri? dockerEndpoint = null) =>
        EmulatorFixture.StartAsync(stateDir: stateDir, configure: o => o with
        {
            UseDocker = true, Runtime = runtime, DockerEndpoint = dockerEndpoint ?? o.DockerEndpoint, AgentSilenceGrace = TimeSpan.FromSeconds(2),
        });

    private async Task<string> EchoAsync(string instanceId, string script)
    {
        var cmd = (await _emu!.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = [instanceId], Parameters = new() { ["commands"] = [script] },
        })).Command;
        for (var i = 0; i < 120; i++)
        {
            var r = await _emu.Ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = cmd.CommandId, InstanceId = instanceId });
            if (r.Status == CommandInvocationStatus.Success)
            {
                return r.StandardOutputContent;
            }
            Assert.True(r.Status == CommandInvocationStatus.Pending || r.Status == CommandInvocationStatus.InProgress, $"{r.Status}/{r.StatusDetails}: {r.StandardErrorContent}");
            await Task.Delay(250);
        }
        throw new TimeoutException($"the command on {instanceId} did not finish in 30 s");
    }

    private async Task WaitOnlineAsync(string instanceId)
    {
        for (var i = 0; i < 120; i++)
        {
            var row = (await _emu!.Lab.GetInstancesAsync(CancellationToken.None)).Instances.SingleOrDefault(r => r.InstanceId == instanceId);
            if (row is { State: "running", PingStatus: "Online" })
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{instanceId} did not come Online");
    }

    [AgentFact]
    public async Task ProcessRuntime_RunsTheRealAgent_ThroughTheWholeLifecycle_AndOutlivesTheEmulator()
    {
        _emu = await StartAsync();
        var list = await _emu.Lab.GetInstancesAsync(CancellationToken.None);
        Assert.Equal("process", list.Runtime);
        Assert.Contains("--runtime process", list.RuntimeReason, StringComparison.Ordinal);

        var progress = new List<FleetLaunchProgress>();
        var last = await _emu.Lab.LaunchAsync(new FleetLaunchRequest { Count = 2, NamePrefix = "proc" }, new SyncProgress<FleetLaunchProgress>(progress.Add),
            CancellationToken.None);
        Assert.Equal("2 instance(s) online", last.Message);
        var ids = progress.Where(p => p.Stage == "launched").Select(p => p.InstanceId!).ToList();
        var dir = Path.Combine(_emu.StateDirectory, "instances", ids[0]);

        // A real shell script, in the instance's own directory, with the instance's identity.
        var output = (await EchoAsync(ids[0], "echo \"$AWS_SSM_INSTANCE_ID\"; pwd")).Split('\n');
        Assert.Equal(ids[0], output[0]);
        Assert.StartsWith(Path.Combine(dir, "state", "orchestration"), output[1], StringComparison.Ordinal);
        if (!System.OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "instance.json"))); // the token file
        }

        // Stop, start and reboot act on the agent process; its directory (the disk) stays.
        var kept = Path.Combine(dir, "state", "kept-across-stop");
        await EchoAsync(ids[0], $"echo kept > {kept}");
        Assert.Equal("stopped", (await _emu.Lab.InstanceActionAsync(ids[0], "stop", CancellationToken.None)).State);
        Assert.Equal("exited", (await new ProcessFleet(ProcessFleetOptions.ForRepository(EmulatorFixture.RepoRoot(), _emu.StateDirectory, "/unused"))
            .ListAsync(CancellationToken.None)).Single(i => i.InstanceId == ids[0]).State);
        await _emu.Lab.InstanceActionAsync(ids[0], "start", CancellationToken.None);
        await WaitOnlineAsync(ids[0]);
        Assert.Equal("kept", (await EchoAsync(ids[0], $"cat {kept}")).Trim());
        var boot = _emu.Get<InstanceRepository>().Get(ids[1])!.LastBoot;
        await _emu.Lab.InstanceActionAsync(ids[1], "reboot", CancellationToken.None);
        await WaitOnlineAsync(ids[1]);
        Assert.NotEqual(boot, _emu.Get<InstanceRepository>().Get(ids[1])!.LastBoot);

        // The agents outlive the emulator (their own session) and are re-adopted from their pid files.
        var stateDir = _emu.StateDirectory;
        var pid = await File.ReadAllTextAsync(Path.Combine(dir, "pid"));
        await _emu.StopAsync();
        _emu = null;
        _emu = await StartAsync(stateDir);
        await WaitOnlineAsync(ids[0]);
        Assert.Equal("again", (await EchoAsync(ids[0], "echo again")).Trim());
        Assert.Equal(pid, await File.ReadAllTextAsync(Path.Combine(dir, "pid"))); // the same process, not a new one

        // Terminate removes the process and its directory.
        await _emu.Lab.InstanceActionAsync(ids[0], "terminate", CancellationToken.None);
        Assert.False(Directory.Exists(dir));
    }

    [AgentFact]
    public async Task AutoRuntime_FallsBackToHostProcesses_AndSaysWhy_WhenNoDockerEngineAnswers()
    {
        _emu = await StartAsync(runtime: "auto", dockerEndpoint: new Uri("unix:///nonexistent/patchlab-test-docker.sock"));

        var list = await _emu.Lab.GetInstancesAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = _emu.Endpoint };
        var health = JsonDocument.Parse(await http.GetStringAsync(LabApi.Health)).RootElement;

        Assert.Equal("process", list.Runtime);
        Assert.StartsWith("Docker unavailable (", list.RuntimeReason, StringComparison.Ordinal);
        Assert.EndsWith("agents run as host processes, without isolation", list.RuntimeReason, StringComparison.Ordinal);
        Assert.Equal("process", health.GetProperty("runtime").GetString());
        Assert.Equal(list.RuntimeReason, health.GetProperty("runtimeReason").GetString());
    }
}
