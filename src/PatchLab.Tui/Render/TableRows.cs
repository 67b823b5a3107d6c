namespace PatchLab.Tui.Render;

/// <summary>A rendered table: headers and rows of plain text, ready for any table view.</summary>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Rows, each with one cell per header.</param>
public sealed record TableRows(IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows)
{
    /// <summary>Index of the row with <paramref name="key"/>, or -1.</summary>
    public int IndexOf(string? key)
    {
        if (key is null)
        {
            return -1;
        }

        for (int i = 0; i < Rows.Count; i++)
        {
            if (string.Equals(Rows[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The cell under <paramref name="header"/> in row <paramref name="row"/> (tests and lookups).</summary>
    public string Cell(int row, string header)
    {
        int column = -1;
        for (int i = 0; i < Headers.Count; i++)
        {
            if (string.Equals(Headers[i], header, StringComparison.Ordinal))
            {
                column = i;
                break;
            }
        }

        if (column < 0)
        {
            throw new ArgumentException($"No column '{header}'; columns are {string.Join(", ", Headers)}.", nameof(header));
        }

        return Rows[row].Cells[column];
    }
}
