namespace PatchLab.Agent.Transport;

/// <summary>Where the emulator listens: a TCP base address, or a unix socket reached with a placeholder host.</summary>
/// <param name="BaseAddress">Base address requests are built on.</param>
/// <param name="SocketPath">Unix socket path, or null for TCP.</param>
internal sealed record EmulatorEndpoint(Uri BaseAddress, string? SocketPath);
