using Docker.DotNet;
using Docker.DotNet.Models;
using PatchLab.Domain.Ports;
using Version = System.Version;

namespace PatchLab.Fleet.Docker;

/// <summary>
/// Opens a Docker.DotNet client pinned to an API version both sides speak. Docker Engine 20.10 stops at API 1.41, and
/// Engine 29 refuses anything below 1.44, so no single pinned version works everywhere: ask the engine (an unversioned
/// GET /version) and use min(engine, newest this client models), as the docker CLI negotiates.
/// </summary>
public static class DockerConnection
{
    /// <summary>Oldest engine API PatchLab uses (Docker Engine 20.10): Init, PidsLimit and mounts are all older.</summary>
    public static readonly Version MinimumApiVersion = new(1, 41);

    /// <summary>Newest API requested (Docker Engine 28.x); Docker.DotNet.Enhanced 4.3.3 models newer ones.</summary>
    public static readonly Version MaximumApiVersion = new(1, 51);

    /// <summary>Connects and negotiates; throws <see cref="FleetException"/> with the reason when the engine cannot be used.</summary>
    public static async Task<(DockerClient Client, VersionResponse Engine)> ConnectAsync(Uri endpoint, TimeSpan? timeout, CancellationToken ct)
    {
        VersionResponse engine;
        using (var unversioned = Build(endpoint, null, timeout))
        {
            try
            {
                engine = await unversioned.System.GetVersionAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw new FleetException($"Cannot talk to the Docker engine at {endpoint}: {Describe(ex)}", ex);
            }
        }

        if (!Version.TryParse(engine.APIVersion, out var engineApi))
        {
            throw new FleetException($"The Docker engine at {endpoint} reported an unreadable API version '{engine.APIVersion}'.");
        }

        if (engineApi < MinimumApiVersion)
        {
            throw new FleetException(
                $"The Docker engine at {endpoint} (Engine {engine.Version}) speaks API {engineApi}; PatchLab needs {MinimumApiVersion} or newer.");
        }

        var api = engineApi < MaximumApiVersion ? engineApi : MaximumApiVersion;
        if (Version.TryParse(engine.MinAPIVersion, out var engineMin) && engineMin > api)
        {
            api = engineMin;
        }

        return (Build(endpoint, api, timeout), engine);
    }

    /// <summary>Short text for a transport failure: the innermost message, which names the real cause (ENOENT, EACCES...).</summary>
    public static string Describe(Exception ex)
    {
        if (ex is DockerApiException api)
        {
            return $"{(int)api.StatusCode} {api.ResponseBody?.Trim()}";
        }

        if (ex is TimeoutException or TaskCanceledException)
        {
            return "no answer (timed out)";
        }

        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == ex ? ex.Message : $"{ex.Message} ({inner.Message})";
    }

    /// <summary>An API version as Docker writes it.</summary>
    public static string Format(Version version) => version.ToString(2);

    private static DockerClient Build(Uri endpoint, Version? api, TimeSpan? timeout)
    {
        var builder = new DockerClientBuilder().WithEndpoint(endpoint);
        if (api is not null)
        {
            builder = builder.WithApiVersion(api);
        }

        if (timeout is { } t)
        {
            builder = builder.WithTimeout(t);
        }

        return builder.Build();
    }
}
