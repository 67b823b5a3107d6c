using System.Net;
using System.Net.Sockets;
using System.Text;
using PatchLab.Agent.Transport;

namespace PatchLab.Agent.Tests;

/// <summary>
/// The agent's own HTTP/1.1 client against a raw socket server that answers exactly the bytes each test scripts: body
/// framings, keep-alive reuse, a server closing an idle connection, cancellation and malformed answers.
/// </summary>
public sealed class AgentHttpTests : IAsyncLifetime
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<string> _requests = [];
    private int _connections;
    private volatile bool _closeAfterAnswer;

    /// <summary>Answers each request read on a connection; null closes the connection instead.</summary>
    private Func<string, int, string?> _answer = (_, _) => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";

    public Task InitializeAsync()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _listener.Stop();
        return Task.CompletedTask;
    }

    private AgentHttp Client() =>
        new(new EmulatorEndpoint(new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/"), null));

    private static readonly KeyValuePair<string, string>[] Headers = [new("X-PatchLab-Instance", "i-0123456789abcdef0")];

    [Fact]
    public async Task Post_SendsContentLengthAndHeaders_AndReadsAContentLengthBody()
    {
        _answer = (_, _) => "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
        using var http = Client();

        var r = await http.PostAsync("agent/v1/poll", Encoding.UTF8.GetBytes("{\"waitSeconds\":0}"), Headers, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("{\"ok\":true}", Encoding.UTF8.GetString(r.Body));
        var request = Assert.Single(_requests);
        Assert.StartsWith("POST /agent/v1/poll HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 17\r\n", request, StringComparison.Ordinal);
        Assert.Contains("X-PatchLab-Instance: i-0123456789abcdef0\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n{\"waitSeconds\":0}", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ReadsAChunkedBody_WithExtensionsAndTrailers()
    {
        _answer = (_, _) => "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;name=x\r\n{\"a\"\r\n9\r\n:[1,2,3]}\r\n0\r\nX-Trailer: 1\r\n\r\n";
        using var http = Client();

        var r = await http.PostAsync("x", [], Headers, CancellationToken.None);

        Assert.Equal("{\"a\":[1,2,3]}", Encoding.UTF8.GetString(r.Body));
    }

    [Fact]
    public async Task KeepAlive_ReusesOneConnection_AndAServerThatClosedItIsRetriedOnANewOne()
    {
        using var http = Client();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("x", [], Headers, CancellationToken.None)).Status);
        }
        Assert.Equal(1, Volatile.Read(ref _connections));

        // The server now drops the idle connection without answering the next request on it.
        _answer = (_, n) => n == 3 ? null : "HTTP/1.1 204 No Content\r\n\r\n";
        var r = await http.PostAsync("x", [], Headers, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, r.Status);
        Assert.Empty(r.Body);
        Assert.Equal(2, Volatile.Read(ref _connections));
    }

    [Fact]
    public async Task ErrorStatus_IsReturnedWithItsBody_AndConnectionCloseIsHonoured()
    {
        _answer = (_, _) => "HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 12\r\n\r\n{\"no\":\"no\"}\n";
        using var http = Client();

        var first = await http.PostAsync("x", [], Headers, CancellationToken.None);
        await http.PostAsync("x", [], Headers, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Forbidden, first.Status);
        Assert.False(first.IsSuccess);
        Assert.Equal("{\"no\":\"no\"}\n", Encoding.UTF8.GetString(first.Body));
        Assert.Equal(2, Volatile.Read(ref _connections));
    }

    [Fact]
    public async Task Cancellation_EndsAHeldRequest()
    {
        _answer = (_, _) => "HOLD";
        using var http = Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.PostAsync("x", [], Headers, cts.Token));
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: nine\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"short\"")]
    public async Task MalformedOrTruncatedAnswers_AreIOErrors(string answer)
    {
        _answer = (_, _) => answer;
        _closeAfterAnswer = true;
        using var http = Client();

        await Assert.ThrowsAsync<IOException>(() => http.PostAsync("x", [], Headers, CancellationToken.None));
    }

    [Fact]
    public async Task NoServer_IsASocketError()
    {
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _listener.Stop();
        using var http = new AgentHttp(new EmulatorEndpoint(new Uri($"http://127.0.0.1:{port}/"), null));

        var ex = await Assert.ThrowsAsync<SocketException>(() => http.PostAsync("x", [], Headers, CancellationToken.None));
        Assert.Equal(SocketError.ConnectionRefused, ex.SocketErrorCode);
    }

    private async Task AcceptLoopAsync()
    {
        var served = 0;
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(async () =>
            {
                using var c = client;
                var stream = c.GetStream();
                var buffer = new byte[65536];
                var pending = "";
                while (true)
                {
                    var n = await stream.ReadAsync(buffer);
                    if (n == 0)
                    {
                        return;
                    }
                    pending += Encoding.UTF8.GetString(buffer, 0, n);
                    var end = pending.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0)
                    {
                        continue;
                    }
                    var lengthLine = pending.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.Ordinal));
                    var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim());
                    if (pending.Length < end + 4 + length)
                    {
                        continue;
                    }
                    var request = pending[..(end + 4 + length)];
                    pending = pending[(end + 4 + length)..];
                    lock (_requests)
                    {
                        _requests.Add(request);
                    }
                    var answer = _answer(request, Interlocked.Increment(ref served) - 1);
                    if (answer is null)
                    {
                        return;
                    }
                    if (answer == "HOLD")
                    {
                        await Task.Delay(TimeSpan.FromSeconds(10));
                        return;
                    }
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(answer));
                    if (_closeAfterAnswer || answer.Contains("Connection: close", StringComparison.Ordinal))
                    {
                        return;
                    }
                }
            });
        }
    }
}
