using PatchLab.Fleet.Docker;

namespace PatchLab.Fleet.Docker.Tests;

/// <summary>The one engine probe shared by every [DockerFact] in the run.</summary>
public static class DockerAvailability
{
    private static readonly Lazy<DockerProbeResult> Result = new(() =>
        Task.Run(() => DockerProbe.ProbeAsync(Endpoint, TimeSpan.FromSeconds(10), CancellationToken.None)).GetAwaiter().GetResult());

    /// <summary>DOCKER_HOST when it names a unix socket, else the default socket.</summary>
    public static Uri Endpoint { get; } =
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal)
            ? new Uri(host)
            : DockerProbe.DefaultEndpoint;

    /// <summary>The probe result.</summary>
    public static DockerProbeResult Probe => Result.Value;

    /// <summary>PATCHLAB_REQUIRE_DOCKER as set for this run.</summary>
    public static string? RequireDockerVariable => Environment.GetEnvironmentVariable("PATCHLAB_REQUIRE_DOCKER");

    /// <summary>Fails the test with the probe's reason; a [DockerFact] only reaches a missing engine when Docker is required.</summary>
    public static void EnsureAvailable()
    {
        if (!Probe.IsAvailable)
        {
            throw new InvalidOperationException($"Docker unavailable: {Probe.Reason} (PATCHLAB_REQUIRE_DOCKER=1, so this fails instead of skipping)");
        }
    }
}
