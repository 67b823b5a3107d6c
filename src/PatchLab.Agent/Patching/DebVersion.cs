namespace PatchLab.Agent.Patching;

/// <summary>dpkg's version ordering (deb-version(7), dpkg lib/dpkg/version.c verrevcmp): epoch, then upstream version,
/// then Debian revision (split at the last '-'); each alternates non-digit runs (letters before non-letters, '~' before
/// everything, even the end) and digit runs compared numerically.</summary>
internal static class DebVersion
{
    /// <summary>Compares (epoch, "upstream-revision") pairs: negative when a is older. An epoch inside the string
    /// ("1:2.3-4") is honoured when the epoch argument is 0.</summary>
    public static int Compare(int epochA, string versionA, int epochB, string versionB)
    {
        var (ea, ua, ra) = Parse(epochA, versionA);
        var (eb, ub, rb) = Parse(epochB, versionB);
        if (ea != eb)
        {
            return ea.CompareTo(eb);
        }
        var upstream = VerRevCmp(ua, ub);
        return upstream != 0 ? upstream : VerRevCmp(ra, rb);
    }

    private static (int Epoch, string Upstream, string Revision) Parse(int epoch, string version)
    {
        var colon = version.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(version.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var inner))
        {
            epoch = epoch == 0 ? inner : epoch;
            version = version[(colon + 1)..];
        }
        var dash = version.LastIndexOf('-');
        return dash < 0 ? (epoch, version, "") : (epoch, version[..dash], version[(dash + 1)..]);
    }

    /// <summary>Weight of a character in a non-digit run: '~' lowest, end of string 0, letters by code, others after letters.</summary>
    private static int Order(char c) => c switch
    {
        '~' => -1,
        _ when char.IsAsciiDigit(c) => 0,
        _ when char.IsAsciiLetter(c) => c,
        _ => c + 256,
    };

    public static int VerRevCmp(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var firstDiff = 0;
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var ac = i < a.Length ? Order(a[i]) : 0;
                var bc = j < b.Length ? Order(b[j]) : 0;
                if (ac != bc)
                {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < a.Length && a[i] == '0')
            {
                i++;
            }
            while (j < b.Length && b[j] == '0')
            {
                j++;
            }
            while (i < a.Length && char.IsAsciiDigit(a[i]) && j < b.Length && char.IsAsciiDigit(b[j]))
            {
                if (firstDiff == 0)
                {
                    firstDiff = a[i] - b[j];
                }
                i++;
                j++;
            }
            if (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                return 1;
            }
            if (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                return -1;
            }
            if (firstDiff != 0)
            {
                return firstDiff;
            }
        }
        return 0;
    }
}
