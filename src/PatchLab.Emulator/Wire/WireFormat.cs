using System.Globalization;
using System.Text;

namespace PatchLab.Emulator.Wire;

/// <summary>AWS wire encodings: epoch-second timestamps, ISO strings, pagination tokens.</summary>
public static class WireFormat
{
    /// <summary>DateTime shapes: epoch seconds with a millisecond fraction.</summary>
    public static double Epoch(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Optional epoch.</summary>
    public static double? Epoch(DateTimeOffset? t) => t is { } v ? Epoch(v) : null;

    /// <summary>String-typed instants such as ExecutionStartDateTime: 2023-05-07T22:13:33.797Z.</summary>
    public static string IsoMillis(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 duration as GetCommandInvocation's ExecutionElapsedTime (PT1H0.271S).</summary>
    public static string Elapsed(TimeSpan d)
    {
        var sb = new StringBuilder("PT");
        if (d.Hours + d.Days * 24 > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{d.Hours + d.Days * 24}H");
        }
        if (d.Minutes > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{d.Minutes}M");
        }
        sb.Append(CultureInfo.InvariantCulture, $"{d.Seconds}.{d.Milliseconds:000}S");
        return sb.ToString();
    }

    /// <summary>
    /// Slices a page. Tokens are opaque (base64) and bound to the operation; a token from elsewhere is refused with
    /// <paramref name="badToken"/>. With a <paramref name="key"/>, a token names the last item it returned and the next page
    /// starts right after that item wherever it now is, so pages stay exact while items are inserted (newest-first lists
    /// grow at the front); without one, or when that item is gone, it resumes at the offset. <paramref name="all"/> is
    /// enumerated only as far as the page and one item beyond it (keyless), so a lazy, unbounded sequence pages too.
    /// </summary>
    public static (List<T> Items, string? NextToken) Page<T>(IEnumerable<T> all, RequestReader r, string op, int defaultMax, int min, int max,
        Func<string, Exception>? badToken = null, Func<T, string>? key = null)
    {
        var maxResults = r.Int("MaxResults", min: min, max: max) ?? defaultMax;
        var token = r.String("NextToken");
        r.ThrowIfInvalid();
        var offset = 0;
        string? after = null;
        if (!string.IsNullOrEmpty(token))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                var parts = text.Split(':', 3);
                if (parts.Length < 2 || parts[0] != op || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out offset) || offset < 0)
                {
                    throw new FormatException();
                }
                after = parts.Length == 3 ? parts[2] : null;
            }
            catch (FormatException)
            {
                var msg = $"The NextToken '{token}' is not one PatchLab issued for {op}. Pass the NextToken from the previous {op} response, or none for the first page.";
                throw badToken?.Invoke(msg) ?? new InvalidNextTokenException(msg);
            }
        }
        if (key is not null && after is not null)
        {
            var list = all as IList<T> ?? [.. all];
            all = list;
            for (var i = 0; i < list.Count; i++)
            {
                if (key(list[i]) == after)
                {
                    offset = i + 1;
                    break;
                }
            }
        }
        var items = all.Skip(offset).Take((int)Math.Min((long)maxResults + 1, int.MaxValue)).ToList();
        string? next = null;
        if (items.Count > maxResults)
        {
            items.RemoveAt(maxResults);
            var last = key is null ? "" : ":" + key(items[^1]);
            next = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{op}:{offset + items.Count}{last}"));
        }
        return (items, next);
    }

    /// <summary>A new lowercase-hex id with a prefix: mw- + 17 hex, i- + 17 hex.</summary>
    public static string HexId(string prefix)
    {
        Span<byte> bytes = stackalloc byte[9];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return prefix + Convert.ToHexStringLower(bytes)[..17];
    }
}
