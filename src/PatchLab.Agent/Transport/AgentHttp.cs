using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PatchLab.Agent.Transport;

/// <summary>
/// The agent's HTTP/1.1 client: POST with a Content-Length body, a response read whole (Content-Length or chunked), idle
/// keep-alive connections reused, over a unix socket or plain TCP to the emulator. It replaces HttpClient because the
/// agent runs in every instance of the fleet and SocketsHttpHandler's code (HTTP/2, proxies, TLS, cookies, redirects: none
/// of which the agent protocol uses) was a large part of each agent's resident memory.
/// </summary>
internal sealed class AgentHttp : IDisposable
{
    private const int MaxHeaderBytes = 32 * 1024;
    private const int MaxBodyBytes = 64 * 1024 * 1024;
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(60);

    private readonly EmulatorEndpoint _endpoint;
    private readonly string _hostHeader;
    private readonly ConcurrentBag<Connection> _idle = [];
    private volatile bool _disposed;

    public AgentHttp(EmulatorEndpoint endpoint)
    {
        _endpoint = endpoint;
        if (endpoint.SocketPath is null && endpoint.BaseAddress.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"{endpoint.BaseAddress}: the agent speaks plain http:// or unix:// to the emulator", nameof(endpoint));
        }
        _hostHeader = endpoint.SocketPath is null ? endpoint.BaseAddress.Authority : "localhost";
    }

    /// <summary>A finished exchange: the status and the whole body.</summary>
    public readonly record struct Response(HttpStatusCode Status, byte[] Body)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="relativePath"/> (relative to the base address).</summary>
    /// <exception cref="SocketException">No connection.</exception>
    /// <exception cref="IOException">The connection broke or the answer is not HTTP/1.1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired (the connection is closed).</exception>
    public async Task<Response> PostAsync(string relativePath, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = BuildRequest(_endpoint.BaseAddress.AbsolutePath.TrimEnd('/') + "/" + relativePath.TrimStart('/'), body, headers);
        // A reused connection may have been closed by the server meanwhile: that attempt is retried once on a new one
        // (safe, since nothing of the request reached the server when the write or the first read fails that way).
        while (TakeIdle() is { } reused)
        {
            try
            {
                return await ExchangeAsync(reused, request, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException && reused.NothingReceived && !ct.IsCancellationRequested)
            {
                reused.Dispose();
            }
        }
        var fresh = await ConnectAsync(ct).ConfigureAwait(false);
        return await ExchangeAsync(fresh, request, ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var c))
        {
            c.Dispose();
        }
    }

    private Connection? TakeIdle()
    {
        while (_idle.TryTake(out var c))
        {
            if (Environment.TickCount64 - c.IdleSince < IdleLifetime.TotalMilliseconds)
            {
                return c;
            }
            c.Dispose();
        }
        return null;
    }

    private byte[] BuildRequest(string path, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var head = new StringBuilder(256)
            .Append("POST ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(_hostHeader).Append("\r\n")
            .Append("Content-Type: application/json; charset=utf-8\r\n")
            .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            if (name.AsSpan().IndexOfAny("\r\n:") >= 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"header {name} holds a line break or colon", nameof(headers));
            }
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        head.Append("\r\n");
        var bytes = new byte[Encoding.ASCII.GetByteCount(head.ToString()) + body.Length];
        var n = Encoding.ASCII.GetBytes(head.ToString(), bytes);
        body.CopyTo(bytes, n);
        return bytes;
    }

    private async Task<Connection> ConnectAsync(CancellationToken ct)
    {
        EndPoint target = _endpoint.SocketPath is { } path
            ? new UnixDomainSocketEndPoint(path)
            : new DnsEndPoint(_endpoint.BaseAddress.Host, _endpoint.BaseAddress.Port);
        var socket = _endpoint.SocketPath is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(target, ct).ConfigureAwait(false);
            return new Connection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<Response> ExchangeAsync(Connection c, byte[] request, CancellationToken ct)
    {
        var keep = false;
        // Cancelling mid-exchange closes the socket, which ends any pending read or write.
        using var abort = ct.Register(static s => ((Connection)s!).Dispose(), c);
        try
        {
            c.NothingReceived = true;
            await c.Stream.WriteAsync(request, ct).ConfigureAwait(false);
            var (status, length, chunked, close) = await ReadHeadAsync(c, ct).ConfigureAwait(false);
            var body = chunked ? await ReadChunkedAsync(c, ct).ConfigureAwait(false)
                : length is { } n ? await ReadExactAsync(c, n, ct).ConfigureAwait(false)
                : close ? await ReadToEndAsync(c, ct).ConfigureAwait(false)
                : [];
            keep = !close && (chunked || length is not null || body.Length == 0);
            return new Response((HttpStatusCode)status, body);
        }
        catch (ObjectDisposedException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        catch (IOException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        catch (SocketException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        finally
        {
            if (keep && !_disposed && !ct.IsCancellationRequested)
            {
                c.IdleSince = Environment.TickCount64;
                _idle.Add(c);
            }
            else
            {
                c.Dispose();
            }
        }
    }

    private static async Task<(int Status, int? Length, bool Chunked, bool Close)> ReadHeadAsync(Connection c, CancellationToken ct)
    {
        var statusLine = await ReadLineAsync(c, ct).ConfigureAwait(false);
        // "HTTP/1.1 200 OK"
        if (!statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) || statusLine.Length < 12
            || !int.TryParse(statusLine.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException($"not an HTTP/1.x status line: '{Truncate(statusLine)}'");
        }
        var close = statusLine.StartsWith("HTTP/1.0", StringComparison.Ordinal);
        int? length = null;
        var chunked = false;
        var total = statusLine.Length;
        while (true)
        {
            var line = await ReadLineAsync(c, ct).ConfigureAwait(false);
            if (line.Length == 0)
            {
                break;
            }
            total += line.Length;
            if (total > MaxHeaderBytes)
            {
                throw new IOException($"response headers longer than {MaxHeaderBytes} bytes");
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new IOException($"malformed response header '{Truncate(line)}'");
            }
            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxBodyBytes)
                {
                    throw new IOException($"bad Content-Length '{value}'");
                }
                length = n;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                close = value.Contains("close", StringComparison.OrdinalIgnoreCase);
            }
        }
        // 1xx, 204 and 304 carry no body.
        if (status is < 200 or 204 or 304)
        {
            length = 0;
            chunked = false;
        }
        return (status, length, chunked, close);
    }

    private static async Task<byte[]> ReadChunkedAsync(Connection c, CancellationToken ct)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(c, ct).ConfigureAwait(false);
            var semi = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var hex = (semi >= 0 ? sizeLine.AsSpan(0, semi) : sizeLine.AsSpan()).Trim();
            if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0
                || body.Length + size > MaxBodyBytes)
            {
                throw new IOException($"bad chunk size '{Truncate(sizeLine)}'");
            }
            if (size == 0)
            {
                // Trailers, then the empty line.
                while ((await ReadLineAsync(c, ct).ConfigureAwait(false)).Length > 0)
                {
                }
                return body.ToArray();
            }
            body.Write(await ReadExactAsync(c, size, ct).ConfigureAwait(false));
            if ((await ReadLineAsync(c, ct).ConfigureAwait(false)).Length != 0)
            {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private static async Task<byte[]> ReadExactAsync(Connection c, int count, CancellationToken ct)
    {
        var result = new byte[count];
        var have = 0;
        while (have < count)
        {
            if (c.Buffered > 0)
            {
                var take = Math.Min(c.Buffered, count - have);
                c.Buffer.AsSpan(c.Start, take).CopyTo(result.AsSpan(have));
                c.Consume(take);
                have += take;
                continue;
            }
            await c.FillAsync(ct).ConfigureAwait(false);
        }
        return result;
    }

    private static async Task<byte[]> ReadToEndAsync(Connection c, CancellationToken ct)
    {
        using var body = new MemoryStream();
        while (true)
        {
            if (c.Buffered > 0)
            {
                body.Write(c.Buffer, c.Start, c.Buffered);
                c.Consume(c.Buffered);
            }
            if (body.Length > MaxBodyBytes)
            {
                throw new IOException($"response body longer than {MaxBodyBytes} bytes");
            }
            if (!await c.TryFillAsync(ct).ConfigureAwait(false))
            {
                return body.ToArray();
            }
        }
    }

    /// <summary>One line without its CRLF (ASCII; header values are ASCII in this protocol).</summary>
    private static async Task<string> ReadLineAsync(Connection c, CancellationToken ct)
    {
        while (true)
        {
            var span = c.Buffer.AsSpan(c.Start, c.Buffered);
            var lf = span.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var line = Encoding.ASCII.GetString(span[..(lf > 0 && span[lf - 1] == '\r' ? lf - 1 : lf)]);
                c.Consume(lf + 1);
                return line;
            }
            if (c.Buffered >= MaxHeaderBytes)
            {
                throw new IOException($"response line longer than {MaxHeaderBytes} bytes");
            }
            await c.FillAsync(ct).ConfigureAwait(false);
        }
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "…";

    /// <summary>A socket with a read buffer: [Start, Start + Buffered) holds unread bytes.</summary>
    private sealed class Connection(Socket socket) : IDisposable
    {
        private int _disposed;

        public NetworkStream Stream { get; } = new(socket, ownsSocket: true);
        public byte[] Buffer { get; private set; } = new byte[8192];
        public int Start { get; private set; }
        public int Buffered { get; private set; }
        public long IdleSince { get; set; }
        public bool NothingReceived { get; set; }

        public void Consume(int n)
        {
            Start += n;
            Buffered -= n;
            if (Buffered == 0)
            {
                Start = 0;
            }
        }

        public async Task FillAsync(CancellationToken ct)
        {
            if (!await TryFillAsync(ct).ConfigureAwait(false))
            {
                throw new IOException("the emulator closed the connection");
            }
        }

        public async Task<bool> TryFillAsync(CancellationToken ct)
        {
            if (Start > 0)
            {
                System.Buffer.BlockCopy(Buffer, Start, Buffer, 0, Buffered);
                Start = 0;
            }
            if (Buffered == Buffer.Length)
            {
                var bigger = new byte[Buffer.Length * 2];
                System.Buffer.BlockCopy(Buffer, 0, bigger, 0, Buffered);
                Buffer = bigger;
            }
            var n = await Stream.ReadAsync(Buffer.AsMemory(Buffered), ct).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }
            NothingReceived = false;
            Buffered += n;
            return true;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Stream.Dispose();
            }
        }
    }
}
