using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PatchLab.Emulator.Wire;

/// <summary>An operation handler: validated request in, response object out.</summary>
public delegate object SsmHandler(RequestReader request);

/// <summary>A group of SSM operations (one file per family, moto responses.py style).</summary>
public interface ISsmOperations
{
    /// <summary>Adds the group's operations to the router.</summary>
    void Register(SsmRouter router);
}

/// <summary>
/// SSM JSON 1.1 endpoint: POST / with X-Amz-Target "AmazonSSM.&lt;Op&gt;". Dispatches to handlers, writes AWS-shaped
/// errors, and answers every unknown or unimplemented operation with one clear error (never a 404 or an empty 200).
/// </summary>
public sealed class SsmRouter
{
    /// <summary>Largest request body accepted (AWS's is larger; PatchLab's operations never need more).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    internal static readonly JsonSerializerOptions ResponseJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = null,
    };

    private readonly Dictionary<string, SsmHandler> _handlers = new(StringComparer.Ordinal);
    private readonly ILogger<SsmRouter> _logger;
    private readonly SigV4Verifier? _verifier;

    /// <summary>Creates the router with every registered operation group.</summary>
    public SsmRouter(IEnumerable<ISsmOperations> groups, ILogger<SsmRouter> logger, EmulatorOptions? options = null)
    {
        _logger = logger;
        if (options?.SigV4Credentials is { Count: > 0 } credentials)
        {
            _verifier = new SigV4Verifier(credentials, options.RealTime);
        }
        foreach (var g in groups)
        {
            g.Register(this);
        }
    }

    /// <summary>Operations implemented, sorted.</summary>
    public IReadOnlyList<string> Implemented => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Adds an operation.</summary>
    public void Add(string operation, SsmHandler handler) => _handlers.Add(operation, handler);

    /// <summary>Handles one HTTP request.</summary>
    public async Task HandleAsync(HttpContext ctx)
    {
        var requestId = Guid.NewGuid().ToString();
        ctx.Response.Headers["x-amzn-RequestId"] = requestId;
        var target = ctx.Request.Headers["X-Amz-Target"].ToString();
        string op = "";
        try
        {
            if (string.IsNullOrEmpty(target))
            {
                throw new AwsException("MissingAction",
                    "Missing X-Amz-Target header. Send POST / with X-Amz-Target: AmazonSSM.<Operation> and Content-Type: application/x-amz-json-1.1.");
            }
            const string prefix = "AmazonSSM.";
            if (!target.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new AwsException("UnknownOperationException",
                    $"Unknown target '{target}'. PatchLab speaks the SSM API: X-Amz-Target must be AmazonSSM.<Operation>.");
            }
            op = target[prefix.Length..];
            if (!_handlers.TryGetValue(op, out var handler))
            {
                _logger.LogWarning("Not implemented: AmazonSSM.{Operation}", op);
                throw new NotImplementedOperationException(op);
            }
            var raw = await ReadBodyAsync(ctx).ConfigureAwait(false);
            _verifier?.Verify(ctx.Request, raw.Span);
            using var body = Parse(raw);
            var result = handler(new RequestReader(body.RootElement));
            // Serialized whole, then written once with its length: no chunked encoding, one write (as AWS answers).
            var bytes = JsonSerializer.SerializeToUtf8Bytes(result, result.GetType(), ResponseJson);
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/x-amz-json-1.1";
            ctx.Response.ContentLength = bytes.Length;
            await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (AwsException e)
        {
            await WriteErrorAsync(ctx, e.StatusCode, e.Code, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never a bare 500 page: an AWS-shaped InternalServerError naming the operation, and a log line to fix it.
            _logger.LogError(e, "AmazonSSM.{Operation} failed", op);
            await WriteErrorAsync(ctx, 500, "InternalServerError", $"PatchLab failed while handling AmazonSSM.{op}: {e.Message}").ConfigureAwait(false);
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext ctx)
    {
        if (ctx.Request.ContentLength > MaxBodyBytes)
        {
            throw new AwsException("RequestEntityTooLarge", $"The request body is larger than {MaxBodyBytes} bytes.", 413);
        }
        using var ms = new MemoryStream(ctx.Request.ContentLength is { } known and > 0 ? (int)known : 256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        int n;
        try
        {
            while ((n = await ctx.Request.Body.ReadAsync(buffer, ctx.RequestAborted).ConfigureAwait(false)) > 0)
            {
                ms.Write(buffer, 0, n);
                if (ms.Length > MaxBodyBytes)
                {
                    throw new AwsException("RequestEntityTooLarge", $"The request body is larger than {MaxBodyBytes} bytes.", 413);
                }
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits (body size, read timeout) surface here: answer them in the AWS shape too.
            // 413: over the size limit (a chunked body has no Content-Length to check first); 408: below the minimum data rate.
            throw new AwsException(e.StatusCode switch { 413 => "RequestEntityTooLarge", 408 => "RequestTimeoutException", _ => "BadRequest" },
                $"The request body could not be read: {e.Message} (PatchLab accepts bodies up to {MaxBodyBytes} bytes, sent without long stalls).", e.StatusCode);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return ms.GetBuffer().AsMemory(0, (int)ms.Length);
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Length == 0)
        {
            return JsonDocument.Parse("{}");
        }
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new SerializationException($"The request body is not valid JSON ({e.Message}). Send a JSON object, e.g. {{}}.");
        }
    }

    internal static async Task WriteErrorAsync(HttpContext ctx, int status, string code, string message)
    {
        if (ctx.Response.HasStarted)
        {
            return;
        }
        // With its length, like a success: one write, no chunked encoding (a refused body's client reads it at once).
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["__type"] = code, ["message"] = message }, ResponseJson);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/x-amz-json-1.1";
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }
}
