namespace PatchLab.Tui.Render;

/// <summary>
/// The <c>/</c> filter, k9s style: blank-separated terms that must all match. A term matches a row when a cell contains
/// it (case-insensitive); <c>tag:Key=Value</c> matches instances with that tag value (the value case-insensitive),
/// <c>tag:Key</c> instances that have the tag; a leading <c>!</c> inverts a term.
/// </summary>
public sealed class RowFilter
{
    private readonly IReadOnlyList<(bool Negated, string? TagKey, string? Value)> _terms;

    private RowFilter(string text, IReadOnlyList<(bool, string?, string?)> terms)
    {
        Text = text;
        _terms = terms;
    }

    /// <summary>The filter as typed, trimmed.</summary>
    public string Text { get; }

    /// <summary>The filter in <paramref name="text"/>, or null when it is blank (no filter).</summary>
    public static RowFilter? Parse(string? text)
    {
        string trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        var terms = new List<(bool, string?, string?)>();
        foreach (string raw in trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            bool negated = raw.StartsWith('!') && raw.Length > 1;
            string term = negated ? raw[1..] : raw;
            if (term.StartsWith("tag:", StringComparison.OrdinalIgnoreCase) && term.Length > 4)
            {
                string body = term[4..];
                int eq = body.IndexOf('=', StringComparison.Ordinal);
                terms.Add(eq < 0 ? (negated, body, null) : (negated, body[..eq], body[(eq + 1)..]));
            }
            else
            {
                terms.Add((negated, null, term));
            }
        }

        return new RowFilter(trimmed, terms);
    }

    /// <summary>True when every term matches <paramref name="row"/>.</summary>
    public bool Matches(TableRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach ((bool negated, string? tagKey, string? value) in _terms)
        {
            bool match = tagKey is not null
                ? row.Tags is { } tags && tags.TryGetValue(tagKey, out string? tagValue)
                    && (value is null || string.Equals(tagValue, value, StringComparison.OrdinalIgnoreCase))
                : row.Cells.Any(c => c.Contains(value!, StringComparison.OrdinalIgnoreCase));
            if (match == negated)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The rows of <paramref name="rows"/> that match, in order; the headers are kept.</summary>
    public TableRows Apply(TableRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows with { Rows = [.. rows.Rows.Where(Matches)] };
    }
}
