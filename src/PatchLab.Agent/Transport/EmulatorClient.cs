using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PatchLab.Agent.Hosting;
using PatchLab.Contracts;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Transport;

/// <summary>
/// The agent side of the agent protocol (SSM's MDS channel: GetMessages, AcknowledgeMessage, SendReply). Every request
/// is a POST of camelCase JSON carrying the instance id and token headers, over TCP or a unix socket.
/// </summary>
internal sealed class EmulatorClient : IDisposable
{
    private readonly AgentHttp _http;
    private readonly AgentOptions _options;
    private readonly string _target;
    private readonly KeyValuePair<string, string>[] _identity;

    public EmulatorClient(AgentOptions options)
    {
        _options = options;
        var endpoint = EmulatorEndpointParser.Parse(options.Endpoint);
        _target = endpoint.SocketPath is { } path ? $"unix socket {path}" : endpoint.BaseAddress.ToString();
        _http = new AgentHttp(endpoint);
        _identity = [new(AgentProtocol.InstanceHeader, options.InstanceId), new(AgentProtocol.TokenHeader, options.Token)];
    }

    public Task<AgentClock> RegisterAsync(AgentRegisterRequest request, CancellationToken ct) =>
        PostAsync("register", request, PatchLabJsonContext.Default.AgentRegisterRequest, PatchLabJsonContext.Default.AgentClock,
            _options.RequestTimeout, ct);

    /// <summary>Long poll: the emulator holds the request up to <paramref name="waitSeconds"/>.</summary>
    public Task<AgentPollResponse> PollAsync(int waitSeconds, CancellationToken ct) =>
        PostAsync("poll", new AgentPollRequest { WaitSeconds = waitSeconds }, PatchLabJsonContext.Default.AgentPollRequest,
            PatchLabJsonContext.Default.AgentPollResponse, TimeSpan.FromSeconds(waitSeconds) + _options.RequestTimeout, ct);

    public Task AckAsync(string messageId, CancellationToken ct) =>
        PostAsync("ack", new AgentAckRequest { MessageId = messageId }, PatchLabJsonContext.Default.AgentAckRequest, ct);

    public Task ReplyAsync(AgentReply reply, CancellationToken ct) =>
        PostAsync("reply", reply, PatchLabJsonContext.Default.AgentReply, ct);

    public Task PatchReportAsync(AgentPatchReport report, CancellationToken ct) =>
        PostAsync("patch-report", report, PatchLabJsonContext.Default.AgentPatchReport, ct);

    public Task<AgentSnapshotResponse> SnapshotAsync(AgentSnapshotRequest request, CancellationToken ct) =>
        PostAsync("snapshot", request, PatchLabJsonContext.Default.AgentSnapshotRequest, PatchLabJsonContext.Default.AgentSnapshotResponse,
            _options.RequestTimeout, ct);

    /// <summary>An S3 object a document parameter names (InstallOverrideList), from the emulator's object store.</summary>
    public Task<AgentObjectResponse> ObjectAsync(string url, CancellationToken ct) =>
        PostAsync("object", new AgentObjectRequest { Url = url }, PatchLabJsonContext.Default.AgentObjectRequest,
            PatchLabJsonContext.Default.AgentObjectResponse, _options.RequestTimeout, ct);

    public void Dispose() => _http.Dispose();

    private async Task PostAsync<TRequest>(string name, TRequest body, JsonTypeInfo<TRequest> requestInfo, CancellationToken ct) =>
        await SendAsync(name, body, requestInfo, _options.RequestTimeout, ct).ConfigureAwait(false);

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string name, TRequest body, JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResponse> responseInfo, TimeSpan timeout, CancellationToken ct)
    {
        var response = await SendAsync(name, body, requestInfo, timeout, ct).ConfigureAwait(false);
        try
        {
            var value = response.Body.Length == 0 ? default : JsonSerializer.Deserialize(response.Body, responseInfo);
            return value ?? throw new EmulatorRequestException($"{name}: empty response body", response.Status);
        }
        catch (JsonException ex)
        {
            // A malformed answer is treated like a broken connection: retried later.
            throw new EmulatorRequestException($"{name}: unreadable response: {ex.Message}", null, ex);
        }
    }

    private async Task<AgentHttp.Response> SendAsync<TRequest>(string name, TRequest body, JsonTypeInfo<TRequest> requestInfo,
        TimeSpan timeout, CancellationToken ct)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        AgentHttp.Response response;
        try
        {
            response = await _http.PostAsync(AgentProtocol.Prefix.TrimStart('/') + "/" + name, JsonSerializer.SerializeToUtf8Bytes(body, requestInfo),
                _identity, timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new EmulatorRequestException($"{name}: no answer within {timeout.TotalSeconds:0} s", null, ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException && !ct.IsCancellationRequested)
        {
            throw new EmulatorRequestException($"{name}: cannot reach {_target}: {Describe(ex)}", null, ex);
        }

        if (response.IsSuccess)
        {
            return response;
        }
        // The status code is what matters; the body is only for the log.
        var text = Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(response.Body.Length, 300)));
        throw new EmulatorRequestException(
            $"{name}: HTTP {(int)response.Status} {response.Status}{(text.Length > 0 ? ": " + text.ReplaceLineEndings(" ") : "")}",
            response.Status);
    }

    private static string Describe(Exception ex) => ex.GetBaseException() switch
    {
        SocketException socket => $"{socket.SocketErrorCode} ({socket.Message})",
        var inner => inner.Message,
    };
}
