using System.Globalization;
using System.Text.RegularExpressions;

namespace PatchLab.Client;

/// <summary>Durations as people type them for faults: 90s, 10m, 2h, 1d, 1h30m, or a TimeSpan such as 00:10:00.</summary>
public static partial class FaultDurations
{
    /// <summary>Parses <paramref name="text"/>; false (and zero) when it is not a positive duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var t = (text ?? "").Trim();
        var m = Units().Match(t);
        if (t.Length > 0 && m.Success)
        {
            foreach (Capture c in m.Groups["part"].Captures)
            {
                var n = double.Parse(c.Value[..^1], CultureInfo.InvariantCulture);
                duration += char.ToLowerInvariant(c.Value[^1]) switch
                {
                    's' => TimeSpan.FromSeconds(n),
                    'm' => TimeSpan.FromMinutes(n),
                    'h' => TimeSpan.FromHours(n),
                    _ => TimeSpan.FromDays(n),
                };
            }
        }
        else if (!TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out duration))
        {
            return false;
        }
        return duration > TimeSpan.Zero;
    }

    /// <summary>Short form for output: 1h30m, 10m, 45s.</summary>
    public static string Format(TimeSpan d) =>
        d.TotalSeconds < 60 ? $"{d.TotalSeconds:0.#}s"
        : (d.Days > 0 ? $"{d.Days}d" : "") + (d.Hours > 0 ? $"{d.Hours}h" : "") + (d.Minutes > 0 ? $"{d.Minutes}m" : "") + (d.Seconds > 0 ? $"{d.Seconds}s" : "");

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?[smhdSMHD])+$")]
    private static partial Regex Units();
}
