using PatchLab.Fleet.Docker;

namespace PatchLab.Fleet.Docker.Tests;

/// <summary>
/// A fact that needs a Docker engine. The engine is probed once per test run. Without one the test is skipped with
/// "Docker unavailable: &lt;reason&gt;", unless PATCHLAB_REQUIRE_DOCKER=1: then it runs and fails with that reason
/// (see <see cref="DockerAvailability.EnsureAvailable"/>), because in CI a missing engine is a failure, never a skip.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DockerFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from the shared probe.</summary>
    public DockerFactAttribute() => Skip = SkipReason(DockerAvailability.Probe, DockerAvailability.RequireDockerVariable);

    /// <summary>The skip text, or null when the test must run.</summary>
    public static string? SkipReason(DockerProbeResult probe, string? requireDocker) =>
        probe.IsAvailable || requireDocker == "1" ? null : $"Docker unavailable: {probe.Reason}";
}
