using System.Globalization;
using PatchLab.Domain.Model;
using PatchLab.Domain.Scheduling;

namespace PatchLab.Emulator.Backend;

/// <summary>Schedule arithmetic for stored windows (parsing their StartDate/EndDate strings, next run, formats).</summary>
public static class WindowSchedules
{
    /// <summary>Parses an ISO-8601 StartDate/EndDate as AWS accepts it (2021-04-07T14:29:00-08:00, or Z).</summary>
    public static bool TryParseDate(string? s, out DateTimeOffset value)
    {
        value = default;
        return !string.IsNullOrEmpty(s)
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    // Parsing validates the whole expression (including the 5-minute floor), which is far too slow for every row of every
    // Describe: parsed schedules are immutable, so they are cached by their inputs.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string?, int?), AwsSchedule> Parsed = new();

    /// <summary>The parsed schedule of a stored window.</summary>
    public static AwsSchedule Schedule(MaintenanceWindow w) =>
        Parsed.GetOrAdd((w.Schedule, w.ScheduleTimezone, w.ScheduleOffset), k => AwsSchedule.Parse(k.Item1, k.Item2, k.Item3));

    /// <summary>The next run strictly after <paramref name="now"/>, or null (disabled windows have none).</summary>
    public static DateTimeOffset? NextRun(MaintenanceWindow w, DateTimeOffset now)
    {
        if (!w.Enabled)
        {
            return null;
        }
        DateTimeOffset? start = TryParseDate(w.StartDate, out var s) ? s : null;
        DateTimeOffset? end = TryParseDate(w.EndDate, out var e) ? e : null;
        return Schedule(w).NextExecution(now, w.CreatedDate, start, end);
    }

    /// <summary>
    /// The runs strictly after <paramref name="fromExclusive"/>, lazily and in order (DescribeMaintenanceWindowSchedule); none for
    /// a disabled window, none after EndDate.
    /// </summary>
    public static IEnumerable<DateTimeOffset> Runs(MaintenanceWindow w, DateTimeOffset fromExclusive)
    {
        if (!w.Enabled)
        {
            return [];
        }
        DateTimeOffset? start = TryParseDate(w.StartDate, out var s) ? s : null;
        DateTimeOffset? end = TryParseDate(w.EndDate, out var e) ? e : null;
        return Schedule(w).Occurrences(fromExclusive, w.CreatedDate, start, end);
    }

    /// <summary>NextExecutionTime as AWS formats it, or null when the window has no next run.</summary>
    public static string? NextExecutionTime(MaintenanceWindow w) =>
        w.Enabled && w.NextRun is { } next ? Schedule(w).FormatNextExecutionTime(next) : null;
}
