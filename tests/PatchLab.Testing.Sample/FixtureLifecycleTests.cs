using PatchLab.Testing;

namespace PatchLab.Testing.Sample;

/// <summary>The fixture's own promises: bad options are refused before anything starts, and dispose leaves nothing behind.</summary>
public sealed class FixtureLifecycleTests
{
    [Fact]
    public async Task InvalidOptions_AreRefusedBeforeAnythingStarts_WithEveryProblemNamed()
    {
        var builder = new PatchLabBuilder()
            .WithRuntime(PatchLabRuntime.Process)
            .WithSpeed(-1)
            .WithInstances(new InstanceGroup(0, os: "Plan9"));

        var e = await Assert.ThrowsAsync<PatchLabException>(() => builder.StartAsync());

        Assert.Contains("Clock speed -1 is invalid", e.Message, StringComparison.Ordinal);
        Assert.Contains("Instance group 1: Instance count 0 is out of range: give 1 to 200.", e.Message, StringComparison.Ordinal);
        Assert.Contains("OS 'Plan9' is not a PatchLab OS flavour; valid: AmazonLinux2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_RemovesTheInstances_StopsTheEmulator_AndDeletesItsState()
    {
        var lab = await new PatchLabBuilder().WithRuntime(PatchLabRuntime.Process).WithInstances(new InstanceGroup(1)).StartAsync();
        var endpoint = lab.Endpoint;
        var state = lab.StateDirectory;
        var id = Assert.Single(lab.InstanceIds);
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(state, "instances", id, "pid")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(IsRunning(pid));

        await lab.DisposeAsync();

        Assert.False(Directory.Exists(state));
        Assert.False(IsRunning(pid), $"agent process {pid} still runs after dispose");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(endpoint));
    }

    [Fact]
    public async Task DockerRuntime_LaunchesContainers_AndDisposeLeavesNoContainerBehind()
    {
        await using var lab = await new PatchLabBuilder().WithRuntime(PatchLabRuntime.Docker).WithInstances(new InstanceGroup(1, namePrefix: "docker")).StartAsync();
        var id = Assert.Single(lab.InstanceIds);
        Assert.Contains(id, await DockerPsAsync());

        await lab.DisposeAsync();

        Assert.DoesNotContain(id, await DockerPsAsync());
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The instance ids of every PatchLab container on this engine (running or not), as a team would check with the docker CLI.</summary>
    private static async Task<string> DockerPsAsync()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("docker", "ps -a --filter label=patchlab.instance-id --format {{.Labels}}") { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        return output;
    }
}
