using Docker.DotNet.Models;
using PatchLab.Domain.Ports;
using Xunit.Abstractions;

namespace PatchLab.Fleet.Docker.Tests;

[Trait("Category", "Docker")]
public sealed class DockerFleetLifecycleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FleetSandbox? _sandbox;

    private FleetSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("InitializeAsync did not run");

    public Task InitializeAsync()
    {
        DockerAvailability.EnsureAvailable();
        _sandbox = FleetSandbox.Create();
        return Task.CompletedTask;
    }

    // Runs even when the test failed; null when InitializeAsync failed (Docker required but unavailable).
    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    [DockerFact]
    public async Task LaunchAsync_StartsIsolatedContainer_WithLabelsEnvAndLimits()
    {
        var fleet = Sandbox.Fleet();
        var spec = FleetSandbox.NewSpec(ageDays: 45);

        var instance = await fleet.LaunchAsync(spec, CancellationToken.None);

        var c = await Sandbox.InspectAsync(instance.RuntimeId);
        Assert.Equal(spec.InstanceId, instance.InstanceId);
        Assert.Equal("running", instance.State);
        Assert.True(c.State!.Running);
        Assert.Equal($"/patchlab-{spec.InstanceId}", c.Name);
        var config = c.Config!;
        var host = c.HostConfig!;
        Assert.Equal(spec.Hostname, config.Hostname);
        Assert.Equal(Sandbox.SessionId, config.Labels["patchlab.session-id"]);
        Assert.Equal(spec.InstanceId, config.Labels["patchlab.instance-id"]);
        Assert.Equal("AmazonLinux2", config.Labels["patchlab.os"]);

        // Network rule: no bridge, ever; no ports; no Docker socket.
        Assert.Equal("none", host.NetworkMode);
        Assert.Equal(["none"], c.NetworkSettings!.Networks!.Keys);
        Assert.True(host.PortBindings is null || host.PortBindings.Count == 0);
        Assert.DoesNotContain(c.Mounts!, m => m.Source!.Contains("docker.sock", StringComparison.Ordinal));
        Assert.True(host.Binds is null || host.Binds.Count == 0);
        // Two mounts only: the emulator's socket directory and the instance's own disk (a labelled named volume).
        Assert.Equal(2, c.Mounts!.Count);
        var socketMount = Assert.Single(c.Mounts!, m => m.Type == "bind");
        Assert.Equal(Sandbox.SocketDirectory, socketMount.Source);
        Assert.Equal("/run/patchlab", socketMount.Destination);
        Assert.True(socketMount.RW);
        var disk = Assert.Single(c.Mounts!, m => m.Type == "volume");
        Assert.Equal(DockerFleet.VolumeName(spec.InstanceId), disk.Name);
        Assert.Equal("/var/lib/patchlab", disk.Destination);
        Assert.True(disk.RW);
        var volume = await (await Sandbox.DockerAsync()).Volumes.InspectAsync(disk.Name!, CancellationToken.None);
        Assert.Equal(Sandbox.SessionId, volume.Labels["patchlab.session-id"]);
        Assert.Equal(spec.InstanceId, volume.Labels["patchlab.instance-id"]);
        // Read-only root filesystem; /tmp is a small tmpfs.
        Assert.True(host.ReadonlyRootfs);
        Assert.StartsWith("rw,nosuid,nodev,size=", host.Tmpfs!["/tmp"], StringComparison.Ordinal);

        Assert.Equal(["ALL"], host.CapDrop);
        Assert.True(host.CapAdd is null || host.CapAdd.Count == 0);
        Assert.False(host.Privileged);
        Assert.Contains("no-new-privileges", host.SecurityOpt);
        Assert.True(host.Init);
        Assert.Equal(128 * DockerFleetOptions.MiB, host.Memory);
        Assert.Equal(128, host.PidsLimit);
        Assert.Equal(RestartPolicyKind.No, host.RestartPolicy!.Name);
        Assert.Equal(["/usr/bin/patchlab-agent"], config.Entrypoint);

        Assert.Contains($"PATCHLAB_INSTANCE_ID={spec.InstanceId}", config.Env);
        Assert.Contains($"PATCHLAB_TOKEN={spec.Token}", config.Env);
        Assert.Contains("PATCHLAB_ENDPOINT=unix:///run/patchlab/agent.sock", config.Env);
        Assert.Contains("PATCHLAB_OS=AmazonLinux2", config.Env);
        Assert.Contains("PATCHLAB_AGE_DAYS=45", config.Env);
        Assert.Contains("PATCHLAB_CATALOG=/etc/patchlab/catalog.json", config.Env);
        Assert.Contains("PATCHLAB_STATE=/var/lib/patchlab", config.Env);
    }

    [DockerFact]
    public async Task LaunchAsync_UsesHostNetworkAndLoopbackEndpoint_WhenHostMode()
    {
        var fleet = Sandbox.Fleet(Sandbox.Options(DockerNetworkMode.Host));

        var instance = await fleet.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);

        var c = await Sandbox.InspectAsync(instance.RuntimeId);
        Assert.Equal("host", c.HostConfig!.NetworkMode);
        Assert.Contains("PATCHLAB_ENDPOINT=http://127.0.0.1:4580", c.Config!.Env);
        Assert.Single(c.Mounts!, m => m.Type == "bind" && m.Destination == "/run/patchlab");
        Assert.Equal(["ALL"], c.HostConfig!.CapDrop);
    }

    [DockerFact]
    public async Task RebootAsync_RestartsContainer_AndKeepsItsDisk()
    {
        var fleet = Sandbox.Fleet();
        var instance = await fleet.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);
        var before = await Sandbox.InspectAsync(instance.RuntimeId);

        await fleet.RebootAsync(instance.InstanceId, CancellationToken.None);

        var after = await Sandbox.InspectAsync(instance.RuntimeId);
        Assert.True(after.State!.Running);
        Assert.NotEqual(before.State!.StartedAt, after.State!.StartedAt);
        Assert.Equal(instance.RuntimeId, after.ID);
        // The stand-in agent appends a line per boot to /var/lib/patchlab: the disk survived the reboot.
        Assert.Equal("boot\nboot\n", (await Sandbox.ReadFileAsync(instance.RuntimeId, "/var/lib/patchlab/boots")).Content);
    }

    [DockerFact]
    public async Task StopAsync_ThenStartAsync_KeepsTheDisk()
    {
        var fleet = Sandbox.Fleet();
        var instance = await fleet.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);

        await fleet.StopAsync(instance.InstanceId, CancellationToken.None);
        var stopped = await fleet.ListAsync(CancellationToken.None);
        await fleet.StopAsync(instance.InstanceId, CancellationToken.None);
        await fleet.StartAsync(instance.InstanceId, CancellationToken.None);

        Assert.Equal("exited", Assert.Single(stopped).State);
        Assert.Equal("running", Assert.Single(await fleet.ListAsync(CancellationToken.None)).State);
        Assert.Equal("boot\nboot\n", (await Sandbox.ReadFileAsync(instance.RuntimeId, "/var/lib/patchlab/boots")).Content);
    }

    [DockerFact]
    public async Task TerminateAsync_RemovesContainer_AndIsIdempotent()
    {
        var fleet = Sandbox.Fleet();
        var instance = await fleet.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);

        await fleet.TerminateAsync(instance.InstanceId, CancellationToken.None);
        await fleet.TerminateAsync(instance.InstanceId, CancellationToken.None);

        Assert.Empty(await fleet.ListAsync(CancellationToken.None));
        Assert.Empty(await Sandbox.ContainersOfSessionAsync(Sandbox.SessionId));
        Assert.Empty(await Sandbox.VolumesOfSessionAsync(Sandbox.SessionId)); // the disk goes with the instance
        var ex = await Assert.ThrowsAsync<FleetException>(() => fleet.RebootAsync(instance.InstanceId, CancellationToken.None));
        Assert.Contains(instance.InstanceId, ex.Message, StringComparison.Ordinal);
    }

    [DockerFact]
    public async Task ListAsync_SeesOnlyItsOwnSession_AndLeavesOtherSessionsAlone()
    {
        var mine = Sandbox.Fleet();
        var otherSession = FleetSandbox.NewHex(12);
        var other = Sandbox.Fleet(Sandbox.Options(sessionId: otherSession));
        var a = await mine.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);
        var b = await other.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);

        var listed = await mine.ListAsync(CancellationToken.None);

        Assert.Equal([new RuntimeInstance(a.InstanceId, a.RuntimeId, "running")], listed);
        Assert.Equal([b.InstanceId], (await other.ListAsync(CancellationToken.None)).Select(i => i.InstanceId));
        var ex = await Assert.ThrowsAsync<FleetException>(() => mine.TerminateAsync(b.InstanceId, CancellationToken.None));
        Assert.Contains(otherSession, ex.Message, StringComparison.Ordinal);
        Assert.True((await Sandbox.InspectAsync(b.RuntimeId)).State!.Running);
    }

    [DockerFact]
    public async Task RemoveAllAsync_LeavesNothingWithTheSessionLabel()
    {
        var fleet = Sandbox.Fleet();
        var specs = Enumerable.Range(0, 3).Select(_ => FleetSandbox.NewSpec()).ToList();
        await Task.WhenAll(specs.Select(s => fleet.LaunchAsync(s, CancellationToken.None)));
        await fleet.StopAsync(specs[0].InstanceId, CancellationToken.None);

        await fleet.RemoveAllAsync(CancellationToken.None);

        Assert.Empty(await Sandbox.ContainersOfSessionAsync(Sandbox.SessionId));
        Assert.Empty(await Sandbox.VolumesOfSessionAsync(Sandbox.SessionId));
        Assert.Empty(await fleet.ListAsync(CancellationToken.None));
    }

    [DockerFact]
    public async Task LaunchAsync_ReportsExitCodeAndLogs_WhenAgentDiesAtOnce()
    {
        var agent = Sandbox.WriteAgent("patchlab-agent", """
            #!/bin/sh
            echo "stand-in agent starting"
            echo "fatal: cannot reach $PATCHLAB_ENDPOINT" >&2
            exit 3
            """);
        var fleet = Sandbox.Fleet(Sandbox.Options(agentPath: agent) with { StartupCheck = TimeSpan.FromSeconds(2) });
        var spec = FleetSandbox.NewSpec();

        var ex = await Assert.ThrowsAsync<FleetException>(() => fleet.LaunchAsync(spec, CancellationToken.None));
        output.WriteLine(ex.Message);

        Assert.Contains(spec.InstanceId, ex.Message, StringComparison.Ordinal);
        Assert.Matches($@"container patchlab-{spec.InstanceId} \([0-9a-f]{{64}}\)", ex.Message);
        Assert.Contains("state exited, exit code 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("stand-in agent starting", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fatal: cannot reach unix:///run/patchlab/agent.sock", ex.Message, StringComparison.Ordinal);
        // The failed launch leaves no half-made instance behind, disk included.
        Assert.Empty(await fleet.ListAsync(CancellationToken.None));
        Assert.Empty(await Sandbox.VolumesOfSessionAsync(Sandbox.SessionId));
    }

    [DockerFact]
    public async Task LaunchAsync_RebuildsImage_WhenItWasRemovedBehindItsBack()
    {
        var options = Sandbox.Options();
        var fleet = Sandbox.Fleet(options);
        await fleet.EnsureImageAsync("AmazonLinux2", null, CancellationToken.None);
        var tag = (await InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None)).Tag;
        await (await Sandbox.DockerAsync()).Images.DeleteImageAsync(tag, new ImageDeleteParameters(), CancellationToken.None);

        var instance = await fleet.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);

        Assert.Equal(tag, (await Sandbox.InspectAsync(instance.RuntimeId)).Config!.Image);
    }

    [DockerFact]
    public async Task LifecycleCalls_OnOneInstance_AreSerialised()
    {
        var fleet = Sandbox.Fleet();
        var instance = await fleet.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);

        // Without the per-instance lock these race in the engine ("container is restarting", "already in progress").
        await Task.WhenAll(
            fleet.RebootAsync(instance.InstanceId, CancellationToken.None),
            fleet.RebootAsync(instance.InstanceId, CancellationToken.None),
            fleet.RebootAsync(instance.InstanceId, CancellationToken.None));

        Assert.True((await Sandbox.InspectAsync(instance.RuntimeId)).State!.Running);
        Assert.Equal("boot\nboot\nboot\nboot\n", (await Sandbox.ReadFileAsync(instance.RuntimeId, "/var/lib/patchlab/boots")).Content);
    }

    [DockerFact]
    public async Task LaunchAsync_MakesOnlyTheDiskAndTmpWritable_AndTheDiskSurvivesAStop()
    {
        var fleet = Sandbox.Fleet();
        var instance = await fleet.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);

        var (rootCode, rootOutput) = await FleetSandbox.ExecAsync(instance.RuntimeId, "touch /etc/patchlab/evil");
        var (diskCode, _) = await FleetSandbox.ExecAsync(instance.RuntimeId, "echo kept > /var/lib/patchlab/note");
        var (tmpCode, _) = await FleetSandbox.ExecAsync(instance.RuntimeId, "echo scratch > /tmp/scratch");
        await fleet.StopAsync(instance.InstanceId, CancellationToken.None);
        await fleet.StartAsync(instance.InstanceId, CancellationToken.None);

        Assert.NotEqual(0, rootCode);
        Assert.Contains("Read-only file system", rootOutput, StringComparison.Ordinal);
        Assert.Equal(0, diskCode);
        Assert.Equal(0, tmpCode);
        Assert.Equal("kept\n", (await Sandbox.ReadFileAsync(instance.RuntimeId, "/var/lib/patchlab/note")).Content);
        // /tmp is memory: it does not survive the stop.
        Assert.NotEqual(0, (await FleetSandbox.ExecAsync(instance.RuntimeId, "test -e /tmp/scratch")).ExitCode);
    }

    [DockerFact]
    public async Task Dispose_IsIdempotent_AndLeavesContainersForReadoption()
    {
        var fleet = new DockerFleet(Sandbox.Options());
        var instance = await fleet.LaunchAsync(FleetSandbox.NewSpec(), CancellationToken.None);

        fleet.Dispose();
        fleet.Dispose();
        await fleet.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => fleet.ListAsync(CancellationToken.None));
        var readopted = await Sandbox.Fleet().ListAsync(CancellationToken.None);
        Assert.Equal([instance.InstanceId], readopted.Select(i => i.InstanceId));
    }
}
