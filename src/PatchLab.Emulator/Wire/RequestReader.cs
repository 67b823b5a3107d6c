using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PatchLab.Emulator.Wire;

/// <summary>
/// Reads members of an SSM JSON request and collects constraint failures in AWS's framework wording
/// ("Value '25' at 'duration' failed to satisfy constraint: Member must have value less than or equal to 24").
/// Call <see cref="ThrowIfInvalid"/> after reading every member.
/// </summary>
public sealed class RequestReader
{
    private readonly JsonElement _root;
    private readonly List<string> _errors = [];

    /// <summary>Wraps a request body.</summary>
    public RequestReader(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SerializationException("The request body must be a JSON object, e.g. {}.");
        }
        _root = root;
    }

    /// <summary>The raw body.</summary>
    public JsonElement Root => _root;

    /// <summary>True when the member is present and not null.</summary>
    public bool Has(string name) => _root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>Adds a failure with AWS's wording for a member path.</summary>
    public void Fail(string member, string? value, string constraint) =>
        _errors.Add(value is null
            ? $"Value null at '{Camel(member)}' failed to satisfy constraint: {constraint}"
            : $"Value '{value}' at '{Camel(member)}' failed to satisfy constraint: {constraint}");

    /// <summary>Reads a string member.</summary>
    public string? String(string name, bool required = false, int? min = null, int? max = null, string? pattern = null, IReadOnlyList<string>? allowed = null)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(name, null, "Member must not be null");
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            throw new SerializationException($"Member '{name}' must be a string, got {v.ValueKind}.");
        }
        var s = v.GetString()!;
        CheckString(name, s, min, max, pattern, allowed);
        return s;
    }

    /// <summary>Checks a string value already read (list items, nested members).</summary>
    public void CheckString(string path, string s, int? min = null, int? max = null, string? pattern = null, IReadOnlyList<string>? allowed = null)
    {
        if (min is { } mn && s.Length < mn)
        {
            Fail(path, s, $"Member must have length greater than or equal to {mn}");
        }
        if (max is { } mx && s.Length > mx)
        {
            Fail(path, Shorten(s), $"Member must have length less than or equal to {mx}");
        }
        if (pattern is not null && s.Length > 0 && !Regex.IsMatch(s, pattern))
        {
            Fail(path, Shorten(s), $"Member must satisfy regular expression pattern: {pattern}");
        }
        if (allowed is not null && !allowed.Contains(s))
        {
            Fail(path, Shorten(s), $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }
    }

    /// <summary>Reads an integer member.</summary>
    public int? Int(string name, bool required = false, int? min = null, int? max = null)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(name, null, "Member must not be null");
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var l))
        {
            throw new SerializationException($"Member '{name}' must be an integer, got {Describe(v)}.");
        }
        if (min is { } mn && l < mn)
        {
            Fail(name, l.ToString(CultureInfo.InvariantCulture), $"Member must have value greater than or equal to {mn}");
        }
        if (max is { } mx && l > mx)
        {
            Fail(name, l.ToString(CultureInfo.InvariantCulture), $"Member must have value less than or equal to {mx}");
        }
        return (int)Math.Clamp(l, int.MinValue, int.MaxValue);
    }

    /// <summary>Reads a boolean member.</summary>
    public bool? Bool(string name, bool required = false)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(name, null, "Member must not be null");
            }
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new SerializationException($"Member '{name}' must be a boolean, got {Describe(v)}."),
        };
    }

    /// <summary>Reads a list of strings.</summary>
    public List<string>? StringList(string name, bool required = false, int? minItems = null, int? maxItems = null, int? itemMin = null, int? itemMax = null,
        string? itemPattern = null)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(name, null, "Member must not be null");
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new SerializationException($"Member '{name}' must be a list, got {Describe(v)}.");
        }
        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new SerializationException($"Member '{name}' must be a list of strings.");
            }
            var s = item.GetString()!;
            CheckString(name, s, itemMin, itemMax, itemPattern);
            list.Add(s);
        }
        CheckCount(name, list.Count, minItems, maxItems);
        return list;
    }

    /// <summary>Checks a list length.</summary>
    public void CheckCount(string name, int count, int? minItems, int? maxItems)
    {
        if (minItems is { } mn && count < mn)
        {
            Fail(name, $"[{count} items]", $"Member must have length greater than or equal to {mn}");
        }
        if (maxItems is { } mx && count > mx)
        {
            Fail(name, $"[{count} items]", $"Member must have length less than or equal to {mx}");
        }
    }

    /// <summary>Reads a nested element of the given kind, or null.</summary>
    public JsonElement? Element(string name, JsonValueKind kind)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != kind)
        {
            throw new SerializationException($"Member '{name}' must be a {(kind == JsonValueKind.Array ? "list" : "structure")}, got {Describe(v)}.");
        }
        return v;
    }

    /// <summary>Throws the collected validation errors, AWS style.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count == 0)
        {
            return;
        }
        var head = _errors.Count == 1 ? "1 validation error detected: " : $"{_errors.Count} validation errors detected: ";
        throw new ValidationException(head + string.Join("; ", _errors));
    }

    private static string Camel(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];

    private static string Shorten(string s) => s.Length > 200 ? s[..200] + "…" : s;

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"string '{Shorten(v.GetString()!)}'",
        JsonValueKind.Number => $"number {v.GetRawText()}",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };
}
