using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Docker;

/// <summary>Answers "can PatchLab use a Docker engine here?" with a reason, for the emulator's runtime choice and [DockerFact].</summary>
public static class DockerProbe
{
    /// <summary>The default engine endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("unix:///var/run/docker.sock");

    /// <summary>Asks the engine at <paramref name="endpoint"/> (default unix:///var/run/docker.sock) for its version; never throws for engine trouble.</summary>
    public static async Task<DockerProbeResult> ProbeAsync(Uri? endpoint, TimeSpan timeout, CancellationToken ct)
    {
        endpoint ??= DefaultEndpoint;
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.AbsolutePath))
        {
            return new DockerProbeResult(false, $"socket {endpoint.AbsolutePath} does not exist (is dockerd running?)", null, null);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var (client, engine) = await DockerConnection.ConnectAsync(endpoint, timeout, deadline.Token).ConfigureAwait(false);
            using (client)
            {
                // A ping on the negotiated version proves the pinned client works, not only the unversioned probe.
                await client.System.PingAsync(deadline.Token).ConfigureAwait(false);
                var api = client.Options.ApiVersion is { } v ? DockerConnection.Format(v) : "unversioned";
                return new DockerProbeResult(true, $"Docker Engine {engine.Version} (API {engine.APIVersion}, using {api}) at {endpoint}",
                    engine.Version, engine.APIVersion);
            }
        }
        catch (FleetException ex)
        {
            return new DockerProbeResult(false, ex.Message, null, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DockerProbeResult(false, $"the Docker engine at {endpoint} did not answer within {timeout.TotalSeconds:0.#} s", null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DockerProbeResult(false, $"cannot talk to the Docker engine at {endpoint}: {DockerConnection.Describe(ex)}", null, null);
        }
    }
}
