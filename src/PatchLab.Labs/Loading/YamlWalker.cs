using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PatchLab.Labs.Loading;

/// <summary>
/// Reads typed values out of a YAML node tree and records every problem with the node's position, so the loader can go on
/// and report all of them. Every reader returns null (or a default) after recording an error.
/// </summary>
internal sealed partial class YamlWalker(string file)
{
    public List<LabDiagnostic> Errors { get; } = [];

    public void Error(YamlNode node, string message) => Errors.Add(new LabDiagnostic(file, (int)node.Start.Line, (int)node.Start.Column, message));

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };

    /// <summary>The node as a mapping whose keys are all in <paramref name="keys"/>; unknown keys are reported.</summary>
    public YamlMappingNode? Mapping(YamlNode node, string what, IReadOnlyList<string> keys)
    {
        if (node is not YamlMappingNode m)
        {
            Error(node, $"expected {what} (a mapping with keys {string.Join(", ", keys)}), found {Describe(node)}");
            return null;
        }
        foreach (var k in m.Children.Keys)
        {
            if (k is not YamlScalarNode { Value: { } name } || !keys.Contains(name, StringComparer.Ordinal))
            {
                Error(k, $"unknown key {Describe(k)} in {what}; expected one of: {string.Join(", ", keys)}");
            }
        }
        return m;
    }

    public static YamlNode? Get(YamlMappingNode m, string key) =>
        m.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is not YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain } ? v : null;

    public static bool Has(YamlMappingNode m, string key) => Get(m, key) is not null;

    public string? String(YamlMappingNode m, string key, string what, bool required = false)
    {
        var n = Get(m, key);
        if (n is null)
        {
            if (required)
            {
                Error(m, $"{what} needs '{key}'");
            }
            return null;
        }
        if (n is not YamlScalarNode s)
        {
            Error(n, $"'{key}' of {what} must be a text value, found {Describe(n)}");
            return null;
        }
        return s.Value;
    }

    public string? Matching(YamlMappingNode m, string key, string what, Regex pattern, string rule, bool required = false)
    {
        var s = String(m, key, what, required);
        if (s is not null && !pattern.IsMatch(s))
        {
            Error(Get(m, key)!, $"'{key}' of {what} must be {rule}, found '{s}'");
            return null;
        }
        return s;
    }

    public int? Int(YamlMappingNode m, string key, string what, int min, int max, bool required = false)
    {
        var s = String(m, key, what, required);
        if (s is null)
        {
            return null;
        }
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            Error(Get(m, key)!, $"'{key}' of {what} must be an integer from {min} to {max}, found '{s}'");
            return null;
        }
        return v;
    }

    public double? Number(YamlMappingNode m, string key, string what, double min, double max)
    {
        var s = String(m, key, what);
        if (s is null)
        {
            return null;
        }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            Error(Get(m, key)!, $"'{key}' of {what} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, found '{s}'");
            return null;
        }
        return v;
    }

    public bool? Bool(YamlMappingNode m, string key, string what)
    {
        var s = String(m, key, what);
        switch (s)
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                Error(Get(m, key)!, $"'{key}' of {what} must be true or false, found '{s}'");
                return null;
        }
    }

    public string? Enum(YamlMappingNode m, string key, string what, IReadOnlyList<string> allowed, bool required = false)
    {
        var s = String(m, key, what, required);
        if (s is not null && !allowed.Contains(s, StringComparer.Ordinal))
        {
            Error(Get(m, key)!, $"'{key}' of {what} must be one of: {string.Join(", ", allowed)}; found '{s}'");
            return null;
        }
        return s;
    }

    /// <summary>An ISO-8601 instant with a zone (Z or an offset), e.g. 2026-12-06T02:00:00Z.</summary>
    public DateTimeOffset? Instant(YamlMappingNode m, string key, string what, bool required = false)
    {
        var s = String(m, key, what, required);
        if (s is null)
        {
            return null;
        }
        if (!IsoInstant().IsMatch(s) || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            Error(Get(m, key)!, $"'{key}' of {what} must be an ISO-8601 instant with a zone, e.g. 2026-12-06T02:00:00Z; found '{s}'");
            return null;
        }
        return t.ToUniversalTime();
    }

    /// <summary>A duration: 90s, 30m, 2h, 1d, or ISO-8601 (PT30M).</summary>
    public TimeSpan? Duration(YamlMappingNode m, string key, string what)
    {
        var s = String(m, key, what);
        if (s is null)
        {
            return null;
        }
        var short_ = ShortDuration().Match(s);
        if (short_.Success)
        {
            var n = double.Parse(short_.Groups[1].Value, CultureInfo.InvariantCulture);
            return short_.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }
        try
        {
            if (s.StartsWith('P'))
            {
                return System.Xml.XmlConvert.ToTimeSpan(s);
            }
        }
        catch (FormatException)
        {
        }
        Error(Get(m, key)!, $"'{key}' of {what} must be a duration such as 90s, 30m, 2h, 1d or PT30M; found '{s}'");
        return null;
    }

    /// <summary>A list of text values; a single value is taken as a list of one.</summary>
    public List<string>? StringList(YamlMappingNode m, string key, string what, bool required = false)
    {
        var n = Get(m, key);
        if (n is null)
        {
            if (required)
            {
                Error(m, $"{what} needs '{key}'");
            }
            return null;
        }
        return StringListOf(n, $"'{key}' of {what}");
    }

    public List<string>? StringListOf(YamlNode n, string what)
    {
        if (n is YamlScalarNode s)
        {
            return [s.Value ?? ""];
        }
        if (n is not YamlSequenceNode seq)
        {
            Error(n, $"{what} must be a list of text values, found {Describe(n)}");
            return null;
        }
        var list = new List<string>();
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode { Value: { } v })
            {
                list.Add(v);
            }
            else
            {
                Error(item, $"{what} must be a list of text values; this item is {Describe(item)}");
            }
        }
        return list;
    }

    /// <summary>A mapping of text keys to text values (tags).</summary>
    public Dictionary<string, string>? StringMap(YamlMappingNode m, string key, string what)
    {
        var n = Get(m, key);
        if (n is null)
        {
            return null;
        }
        if (n is not YamlMappingNode map)
        {
            Error(n, $"'{key}' of {what} must be a mapping of Key: Value, found {Describe(n)}");
            return null;
        }
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } kk } && v is YamlScalarNode { Value: { } vv })
            {
                d[kk] = vv;
            }
            else
            {
                Error(v, $"'{key}' of {what} must map each key to one text value; {Describe(k)} maps to {Describe(v)}");
            }
        }
        return d;
    }

    /// <summary>A mapping of text keys to one value or a list of values (filters, parameters, target tags).</summary>
    public Dictionary<string, IReadOnlyList<string>>? MultiMap(YamlMappingNode m, string key, string what)
    {
        var n = Get(m, key);
        if (n is null)
        {
            return null;
        }
        if (n is not YamlMappingNode map)
        {
            Error(n, $"'{key}' of {what} must be a mapping of Key: value or Key: [values], found {Describe(n)}");
            return null;
        }
        var d = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } kk } && StringListOf(v, $"'{kk}' in '{key}' of {what}") is { } values)
            {
                d[kk] = values;
            }
        }
        return d;
    }

    /// <summary>A list whose items are handed to <paramref name="item"/>.</summary>
    public void Each(YamlMappingNode m, string key, string what, Action<YamlNode> item)
    {
        var n = Get(m, key);
        if (n is null)
        {
            return;
        }
        if (n is not YamlSequenceNode seq)
        {
            Error(n, $"'{key}' must be a list of {what}, found {Describe(n)}");
            return;
        }
        foreach (var child in seq.Children)
        {
            item(child);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoInstant();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(s|m|h|d)$")]
    private static partial Regex ShortDuration();
}
