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

    /// <summary>The parsed schedule of a stored window.</summary>
    public static AwsSchedule Schedule(MaintenanceWindow w) => AwsSchedule.Parse(w.Schedule, w.ScheduleTimezone, w.ScheduleOffset);

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

    /// <summary>NextExecutionTime as AWS formats it, or null when the window has no next run.</summary>
    public static string? NextExecutionTime(MaintenanceWindow w) =>
        w.Enabled && w.NextRun is { } next ? Schedule(w).FormatNextExecutionTime(next) : null;
}
