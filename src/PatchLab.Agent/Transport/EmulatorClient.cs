using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
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
    private readonly HttpClient _http;
    private readonly AgentOptions _options;
    private readonly string _target;

    public EmulatorClient(AgentOptions options)
    {
        _options = options;
        var endpoint = EmulatorEndpointParser.Parse(options.Endpoint);
        _target = endpoint.SocketPath is { } path ? $"unix socket {path}" : endpoint.BaseAddress.ToString();
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseProxy = false,
        };
        if (endpoint.SocketPath is { } socketPath)
        {
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = endpoint.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
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

    private async Task PostAsync<TRequest>(string name, TRequest body, JsonTypeInfo<TRequest> requestInfo, CancellationToken ct)
    {
        using var response = await SendAsync(name, body, requestInfo, _options.RequestTimeout, ct).ConfigureAwait(false);
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string name, TRequest body, JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResponse> responseInfo, TimeSpan timeout, CancellationToken ct)
    {
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var response = await SendAsync(name, body, requestInfo, timeout, ct).ConfigureAwait(false);
        try
        {
            var value = await response.Content.ReadFromJsonAsync(responseInfo, timeoutCts.Token).ConfigureAwait(false);
            return value ?? throw new EmulatorRequestException($"{name}: empty response body", response.StatusCode);
        }
        catch (JsonException ex)
        {
            // A malformed answer is treated like a broken connection: retried later.
            throw new EmulatorRequestException($"{name}: unreadable response: {ex.Message}", null, ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new EmulatorRequestException($"{name}: timed out reading the response", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new EmulatorRequestException($"{name}: {ex.Message}", null, ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync<TRequest>(string name, TRequest body, JsonTypeInfo<TRequest> requestInfo,
        TimeSpan timeout, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AgentProtocol.Prefix.TrimStart('/') + "/" + name)
        {
            // Buffered, so the request carries Content-Length: not every server (or proxy) accepts a chunked body.
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestInfo))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            },
        };
        request.Headers.Add(AgentProtocol.InstanceHeader, _options.InstanceId);
        request.Headers.Add(AgentProtocol.TokenHeader, _options.Token);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new EmulatorRequestException($"{name}: no answer within {timeout.TotalSeconds:0} s", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new EmulatorRequestException($"{name}: cannot reach {_target}: {Describe(ex)}", null, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = "";
            try
            {
                text = await response.Content.ReadAsStringAsync(timeoutCts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                // The status code is what matters; the body is only for the log.
            }

            if (text.Length > 300)
            {
                text = text[..300];
            }
            throw new EmulatorRequestException(
                $"{name}: HTTP {(int)response.StatusCode} {response.StatusCode}{(text.Length > 0 ? ": " + text.ReplaceLineEndings(" ") : "")}",
                response.StatusCode);
        }
    }

    private static string Describe(HttpRequestException ex) => ex.GetBaseException() switch
    {
        SocketException socket => $"{socket.SocketErrorCode} ({socket.Message})",
        var inner => inner.Message,
    };
}
