namespace PatchLab.Tui.Render;

/// <summary>
/// Sorting by one column (<c>s</c> cycles the column, <c>S</c> reverses): numbers inside cells compare as numbers
/// ("9" before "412", "web-2" before "web-10"), text case-insensitively; the sort is stable, so equal cells keep the
/// emulator's order. The sorted column's header gets ↑ or ↓.
/// </summary>
/// <param name="Column">Index of the sorted column.</param>
/// <param name="Descending">Largest first.</param>
public sealed record RowSort(int Column, bool Descending = false)
{
    /// <summary>The column after <paramref name="current"/>, skipping blank headers; after the last one, null (emulator order).</summary>
    public static RowSort? Next(RowSort? current, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        for (int c = current is null ? 0 : current.Column + 1; c < headers.Count; c++)
        {
            if (!string.IsNullOrWhiteSpace(headers[c]))
            {
                return new RowSort(c, current?.Descending ?? false);
            }
        }

        return null;
    }

    /// <summary>The same column the other way round; the first column descending when nothing is sorted.</summary>
    public static RowSort? Reverse(RowSort? current, IReadOnlyList<string> headers) =>
        current is null ? Next(null, headers) is { } first ? first with { Descending = true } : null : current with { Descending = !current.Descending };

    /// <summary>The rows sorted, with the arrow on the sorted header; rows unchanged when the column does not exist.</summary>
    public TableRows Apply(TableRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (Column < 0 || Column >= rows.Headers.Count)
        {
            return rows;
        }

        IEnumerable<TableRow> sorted = Descending
            ? rows.Rows.OrderByDescending(r => r.Cells[Column], NaturalComparer.Instance)
            : rows.Rows.OrderBy(r => r.Cells[Column], NaturalComparer.Instance);
        string[] headers = [.. rows.Headers];
        headers[Column] += Descending ? "↓" : "↑";
        return new TableRows(headers, [.. sorted]);
    }
}
