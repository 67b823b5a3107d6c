using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PatchLab.Emulator.Wire;

/// <summary>
/// Optional AWS Signature Version 4 verification of SSM requests against configured credentials (access key → secret).
/// Off by default: like LocalStack and moto, PatchLab accepts any signature unless the operator asks otherwise. When on,
/// answers as AWS does: MissingAuthenticationTokenException (no or unreadable Authorization header),
/// UnrecognizedClientException (unknown access key), InvalidSignatureException (wrong signature, or a request time more
/// than 15 minutes from now) — each 400, with a message that says what was expected.
/// </summary>
public sealed class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);
    private readonly IReadOnlyDictionary<string, string> _secrets;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier for these access key id → secret access key pairs, checking request times against <paramref name="time"/> (real time).</summary>
    public SigV4Verifier(IReadOnlyDictionary<string, string> secrets, TimeProvider time)
    {
        _secrets = secrets;
        _time = time;
    }

    /// <summary>Parses "AKID:SECRET" pairs (the CLI's --verify-sigv4 values); throws <see cref="FormatException"/> naming the bad one.</summary>
    public static IReadOnlyDictionary<string, string> ParseCredentials(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var i = pair.IndexOf(':', StringComparison.Ordinal);
            if (i <= 0 || i == pair.Length - 1)
            {
                throw new FormatException($"'{pair}' is not ACCESS_KEY_ID:SECRET_ACCESS_KEY, e.g. AKIAPATCHLAB000000001:patchlab-secret.");
            }
            map[pair[..i]] = pair[(i + 1)..];
        }
        return map;
    }

    /// <summary>Throws an <see cref="AwsException"/> unless the request is signed by a configured key over exactly this body.</summary>
    public void Verify(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            throw new AwsException("MissingAuthenticationTokenException",
                "Missing Authentication Token. This PatchLab verifies Signature Version 4: sign requests with one of its configured access keys (AWS4-HMAC-SHA256).");
        }
        if (!TryParse(header, out var accessKey, out var scope, out var signedHeaders, out var signature))
        {
            throw new AwsException("IncompleteSignatureException",
                $"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters with algorithm {Algorithm}. Authorization={Truncate(header)}");
        }
        if (!_secrets.TryGetValue(accessKey, out var secret))
        {
            throw new AwsException("UnrecognizedClientException",
                $"The security token included in the request is invalid. Access key {accessKey} is not one of this PatchLab's configured keys (--verify-sigv4).");
        }
        var scopeParts = scope.Split('/');
        if (scopeParts.Length != 4 || scopeParts[3] != "aws4_request")
        {
            throw new AwsException("IncompleteSignatureException", $"Credential scope '{scope}' must be DATE/REGION/SERVICE/aws4_request.");
        }
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            throw new AwsException("IncompleteSignatureException", $"X-Amz-Date '{amzDate}' is missing or not in the form 20261129T120000Z.");
        }
        var now = _time.GetUtcNow();
        if ((now - signedAt).Duration() > MaxSkew)
        {
            throw new AwsException("InvalidSignatureException",
                $"Signature expired: {amzDate} is now earlier than {(now - MaxSkew):yyyyMMdd'T'HHmmss'Z'} ({now:yyyyMMdd'T'HHmmss'Z'} - 15 min.)");
        }
        if (scopeParts[0] != amzDate[..8])
        {
            throw new AwsException("InvalidSignatureException", $"Credential should be scoped to a valid date: '{scopeParts[0]}' is not the X-Amz-Date day {amzDate[..8]}.");
        }

        var canonical = CanonicalRequest(request, signedHeaders, body);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), scopeParts[0]);
        key = Hmac(key, scopeParts[1]);
        key = Hmac(key, scopeParts[2]);
        key = Hmac(key, "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            throw new AwsException("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. " +
                "Consult the service documentation for details.");
        }
    }

    private static string CanonicalRequest(HttpRequest request, string[] signedHeaders, ReadOnlySpan<byte> body)
    {
        var sb = new StringBuilder();
        sb.Append(request.Method).Append('\n');
        sb.Append(CanonicalPath(request.PathBase + request.Path)).Append('\n');
        sb.Append(CanonicalQuery(request)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var value = name == "host" ? request.Host.Value : string.Join(",", request.Headers[name].Select(v => v ?? ""));
            sb.Append(name).Append(':').Append(CollapseSpaces(value ?? "")).Append('\n');
        }
        sb.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n');
        sb.Append(Hex(SHA256.HashData(body)));
        return sb.ToString();
    }

    private static string CanonicalPath(PathString path)
    {
        var raw = path.HasValue ? path.Value! : "/";
        return string.Join('/', raw.Split('/').Select(Uri.EscapeDataString));
    }

    private static string CanonicalQuery(HttpRequest request) =>
        string.Join('&', request.Query
            .SelectMany(q => q.Value.Select(v => (Key: Uri.EscapeDataString(q.Key), Value: Uri.EscapeDataString(v ?? ""))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    private static string CollapseSpaces(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var ch in value.Trim())
        {
            if (ch == ' ')
            {
                if (!space)
                {
                    sb.Append(ch);
                }
                space = true;
            }
            else
            {
                sb.Append(ch);
                space = false;
            }
        }
        return sb.ToString();
    }

    private static bool TryParse(string header, out string accessKey, out string scope, out string[] signedHeaders, out string signature)
    {
        (accessKey, scope, signedHeaders, signature) = ("", "", [], "");
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var part in header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }
            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential":
                    var slash = value.IndexOf('/', StringComparison.Ordinal);
                    if (slash <= 0)
                    {
                        return false;
                    }
                    (accessKey, scope) = (value[..slash], value[(slash + 1)..]);
                    break;
                case "SignedHeaders":
                    signedHeaders = value.Split(';');
                    break;
                case "Signature":
                    signature = value;
                    break;
            }
        }
        return accessKey.Length > 0 && signedHeaders.Length > 0 && signature.Length > 0;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Truncate(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
