using System.Net.Http.Json;
using System.Text.Json;
using PatchLab.Contracts;
using PatchLab.Contracts.Lab;

namespace PatchLab.Client;

/// <summary>Client of the emulator-only HTTP API (dashboard overview, clock, fleet).</summary>
public sealed class LabClient : ILabClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client for the emulator at <paramref name="endpoint"/> (e.g. http://127.0.0.1:4580).</summary>
    public LabClient(Uri endpoint, HttpClient? http = null)
    {
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        Endpoint = endpoint;
    }

    /// <summary>The emulator endpoint.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc />
    public Task<OverviewDto> GetOverviewAsync(CancellationToken ct) =>
        GetAsync(LabApi.Overview, PatchLabJsonContext.Default.OverviewDto, ct);

    /// <inheritdoc />
    public Task<ClockDto> GetClockAsync(CancellationToken ct) =>
        GetAsync(LabApi.Clock, PatchLabJsonContext.Default.ClockDto, ct);

    /// <inheritdoc />
    public Task<ClockDto> ChangeClockAsync(ClockChangeRequest change, CancellationToken ct) =>
        PostAsync(LabApi.Clock, change, PatchLabJsonContext.Default.ClockChangeRequest, PatchLabJsonContext.Default.ClockDto, ct);

    /// <inheritdoc />
    public Task<ClockDto> JumpToNextExecutionAsync(string windowId, CancellationToken ct) =>
        PostAsync(LabApi.ClockNext, new ClockNextRequest { WindowId = windowId }, PatchLabJsonContext.Default.ClockNextRequest,
            PatchLabJsonContext.Default.ClockDto, ct);

    /// <summary>Launches instances, reporting each progress line as it arrives; returns the last line.</summary>
    public async Task<FleetLaunchProgress> LaunchAsync(FleetLaunchRequest request, IProgress<FleetLaunchProgress>? progress, CancellationToken ct)
    {
        using var msg = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint, LabApi.FleetLaunch))
        {
            Content = JsonContent.Create(request, PatchLabJsonContext.Default.FleetLaunchRequest),
        };
        using var resp = await _http.SendAsync(msg, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        await EnsureOkAsync(resp, ct).ConfigureAwait(false);
        using var stream = await resp.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        FleetLaunchProgress? last = null;
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            last = JsonSerializer.Deserialize(line, PatchLabJsonContext.Default.FleetLaunchProgress);
            if (last is not null)
            {
                progress?.Report(last);
            }
        }
        return last ?? throw new LabApiException("Emulator", "The launch stream ended without a result.");
    }

    /// <summary>Removes every instance this emulator launched.</summary>
    public async Task DownAsync(CancellationToken ct)
    {
        using var resp = await _http.PostAsync(new Uri(Endpoint, LabApi.FleetDown), null, ct).ConfigureAwait(false);
        await EnsureOkAsync(resp, ct).ConfigureAwait(false);
    }

    /// <summary>Instances that are not terminated, and the active runtime with the reason it was chosen.</summary>
    public Task<InstanceListDto> GetInstancesAsync(CancellationToken ct) =>
        GetAsync(LabApi.Instances, PatchLabJsonContext.Default.InstanceListDto, ct);

    /// <summary>Reboots, stops, starts or terminates an instance (<paramref name="action"/>: reboot, stop, start, terminate); returns its row.</summary>
    public Task<InstanceRow> InstanceActionAsync(string instanceId, string action, CancellationToken ct) =>
        PostEmptyAsync(LabApi.InstanceAction(instanceId, action), PatchLabJsonContext.Default.InstanceRow, ct);

    /// <summary>Adds or overwrites tags of an instance; returns its row.</summary>
    public Task<InstanceRow> TagInstanceAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        PostAsync(LabApi.InstanceTags(instanceId), new InstanceTagsRequest { Tags = tags.ToDictionary() }, PatchLabJsonContext.Default.InstanceTagsRequest,
            PatchLabJsonContext.Default.InstanceRow, ct);

    /// <summary>Removes tags of an instance by key; returns its row.</summary>
    public Task<InstanceRow> UntagInstanceAsync(string instanceId, IEnumerable<string> keys, CancellationToken ct) =>
        PostAsync(LabApi.InstanceUntag(instanceId), new InstanceUntagRequest { Keys = [.. keys] }, PatchLabJsonContext.Default.InstanceUntagRequest,
            PatchLabJsonContext.Default.InstanceRow, ct);

    /// <summary>Injects a fault (issue 7); a fault due now has started when this returns. Bad specs throw <see cref="LabApiException"/> (ValidationException).</summary>
    public Task<FaultDto> InjectFaultAsync(FaultSpec spec, CancellationToken ct) =>
        PostAsync(FaultApi.Faults, spec, PatchLabJsonContext.Default.FaultSpec, PatchLabJsonContext.Default.FaultDto, ct);

    /// <summary>Every fault of the lab, oldest first.</summary>
    public Task<FaultListDto> ListFaultsAsync(CancellationToken ct) =>
        GetAsync(FaultApi.Faults, PatchLabJsonContext.Default.FaultListDto, ct);

    /// <summary>Ends a fault now (a scheduled one never starts).</summary>
    public Task<FaultDto> ClearFaultAsync(string faultId, CancellationToken ct) =>
        PostEmptyAsync(FaultApi.Clear(faultId), PatchLabJsonContext.Default.FaultDto, ct);

    /// <summary>
    /// Stores an object in the lab's S3 stand-in, for an InstallOverrideList or BaselineOverride parameter to point at;
    /// returns its s3:// URL. A bad bucket name or key throws <see cref="LabApiException"/> (ValidationException).
    /// </summary>
    public async Task<ObjectDto> PutObjectAsync(string bucket, string key, byte[] content, CancellationToken ct)
    {
        using var body = new ByteArrayContent(content);
        using var resp = await _http.PutAsync(new Uri(Endpoint, ObjectApi.Object(bucket, key)), body, ct).ConfigureAwait(false);
        await EnsureOkAsync(resp, ct).ConfigureAwait(false);
        return (await resp.Content.ReadFromJsonAsync(PatchLabJsonContext.Default.ObjectDto, ct).ConfigureAwait(false))!;
    }

    /// <summary>Every object in the lab's S3 stand-in.</summary>
    public Task<ObjectListDto> ListObjectsAsync(CancellationToken ct) =>
        GetAsync(ObjectApi.Objects, PatchLabJsonContext.Default.ObjectListDto, ct);

    /// <summary>True when the emulator answers its health endpoint.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken ct)
    {
        try
        {
            using var resp = await _http.GetAsync(new Uri(Endpoint, LabApi.Health), ct).ConfigureAwait(false);
            return resp.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<T> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var resp = await _http.GetAsync(new Uri(Endpoint, path), ct).ConfigureAwait(false);
        await EnsureOkAsync(resp, ct).ConfigureAwait(false);
        return (await resp.Content.ReadFromJsonAsync(type, ct).ConfigureAwait(false))!;
    }

    private async Task<TOut> PostAsync<TIn, TOut>(string path, TIn body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TIn> inType,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TOut> outType, CancellationToken ct)
    {
        using var resp = await _http.PostAsync(new Uri(Endpoint, path), JsonContent.Create(body, inType), ct).ConfigureAwait(false);
        await EnsureOkAsync(resp, ct).ConfigureAwait(false);
        return (await resp.Content.ReadFromJsonAsync(outType, ct).ConfigureAwait(false))!;
    }

    private async Task<T> PostEmptyAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var resp = await _http.PostAsync(new Uri(Endpoint, path), null, ct).ConfigureAwait(false);
        await EnsureOkAsync(resp, ct).ConfigureAwait(false);
        return (await resp.Content.ReadFromJsonAsync(type, ct).ConfigureAwait(false))!;
    }

    private static async Task EnsureOkAsync(HttpResponseMessage resp, CancellationToken ct)
    {
        if (resp.IsSuccessStatusCode)
        {
            return;
        }
        var text = await resp.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        LabError? err = null;
        try
        {
            err = JsonSerializer.Deserialize(text, PatchLabJsonContext.Default.LabError);
        }
        catch (JsonException)
        {
        }
        throw new LabApiException(err?.Type ?? $"HTTP{(int)resp.StatusCode}", err?.Message ?? text);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
