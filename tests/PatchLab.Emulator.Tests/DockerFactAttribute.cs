using PatchLab.Fleet.Docker;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// A fact that needs a Docker engine: skipped with "Docker unavailable: &lt;reason&gt;" on a machine without one, but run
/// (and failed with that reason) when PATCHLAB_REQUIRE_DOCKER=1, as in CI.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    private static readonly Lazy<DockerProbeResult> Probe = new(() =>
        Task.Run(() => DockerProbe.ProbeAsync(null, TimeSpan.FromSeconds(10), CancellationToken.None)).GetAwaiter().GetResult());

    public DockerFactAttribute()
    {
        if (!Probe.Value.IsAvailable && Environment.GetEnvironmentVariable("PATCHLAB_REQUIRE_DOCKER") != "1")
        {
            Skip = $"Docker unavailable: {Probe.Value.Reason}";
        }
    }

    /// <summary>Throws with the probe's reason when the engine is missing (only reached when Docker is required).</summary>
    public static void EnsureAvailable()
    {
        if (!Probe.Value.IsAvailable)
        {
            throw new InvalidOperationException($"Docker unavailable: {Probe.Value.Reason} (PATCHLAB_REQUIRE_DOCKER=1, so this fails instead of skipping)");
        }
        var agent = Path.Combine(EmulatorFixture.RepoRoot(), "artifacts", "agent", "patchlab-agent");
        if (!File.Exists(agent))
        {
            throw new InvalidOperationException($"The NativeAOT agent is missing at {agent}: run emulator/image/build-agent.sh (scripts/setup.sh does).");
        }
    }
}
