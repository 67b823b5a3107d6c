using PatchLab.Fleet.Docker;

namespace PatchLab.Labs.Tests;

/// <summary>
/// A fact that needs a Docker engine and the NativeAOT agent: skipped with the reason on a machine without them, failed
/// instead when PATCHLAB_REQUIRE_DOCKER=1 (as in CI). Same pattern as PatchLab.Emulator.Tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    private static readonly Lazy<DockerProbeResult> Probe = new(() =>
        Task.Run(() => DockerProbe.ProbeAsync(null, TimeSpan.FromSeconds(10), CancellationToken.None)).GetAwaiter().GetResult());

    private static string AgentPath => Path.Combine(FixtureLabTests.RepoRoot(), "artifacts", "agent", "patchlab-agent");

    public DockerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PATCHLAB_REQUIRE_DOCKER") == "1")
        {
            return;
        }
        if (!Probe.Value.IsAvailable)
        {
            Skip = $"Docker unavailable: {Probe.Value.Reason}";
        }
        else if (!File.Exists(AgentPath))
        {
            Skip = $"Agent binary missing at {AgentPath}: run emulator/image/build-agent.sh";
        }
    }

    /// <summary>Throws with the reason when the engine or the agent is missing (reached only when Docker is required).</summary>
    public static void EnsureAvailable()
    {
        if (!Probe.Value.IsAvailable)
        {
            throw new InvalidOperationException($"Docker unavailable: {Probe.Value.Reason} (PATCHLAB_REQUIRE_DOCKER=1, so this fails instead of skipping)");
        }
        if (!File.Exists(AgentPath))
        {
            throw new InvalidOperationException($"The NativeAOT agent is missing at {AgentPath}: run emulator/image/build-agent.sh.");
        }
    }
}
