using Microsoft.AspNetCore.Server.Kestrel.Core;
using PatchLab.Emulator.Wire;

namespace PatchLab.Emulator.Hosting;

/// <summary>
/// Kestrel's request limits for the emulator host, set explicitly instead of left to Kestrel's defaults (issue 8). A client
/// that sends its headers too slowly, or a body below the minimum data rate after the grace period, has its connection
/// closed (Kestrel answers 408 when it still can); a body over <see cref="MaxRequestBodySize"/> is refused with an
/// AWS-shaped 413 RequestEntityTooLarge by the SSM endpoint, whether it announced its length or came chunked.
/// </summary>
/// <remarks>
/// The body limit is the wire layer's own (<see cref="SsmRouter.MaxBodyBytes"/>, 1 MiB), for every endpoint: the agent's
/// largest message (a patch report of the Debian 12 catalog) is far below it. Agents' long-polls wait for the response,
/// not the request, so the body data rate never applies to them; the keep-alive timeout only closes idle connections.
/// </remarks>
public sealed record RequestLimits
{
    /// <summary>Time to receive all request headers (Kestrel's default is 30 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Minimum request body rate, enforced after <see cref="MinRequestBodyGracePeriod"/> (Kestrel's default rate).</summary>
    public double MinRequestBodyBytesPerSecond { get; init; } = 240;

    /// <summary>Grace before the body rate is enforced.</summary>
    public TimeSpan MinRequestBodyGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Idle keep-alive connections are closed after this (AWS SDKs reuse connections for less).</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>Largest request body on any endpoint: the SSM wire layer's limit.</summary>
    public long MaxRequestBodySize { get; init; } = SsmRouter.MaxBodyBytes;

    /// <summary>Request headers in total (SigV4 headers are well under 4 KiB).</summary>
    public int MaxRequestHeadersTotalSize { get; init; } = 32 * 1024;

    /// <summary>Number of request headers.</summary>
    public int MaxRequestHeaderCount { get; init; } = 100;

    /// <summary>Applies the limits to Kestrel.</summary>
    public void ApplyTo(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(MinRequestBodyBytesPerSecond, MinRequestBodyGracePeriod);
        limits.KeepAliveTimeout = KeepAliveTimeout;
        limits.MaxRequestBodySize = MaxRequestBodySize;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = MaxRequestHeaderCount;
    }
}
