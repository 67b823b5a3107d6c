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

    /// <summary>
    /// True when <paramref name="other"/> shows exactly the same table: headers, and per row the key, the cells and the
    /// tags, in order. A refresh that changes nothing is then neither rebuilt nor redrawn.
    /// </summary>
    public bool SameAs(TableRows? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || !Headers.SequenceEqual(other.Headers, StringComparer.Ordinal) || Rows.Count != other.Rows.Count)
        {
            return false;
        }

        for (int i = 0; i < Rows.Count; i++)
        {
            TableRow a = Rows[i], b = other.Rows[i];
            if (!string.Equals(a.Key, b.Key, StringComparison.Ordinal)
                || !a.Cells.SequenceEqual(b.Cells, StringComparer.Ordinal)
                || !SameTags(a.Tags, b.Tags))
            {
                return false;
            }
        }

        return true;
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

    private static bool SameTags(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, string> tag in a)
        {
            if (!b.TryGetValue(tag.Key, out string? value) || !string.Equals(value, tag.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
