using System.Net;

namespace PatchLab.Agent.Transport;

/// <summary>A request to the emulator failed: no connection (<see cref="StatusCode"/> null) or a non-success answer.</summary>
internal sealed class EmulatorRequestException : Exception
{
    public EmulatorRequestException(string message, HttpStatusCode? statusCode, Exception? inner = null) : base(message, inner)
    {
        StatusCode = statusCode;
    }

    /// <summary>HTTP status, or null when the emulator could not be reached.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>401/403: the token is refused; retrying fast will not help.</summary>
    public bool IsUnauthorized => StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>True when retrying the same request later may succeed (connection error, timeout, 5xx, 408, 429, 401/403).</summary>
    public bool IsRetryable => StatusCode is null || (int)StatusCode >= 500 || StatusCode is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests || IsUnauthorized;
}
