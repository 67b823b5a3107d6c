namespace PatchLab.Tui.Render;

/// <summary>Compares runs of digits as numbers and everything else case-insensitively; "-" (unknown) sorts before digits and letters.</summary>
public sealed class NaturalComparer : IComparer<string>
{
    /// <summary>The comparer.</summary>
    public static readonly NaturalComparer Instance = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        x ??= "";
        y ??= "";
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                string a = x[si..i].TrimStart('0'), b = y[sj..j].TrimStart('0');
                int byNumber = a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
                if (byNumber != 0)
                {
                    return byNumber;
                }
            }
            else
            {
                int byChar = char.ToUpperInvariant(x[i]).CompareTo(char.ToUpperInvariant(y[j]));
                if (byChar != 0)
                {
                    return byChar;
                }

                i++;
                j++;
            }
        }

        // Equal but for case or leading zeros: equal, so a stable sort keeps the emulator's order.
        return (x.Length - i).CompareTo(y.Length - j);
    }
}
