namespace PatchLab.Domain.Tests.Scheduling;

/// <summary>
/// The reference evaluator for the property test: walks the zone's wall clock day by day and minute by minute, asks each field
/// of a <see cref="RandomCron"/> directly, and maps wall times to instants by trying the zone's nearby UTC offsets and keeping
/// those that convert back to the same wall time. No Cronos, no AwsSchedule code, no IsInvalidTime/IsAmbiguousTime.
/// </summary>
internal static class BruteForceCron
{
    /// <summary>
    /// The runs after <paramref name="now"/> and up to <paramref name="horizon"/> (at most <paramref name="count"/>), with PatchLab's rules: occurrences at/after createdAt and startDate, plus offset wall-clock
    /// days (a run whose own wall time is skipped does not run), runs after now and not after endDate; skipped wall times never run, repeated ones run at their first instant.
    /// </summary>
    public static List<DateTimeOffset> Runs(
        RandomCron cron, TimeZoneInfo zone, int offsetDays, DateTimeOffset now, DateTimeOffset createdAt, DateTimeOffset? startDate,
        DateTimeOffset? endDate, DateTimeOffset horizon, int count)
    {
        var lower = startDate > createdAt ? startDate.Value : createdAt;
        var from = lower > now.AddDays(-(offsetDays + 2)) ? lower : now.AddDays(-(offsetDays + 2));
        var day = TimeZoneInfo.ConvertTime(from, zone).Date.AddDays(-1);
        // A run is never before its occurrence, so nothing after EndDate (or the horizon) can matter.
        var last = endDate < horizon ? endDate.Value : horizon;
        var lastDay = TimeZoneInfo.ConvertTime(last, zone).Date.AddDays(1);
        var runs = new List<DateTimeOffset>();
        DateTime? stopAfter = null;
        for (; day <= lastDay && (stopAfter is null || day <= stopAfter); day = day.AddDays(1))
        {
            if (day.Year > 2199)
            {
                break;
            }

            if (!cron.Year(day.Year) || !cron.Month(day.Month) || !cron.Day(day))
            {
                continue;
            }

            for (var h = 0; h < 24; h++)
            {
                if (!cron.Hour(h))
                {
                    continue;
                }

                for (var m = 0; m < 60; m++)
                {
                    if (!cron.Minute(m))
                    {
                        continue;
                    }

                    for (var s = 0; s < 60; s++)
                    {
                        if (!cron.Second(s))
                        {
                            continue;
                        }

                        var wall = day.AddHours(h).AddMinutes(m).AddSeconds(s);
                        if (Earliest(wall, zone) is not { } occurrence || occurrence < lower || occurrence > horizon)
                        {
                            continue;
                        }

                        // An offset run whose own wall time is skipped does not run.
                        var run = offsetDays == 0 ? occurrence : Earliest(wall.AddDays(offsetDays), zone);
                        if (run > now && !(run > endDate) && run <= horizon)
                        {
                            runs.Add(run.Value);
                            if (runs.Count >= count && stopAfter is null)
                            {
                                stopAfter = day.AddDays(offsetDays + 1);
                            }
                        }
                    }
                }
            }
        }

        return runs.Distinct().Order().Take(count).ToList();
    }

    /// <summary>The earliest instant whose wall-clock time in <paramref name="zone"/> is <paramref name="wall"/>, or null.</summary>
    public static DateTimeOffset? Earliest(DateTime wall, TimeZoneInfo zone)
    {
        DateTimeOffset? best = null;
        foreach (var hours in new[] { -48, -24, -12, -6, -3, 0, 3, 6, 12, 24, 48 })
        {
            var offset = zone.GetUtcOffset(new DateTimeOffset(wall.AddHours(hours), TimeSpan.Zero));
            var candidate = new DateTimeOffset(wall, offset);
            if (TimeZoneInfo.ConvertTime(candidate, zone).DateTime == wall && (best is null || candidate < best))
            {
                best = candidate;
            }
        }

        return best;
    }
}
