using System.Globalization;

namespace PatchLab.Emulator.Cli;

/// <summary>`fleet launch --age-days`: "N" (every instance N days behind) or "MIN-MAX" (a seeded spread).</summary>
public static class AgeRange
{
    /// <summary>Largest age accepted, as FleetService checks it.</summary>
    public const int MaxDays = 3650;

    /// <summary>Parses "365" or "30-400" (0 ≤ MIN ≤ MAX ≤ 3650).</summary>
    public static bool TryParse(string text, out int min, out int max)
    {
        min = max = 0;
        var parts = text.Trim().Split('-');
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out min)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out max))
        {
            return false;
        }
        return min <= max && max <= MaxDays;
    }
}
