using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Wire;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Kestrel's explicit request limits (issue 8): a client that stalls in its headers or its body, or sends a chunked body over
/// the wire limit, is refused AWS-shaped or has its connection closed, never answered 5xx. The host runs with 1–2 second
/// timeouts so the tests take seconds.
/// </summary>
public sealed class RequestLimitsTests : IAsyncLifetime
{
    private static readonly RequestLimits Short = new()
    {
        // The grace period must exceed Kestrel's 1 s heartbeat.
        RequestHeadersTimeout = TimeSpan.FromSeconds(1), MinRequestBodyGracePeriod = TimeSpan.FromSeconds(2), KeepAliveTimeout = TimeSpan.FromSeconds(2),
    };

    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync(configure: o => o with { Limits = Short });

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task Host_AppliesEveryConfiguredLimitToKestrel()
    {
        var limits = _emu.Get<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal((Short.RequestHeadersTimeout, Short.KeepAliveTimeout, Short.MaxRequestBodySize, Short.MaxRequestHeadersTotalSize, Short.MaxRequestHeaderCount),
            (limits.RequestHeadersTimeout, limits.KeepAliveTimeout, limits.MaxRequestBodySize, limits.MaxRequestHeadersTotalSize, limits.MaxRequestHeaderCount));
        Assert.Equal((Short.MinRequestBodyBytesPerSecond, Short.MinRequestBodyGracePeriod), (limits.MinRequestBodyDataRate!.BytesPerSecond, limits.MinRequestBodyDataRate.GracePeriod));
        // The default body limit is the wire layer's own.
        Assert.Equal(SsmRouter.MaxBodyBytes, new RequestLimits().MaxRequestBodySize);
    }

    [Fact]
    public async Task SlowHeaders_CloseTheConnection_WithinTheHeadersTimeout()
    {
        using var tcp = await ConnectAsync();
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AmazonSSM.DescribeMaintenanceWindows\r\n"));
        var watch = Stopwatch.StartNew();

        var answer = await ReadToEndAsync(stream, TimeSpan.FromSeconds(15));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(12), $"the connection stayed open {watch.Elapsed}");
        // Kestrel closes the connection, with a 408 status line at most: never a 5xx.
        Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), answer);
    }

    [Fact]
    public async Task SlowBody_IsRefusedAwsShapedOrClosed_NeverA5xx()
    {
        using var tcp = await ConnectAsync();
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AmazonSSM.DescribeMaintenanceWindows\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 5000\r\n\r\n{"));
        var watch = Stopwatch.StartNew();

        var answer = await ReadToEndAsync(stream, TimeSpan.FromSeconds(20));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the stalled body was waited for {watch.Elapsed}");
        if (answer.Length > 0)
        {
            Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(Body(answer));
            Assert.Equal("RequestTimeoutException", json.RootElement.GetProperty("__type").GetString());
            Assert.Contains("could not be read", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ChunkedBodyOverTheWireLimit_IsRefusedWith413RequestEntityTooLarge()
    {
        using var tcp = await ConnectAsync();
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AmazonSSM.CreateMaintenanceWindow\r\nContent-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var chunk = new string('a', 64 * 1024);
        var header = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        try
        {
            for (var sent = 0; sent <= SsmRouter.MaxBodyBytes; sent += chunk.Length)
            {
                await stream.WriteAsync(header);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(chunk + "\r\n"));
            }
        }
        catch (IOException)
        {
            // The server may stop reading once the limit is passed; its answer is still there to read.
        }

        var answer = await ReadToEndAsync(stream, TimeSpan.FromSeconds(15));

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Body(answer));
        Assert.Equal("RequestEntityTooLarge", json.RootElement.GetProperty("__type").GetString());
        Assert.Contains($"up to {SsmRouter.MaxBodyBytes} bytes", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleKeepAliveConnection_IsClosedAfterTheKeepAliveTimeout()
    {
        using var tcp = await ConnectAsync();
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AmazonSSM.DescribeMaintenanceWindows\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}"));
        var watch = Stopwatch.StartNew();

        // The answer arrives, then the server closes the idle connection.
        var answer = await ReadToEndAsync(stream, TimeSpan.FromSeconds(20));

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Contains("WindowIdentities", answer, StringComparison.Ordinal);
        Assert.True(watch.Elapsed >= Short.KeepAliveTimeout - TimeSpan.FromMilliseconds(500) && watch.Elapsed < TimeSpan.FromSeconds(15), $"closed after {watch.Elapsed}");
    }

    /// <summary>The body of a raw HTTP answer (errors are written with a Content-Length, never chunked).</summary>
    private static string Body(string answer)
    {
        Assert.Contains("Content-Length:", answer, StringComparison.OrdinalIgnoreCase);
        return answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _emu.Endpoint.Port);
        return tcp;
    }

    /// <summary>Everything the server sends until it closes the connection (or the timeout, which fails the test).</summary>
    private static async Task<string> ReadToEndAsync(NetworkStream stream, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
        catch (IOException)
        {
            // A reset after the answer counts as closed.
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the server kept the connection open for {timeout}; got so far: {text}");
        }
        return text.ToString();
    }
}
