using System.Globalization;

namespace PatchLab.Tui.Render;

/// <summary>Text formats shared by the row builders. Times are shown in UTC, the emulator's zone.</summary>
public static class Format
{
    /// <summary>Shown for a missing value.</summary>
    public const string None = "-";

    /// <summary>Full clock time: 2026-12-06 02:00:13Z.</summary>
    public static string ClockTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z";

    /// <summary>Table time, year left out to save width: 12-06 02:00:13.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : None;

    /// <summary>Speed as a factor: x60, x1, x0.5.</summary>
    public static string Speed(double speed) => "x" + speed.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A count, or "-" before the first report.</summary>
    public static string Count(int? count) => count is { } c ? c.ToString(CultureInfo.InvariantCulture) : None;

    /// <summary>Two most significant units: 45s, 12m 05s, 3h 05m, 2d 03h. Negative spans read as 0s.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        // Whole seconds, rounded down: a countdown never claims more time than is left.
        long seconds = (long)span.TotalSeconds;
        long days = seconds / 86_400, hours = seconds / 3_600 % 24, minutes = seconds / 60 % 60, secs = seconds % 60;
        return days > 0 ? Invariant($"{days}d {hours:00}h")
            : hours > 0 ? Invariant($"{hours}h {minutes:00}m")
            : minutes > 0 ? Invariant($"{minutes}m {secs:00}s")
            : Invariant($"{secs}s");
    }

    /// <summary>Time until <paramref name="next"/> from <paramref name="now"/>: "in 2d 03h", "due" once reached, "-" when none.</summary>
    public static string Countdown(DateTimeOffset? next, DateTimeOffset now)
    {
        if (next is not { } n)
        {
            return None;
        }

        TimeSpan left = n - now;
        return left < TimeSpan.FromSeconds(1) ? "due" : "in " + Duration(left);
    }

    /// <summary>Targets as SSM spells them: "tag:Environment=Production", keys joined with " and ", values with ",".</summary>
    public static string Targets(IEnumerable<Models.TargetItem> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        string text = string.Join(" and ", targets.Select(t => $"{t.Key}={string.Join(",", t.Values)}"));
        return text.Length == 0 ? None : text;
    }

    /// <summary>A baseline id without its ARN prefix: arn:aws:ssm:…:patchbaseline/pb-0be8 → pb-0be8; "-" when empty.</summary>
    public static string Baseline(string? baselineId)
    {
        if (string.IsNullOrEmpty(baselineId))
        {
            return None;
        }

        int slash = baselineId.LastIndexOf('/');
        return slash >= 0 && slash < baselineId.Length - 1 ? baselineId[(slash + 1)..] : baselineId;
    }

    /// <summary>The first <paramref name="length"/> characters of an id (a UUID's first group).</summary>
    public static string ShortId(string? id, int length = 8) =>
        string.IsNullOrEmpty(id) ? None : id.Length <= length ? id : id[..length];

    /// <summary>Text, or "-" when empty.</summary>
    public static string Text(string? value) => string.IsNullOrEmpty(value) ? None : value;

    /// <summary>The first line of a message.</summary>
    public static string FirstLine(string? text)
    {
        text ??= "";
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>An SDK time as UTC: the SDK reads epoch seconds as UTC; an unspecified kind is taken as UTC too, never as the host's zone.</summary>
    public static DateTimeOffset? Utc(DateTime? time) => time is not { } t
        ? null
        : new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime(), TimeSpan.Zero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
