namespace PatchLab.Fleet.Docker.Tests;

public sealed class DockerProbeTests
{
    [Fact]
    public async Task ProbeAsync_ExplainsWhy_WhenSocketIsMissing()
    {
        var result = await DockerProbe.ProbeAsync(new Uri("unix:///nonexistent/docker.sock"), TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.False(result.IsAvailable);
        Assert.Contains("/nonexistent/docker.sock does not exist", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // available: always run
    [InlineData(true, null, null)]
    [InlineData(true, "1", null)]
    // unavailable on a laptop: skip loudly with the reason
    [InlineData(false, null, "Docker unavailable: socket gone")]
    [InlineData(false, "0", "Docker unavailable: socket gone")]
    // unavailable in CI (PATCHLAB_REQUIRE_DOCKER=1): run, and fail in EnsureAvailable
    [InlineData(false, "1", null)]
    public void SkipReason_SkipsOnlyWhenDockerIsOptional(bool available, string? requireDocker, string? expected)
    {
        var probe = new DockerProbeResult(available, "socket gone", null, null);

        Assert.Equal(expected, DockerFactAttribute.SkipReason(probe, requireDocker));
    }

    [DockerFact]
    public async Task ProbeAsync_ReportsEngineAndApiVersion_WhenEngineAnswers()
    {
        DockerAvailability.EnsureAvailable();

        var result = await DockerProbe.ProbeAsync(DockerAvailability.Endpoint, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(result.IsAvailable, result.Reason);
        Assert.NotNull(result.ApiVersion);
        Assert.Contains($"API {result.ApiVersion}", result.Reason, StringComparison.Ordinal);
    }
}
