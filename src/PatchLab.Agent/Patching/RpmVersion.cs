namespace PatchLab.Agent.Patching;

/// <summary>rpm's version ordering (rpmvercmp): epoch first, then version, then release, each compared segment by
/// segment, numbers numerically, letters lexically, a number beating letters, '~' sorting before anything.</summary>
internal static class RpmVersion
{
    /// <summary>Compares (epoch, "version-release") pairs: negative when a is older.</summary>
    public static int Compare(int epochA, string versionReleaseA, int epochB, string versionReleaseB)
    {
        if (epochA != epochB)
        {
            return epochA.CompareTo(epochB);
        }
        var (versionA, releaseA) = Split(versionReleaseA);
        var (versionB, releaseB) = Split(versionReleaseB);
        var byVersion = CompareSegments(versionA, versionB);
        return byVersion != 0 ? byVersion : CompareSegments(releaseA, releaseB);
    }

    /// <summary>Splits "version-release" at the last dash; no dash means an empty release.</summary>
    public static (string Version, string Release) Split(string versionRelease)
    {
        var dash = versionRelease.LastIndexOf('-');
        return dash < 0 ? (versionRelease, "") : (versionRelease[..dash], versionRelease[(dash + 1)..]);
    }

    /// <summary>rpmvercmp on one field.</summary>
    public static int CompareSegments(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && !char.IsAsciiLetterOrDigit(a[i]) && a[i] != '~')
            {
                i++;
            }
            while (j < b.Length && !char.IsAsciiLetterOrDigit(b[j]) && b[j] != '~')
            {
                j++;
            }

            // Tilde sorts before everything, even the end of the string (1.0~rc1 < 1.0).
            var tildeA = i < a.Length && a[i] == '~';
            var tildeB = j < b.Length && b[j] == '~';
            if (tildeA || tildeB)
            {
                if (!tildeA)
                {
                    return 1;
                }
                if (!tildeB)
                {
                    return -1;
                }
                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            var numeric = char.IsAsciiDigit(a[i]);
            var startA = i;
            var startB = j;
            if (numeric)
            {
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
            }
            else
            {
                while (i < a.Length && char.IsAsciiLetter(a[i]))
                {
                    i++;
                }
                while (j < b.Length && char.IsAsciiLetter(b[j]))
                {
                    j++;
                }
            }

            if (j == startB)
            {
                // Segments of different kinds: a number is newer than letters.
                return numeric ? 1 : -1;
            }

            var segA = a.AsSpan(startA, i - startA);
            var segB = b.AsSpan(startB, j - startB);
            if (numeric)
            {
                segA = segA.TrimStart('0');
                segB = segB.TrimStart('0');
                if (segA.Length != segB.Length)
                {
                    return segA.Length > segB.Length ? 1 : -1;
                }
            }
            var cmp = segA.SequenceCompareTo(segB);
            if (cmp != 0)
            {
                return cmp > 0 ? 1 : -1;
            }
        }

        var restA = i < a.Length;
        var restB = j < b.Length;
        if (!restA && !restB)
        {
            return 0;
        }
        // Whichever still has segments left is newer.
        return restA ? 1 : -1;
    }
}
