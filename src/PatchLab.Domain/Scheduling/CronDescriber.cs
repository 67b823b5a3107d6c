using System.Globalization;

namespace PatchLab.Domain.Scheduling;

/// <summary>Plain-English text for a <see cref="CronSchedule"/>; exact for the common shapes, best effort for the rest.</summary>
internal static class CronDescriber
{
    private static readonly string[] MonthNames =
        ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] DayNames = ["", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] Ordinals = ["", "first", "second", "third", "fourth", "fifth"];

    /// <summary>"At 02:00 on Sunday", without the zone, which the caller appends.</summary>
    public static string Describe(CronSchedule cron)
    {
        var time = DescribeTime(cron);
        var days = DescribeDays(cron);

        // "Every 30 minutes every day" reads better without the days.
        var dayText = days == "every day" && time.StartsWith("Every", StringComparison.Ordinal) ? "" : " " + days;
        return time + dayText + DescribeMonths(cron) + DescribeYears(cron);
    }

    private static string DescribeTime(CronSchedule cron)
    {
        var hours = Values(cron.Hours, 0, 23);
        var minutes = Values(cron.Minutes, 0, 59);
        var seconds = Values(cron.Seconds, 0, 59);
        var showSeconds = seconds.Any(s => s != 0);
        if (hours.Length * minutes.Length * seconds.Length <= 4)
        {
            var times =
                from h in hours
                from m in minutes
                from s in seconds
                select showSeconds
                    ? string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}:{s:00}")
                    : string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}");
            return "At " + Join(times.ToList());
        }

        var secondsText = showSeconds
            ? " and second " + Sets(seconds, v => v.ToString(CultureInfo.InvariantCulture))
            : "";
        if (minutes.Length > 1 && Step(minutes) is { } step && minutes[0] < step && 60 % step == 0)
        {
            var during = hours.Length == 24 ? ""
                : Runs(hours).Count == 1 ? string.Create(CultureInfo.InvariantCulture, $" between {hours[0]:00}:00 and {hours[^1]:00}:59")
                : " during hours " + Sets(hours, h => h.ToString(CultureInfo.InvariantCulture));
            return string.Create(CultureInfo.InvariantCulture, $"Every {step} minutes{secondsText}{during}");
        }

        if (minutes.Length == 1 && hours.Length > 1 && Step(hours) is { } hourStep && hours[0] < hourStep && 24 % hourStep == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Every {hourStep} hours from {hours[0]:00}:{minutes[0]:00}{secondsText}");
        }

        return "At minute " + Sets(minutes, m => m.ToString(CultureInfo.InvariantCulture)) + secondsText +
               (hours.Length == 24 ? " of every hour" : " past hour " + Sets(hours, h => h.ToString(CultureInfo.InvariantCulture)));
    }

    private static string DescribeDays(CronSchedule cron)
    {
        switch (cron.DayOfWeekMode)
        {
            case DayOfWeekMode.NthWeekday:
                return $"on the {Ordinals[cron.NthWeek]} {DayNames[cron.WeekdayOfMonthDay]} of the month";
            case DayOfWeekMode.LastWeekday:
                return $"on the last {DayNames[cron.WeekdayOfMonthDay]} of the month";
            case DayOfWeekMode.Values:
                var weekdays = Values(cron.DaysOfWeek, 1, 7);
                return weekdays.Length == 7 ? "every day" : "on " + Sets(weekdays, d => DayNames[d]);
        }

        switch (cron.DayOfMonthMode)
        {
            case DayOfMonthMode.Last:
                return "on the last day of the month";
            case DayOfMonthMode.LastWeekday:
                return "on the last weekday of the month";
            case DayOfMonthMode.NearestWeekday:
                return string.Create(CultureInfo.InvariantCulture, $"on the weekday nearest day {cron.NearestWeekdayDay} of the month");
            default:
                var days = Values(cron.DaysOfMonth, 1, 31);
                return days.Length == 31
                    ? "every day"
                    : (days.Length == 1 ? "on day " : "on days ") + Sets(days, d => d.ToString(CultureInfo.InvariantCulture)) + " of the month";
        }
    }

    private static string DescribeMonths(CronSchedule cron)
    {
        var months = Values(cron.Months, 1, 12);
        return months.Length == 12 ? "" : " in " + Sets(months, m => MonthNames[m]);
    }

    private static string DescribeYears(CronSchedule cron)
    {
        if (cron.AllYears)
        {
            return "";
        }

        var years = Values(cron.Years, CronSchedule.MinYear, CronSchedule.MaxYear);
        return " in " + Sets(years, y => y.ToString(CultureInfo.InvariantCulture));
    }

    private static int[] Values(bool[] set, int min, int max) => Enumerable.Range(min, max - min + 1).Where(v => set[v]).ToArray();

    private static int? Step(int[] values)
    {
        var step = values[1] - values[0];
        for (var i = 2; i < values.Length; i++)
        {
            if (values[i] - values[i - 1] != step)
            {
                return null;
            }
        }

        return step;
    }

    /// <summary>Runs of three or more consecutive values read "a through b"; the rest are listed.</summary>
    private static string Sets(int[] values, Func<int, string> name)
    {
        var parts = new List<string>();
        foreach (var (first, last) in Runs(values))
        {
            if (last - first >= 2)
            {
                parts.Add($"{name(first)} through {name(last)}");
            }
            else
            {
                for (var v = first; v <= last; v++)
                {
                    parts.Add(name(v));
                }
            }
        }

        return Join(parts);
    }

    /// <summary>Maximal runs of consecutive values, as (first, last) pairs.</summary>
    private static List<(int First, int Last)> Runs(int[] values)
    {
        var runs = new List<(int, int)>();
        for (var i = 0; i < values.Length;)
        {
            var j = i;
            while (j + 1 < values.Length && values[j + 1] == values[j] + 1)
            {
                j++;
            }

            runs.Add((values[i], values[j]));
            i = j + 1;
        }

        return runs;
    }

    private static string Join(IReadOnlyList<string> parts) =>
        parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
}
