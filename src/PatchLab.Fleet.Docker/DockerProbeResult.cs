namespace PatchLab.Fleet.Docker;

/// <summary>What <see cref="DockerProbe"/> found.</summary>
/// <param name="IsAvailable">True when the engine answered with a usable API version.</param>
/// <param name="Reason">"Docker Engine 20.10.24 (API 1.41) at unix:///var/run/docker.sock", or why not.</param>
/// <param name="EngineVersion">Engine version when it answered.</param>
/// <param name="ApiVersion">Engine API version when it answered.</param>
public sealed record DockerProbeResult(bool IsAvailable, string Reason, string? EngineVersion, string? ApiVersion);
