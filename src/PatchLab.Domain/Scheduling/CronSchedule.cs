using System.Globalization;
using System.Text;
using Cronos;

namespace PatchLab.Domain.Scheduling;

/// <summary>
/// A validated AWS cron expression: one value set per field, the special day forms, and the Cronos expression that finds the
/// next matching wall-clock time.
/// </summary>
/// <remarks>
/// <para>Layout: every set is a <see cref="bool"/> array indexed by the field's own value (Day-of-week uses AWS numbering,
/// 1 = SUN … 7 = SAT; <see cref="Years"/> is indexed by the year itself, 0-2199, true only inside 1970-2199).</para>
/// <para>Cronos is driven in the zone's wall clock (the wall time passed as if it were UTC) and PatchLab maps wall times to instants
/// itself (<see cref="ZoneClock"/>): Cronos's own zone handling follows Vixie cron, which runs a skipped time at the end of the
/// gap and runs interval expressions twice in a repeated hour, while PatchLab skips and fires once. Cronos has no Year field, so
/// <see cref="NextWall"/> filters years and jumps over the years the expression excludes.</para>
/// </remarks>
internal sealed class CronSchedule
{
    public const int MinYear = 1970;
    public const int MaxYear = 2199;

    private readonly CronExpression _cronos;

    public CronSchedule(
        bool hasSeconds,
        bool[] seconds,
        bool[] minutes,
        bool[] hours,
        DayOfMonthMode dayOfMonthMode,
        bool[] daysOfMonth,
        int nearestWeekdayDay,
        bool[] months,
        DayOfWeekMode dayOfWeekMode,
        bool[] daysOfWeek,
        int weekdayOfMonthDay,
        int nthWeek,
        bool[] years)
    {
        HasSeconds = hasSeconds;
        Seconds = seconds;
        Minutes = minutes;
        Hours = hours;
        DayOfMonthMode = dayOfMonthMode;
        DaysOfMonth = daysOfMonth;
        NearestWeekdayDay = nearestWeekdayDay;
        Months = months;
        DayOfWeekMode = dayOfWeekMode;
        DaysOfWeek = daysOfWeek;
        WeekdayOfMonthDay = weekdayOfMonthDay;
        NthWeek = nthWeek;
        Years = years;
        AllYears = Enumerable.Range(MinYear, MaxYear - MinYear + 1).All(y => years[y]);
        FirstYear = Enumerable.Range(MinYear, MaxYear - MinYear + 1).First(y => years[y]);
        LastYear = Enumerable.Range(MinYear, MaxYear - MinYear + 1).Last(y => years[y]);
        CronosText = BuildCronosText();
        _cronos = CronExpression.Parse(CronosText, CronFormat.IncludeSeconds);
    }

    /// <summary>True for the 7-field form with a leading Seconds field.</summary>
    public bool HasSeconds { get; }

    public bool[] Seconds { get; }

    public bool[] Minutes { get; }

    public bool[] Hours { get; }

    public DayOfMonthMode DayOfMonthMode { get; }

    /// <summary>Days 1-31 for <see cref="DayOfMonthMode.Values"/>.</summary>
    public bool[] DaysOfMonth { get; }

    /// <summary>The n of <c>nW</c>.</summary>
    public int NearestWeekdayDay { get; }

    public bool[] Months { get; }

    public DayOfWeekMode DayOfWeekMode { get; }

    /// <summary>Days 1-7 (1 = SUN) for <see cref="DayOfWeekMode.Values"/>.</summary>
    public bool[] DaysOfWeek { get; }

    /// <summary>The weekday (1 = SUN) of <c>n#k</c> and <c>nL</c>.</summary>
    public int WeekdayOfMonthDay { get; }

    /// <summary>The k of <c>n#k</c>.</summary>
    public int NthWeek { get; }

    public bool[] Years { get; }

    public bool AllYears { get; }

    public int FirstYear { get; }

    public int LastYear { get; }

    /// <summary>The equivalent Cronos expression (seconds format, no year), kept for diagnostics.</summary>
    public string CronosText { get; }

    /// <summary>
    /// The first wall-clock time at or after (<paramref name="inclusive"/>) or strictly after <paramref name="wall"/> that matches
    /// every field, or <see langword="null"/> when none exists before the end of 2199.
    /// </summary>
    public DateTime? NextWall(DateTime wall, bool inclusive)
    {
        var cursor = DateTime.SpecifyKind(wall, DateTimeKind.Utc);
        while (true)
        {
            if (cursor.Year > LastYear)
            {
                return null;
            }

            if (!IsYearAllowed(cursor.Year))
            {
                // Jump to 1 January of the next allowed year: Cronos would otherwise walk every occurrence of the excluded years.
                var year = cursor.Year + 1;
                while (year <= LastYear && !Years[year])
                {
                    year++;
                }

                if (year > LastYear)
                {
                    return null;
                }

                cursor = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                inclusive = true;
                continue;
            }

            var next = _cronos.GetNextOccurrence(cursor, inclusive);
            if (next is null)
            {
                return null;
            }

            if (!IsYearAllowed(next.Value.Year))
            {
                // Loop: the next iteration jumps past this excluded year.
                cursor = next.Value;
                inclusive = true;
                continue;
            }

            return DateTime.SpecifyKind(next.Value, DateTimeKind.Unspecified);
        }
    }

    /// <summary>Whether the calendar day of <paramref name="date"/> matches Year, Month, Day-of-month and Day-of-week.</summary>
    public bool MatchesDate(DateTime date)
    {
        if (!IsYearAllowed(date.Year) || !Months[date.Month])
        {
            return false;
        }

        var daysInMonth = DateTime.DaysInMonth(date.Year, date.Month);
        var day = date.Day;
        var dayOfMonthMatches = DayOfMonthMode switch
        {
            DayOfMonthMode.Any => true,
            DayOfMonthMode.Values => DaysOfMonth[day],
            DayOfMonthMode.Last => day == daysInMonth,
            DayOfMonthMode.LastWeekday => day == LastWeekdayOfMonth(date.Year, date.Month),
            DayOfMonthMode.NearestWeekday => NearestWeekdayDay <= daysInMonth && day == NearestWeekday(date.Year, date.Month, NearestWeekdayDay),
            _ => false,
        };
        if (!dayOfMonthMatches)
        {
            return false;
        }

        var weekday = (int)date.DayOfWeek + 1;
        return DayOfWeekMode switch
        {
            DayOfWeekMode.Any => true,
            DayOfWeekMode.Values => DaysOfWeek[weekday],
            DayOfWeekMode.NthWeekday => weekday == WeekdayOfMonthDay && (day - 1) / 7 + 1 == NthWeek,
            DayOfWeekMode.LastWeekday => weekday == WeekdayOfMonthDay && day + 7 > daysInMonth,
            _ => false,
        };
    }

    /// <summary>
    /// Describes two runs that can be less than five minutes apart in the wall clock, or <see langword="null"/> when none can.
    /// Within a day the runs are the product of the Hours, Minutes and Seconds sets; across midnight the last run of a day and the
    /// first of the next only count when two consecutive calendar days can both match.
    /// </summary>
    public string? FindRunsCloserThanFiveMinutes()
    {
        const int Floor = 5 * 60;
        var first = -1;
        var previous = -1;
        for (var h = 0; h < 24; h++)
        {
            if (!Hours[h])
            {
                continue;
            }

            for (var m = 0; m < 60; m++)
            {
                if (!Minutes[m])
                {
                    continue;
                }

                for (var s = 0; s < 60; s++)
                {
                    if (!Seconds[s])
                    {
                        continue;
                    }

                    var t = h * 3600 + m * 60 + s;
                    if (previous >= 0 && t - previous < Floor)
                    {
                        return $"runs at {FormatTimeOfDay(previous)} and {FormatTimeOfDay(t)} would be less than 5 minutes apart";
                    }

                    if (first < 0)
                    {
                        first = t;
                    }

                    previous = t;
                }
            }
        }

        if (86_400 - previous + first < Floor && FindConsecutiveMatchingDays() is { } day)
        {
            return $"runs at {FormatTimeOfDay(previous)} on {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and " +
                   $"{FormatTimeOfDay(first)} the next day would be less than 5 minutes apart";
        }

        return null;
    }

    /// <summary>The last Monday-to-Friday day of the month.</summary>
    public static int LastWeekdayOfMonth(int year, int month)
    {
        var day = DateTime.DaysInMonth(year, month);
        return new DateTime(year, month, day).DayOfWeek switch
        {
            DayOfWeek.Saturday => day - 1,
            DayOfWeek.Sunday => day - 2,
            _ => day,
        };
    }

    /// <summary>
    /// The Monday-to-Friday day nearest <paramref name="day"/> without leaving the month (Quartz <c>W</c>): a Saturday moves to
    /// Friday unless that is in the previous month (then Monday); a Sunday moves to Monday unless that is in the next month (then
    /// Friday).
    /// </summary>
    public static int NearestWeekday(int year, int month, int day)
    {
        var daysInMonth = DateTime.DaysInMonth(year, month);
        return new DateTime(year, month, day).DayOfWeek switch
        {
            DayOfWeek.Saturday => day == 1 ? 3 : day - 1,
            DayOfWeek.Sunday => day == daysInMonth ? day - 2 : day + 1,
            _ => day,
        };
    }

    private bool IsYearAllowed(int year) => year is >= MinYear and <= MaxYear && Years[year];

    private DateTime? FindConsecutiveMatchingDays()
    {
        var day = new DateTime(FirstYear, 1, 1);
        var end = new DateTime(LastYear, 12, 31);
        var previousMatched = false;
        while (day <= end)
        {
            if (!Years[day.Year])
            {
                previousMatched = false;
                day = new DateTime(day.Year + 1, 1, 1);
                continue;
            }

            var matched = MatchesDate(day);
            if (matched && previousMatched)
            {
                return day.AddDays(-1);
            }

            previousMatched = matched;
            day = day.AddDays(1);
        }

        return null;
    }

    private string FormatTimeOfDay(int seconds) =>
        HasSeconds
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}");

    private string BuildCronosText()
    {
        // Sets become explicit lists so AWS range, wrap and step semantics never depend on Cronos's; Cronos numbers weekdays
        // 0 = SUN, AWS 1 = SUN.
        var dayOfMonth = DayOfMonthMode switch
        {
            DayOfMonthMode.Any => "*",
            DayOfMonthMode.Values => List(DaysOfMonth, 1, 31, v => v),
            DayOfMonthMode.Last => "L",
            DayOfMonthMode.LastWeekday => "LW",
            _ => string.Create(CultureInfo.InvariantCulture, $"{NearestWeekdayDay}W"),
        };
        var dayOfWeek = DayOfWeekMode switch
        {
            DayOfWeekMode.Any => "*",
            DayOfWeekMode.Values => List(DaysOfWeek, 1, 7, v => v - 1),
            DayOfWeekMode.NthWeekday => string.Create(CultureInfo.InvariantCulture, $"{WeekdayOfMonthDay - 1}#{NthWeek}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{WeekdayOfMonthDay - 1}L"),
        };
        return string.Join(' ',
            List(Seconds, 0, 59, v => v),
            List(Minutes, 0, 59, v => v),
            List(Hours, 0, 23, v => v),
            dayOfMonth,
            List(Months, 1, 12, v => v),
            dayOfWeek);
    }

    private static string List(bool[] set, int min, int max, Func<int, int> map)
    {
        if (Enumerable.Range(min, max - min + 1).All(v => set[v]))
        {
            return "*";
        }

        var text = new StringBuilder();
        for (var v = min; v <= max; v++)
        {
            if (set[v])
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }

                text.Append(map(v).ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
