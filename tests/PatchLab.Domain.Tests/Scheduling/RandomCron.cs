using System.Globalization;

namespace PatchLab.Domain.Tests.Scheduling;

/// <summary>
/// A random, grammatically valid AWS cron expression generated field by field, each field carrying its own meaning as a predicate
/// written straight from the AWS/Quartz rules (no parser, no Cronos), for <see cref="BruteForceCron"/>.
/// </summary>
internal sealed class RandomCron
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private RandomCron(string text, Func<int, bool>? second, Func<int, bool> minute, Func<int, bool> hour, Func<DateTime, bool> day, Func<int, bool> month, Func<int, bool> year)
    {
        Text = text;
        Second = second ?? (s => s == 0);
        Minute = minute;
        Hour = hour;
        Day = day;
        Month = month;
        Year = year;
    }

    public string Text { get; }

    public Func<int, bool> Second { get; }

    public Func<int, bool> Minute { get; }

    public Func<int, bool> Hour { get; }

    /// <summary>Day-of-month and Day-of-week together (one of them is '?').</summary>
    public Func<DateTime, bool> Day { get; }

    public Func<int, bool> Month { get; }

    public Func<int, bool> Year { get; }

    public override string ToString() => Text;

    /// <summary>A random expression; <paramref name="dense"/> keeps hours, days, months and years wide so runs cross DST changes.</summary>
    public static RandomCron Next(Random random, int nowYear, bool dense = false)
    {
        string? secondText = null;
        Func<int, bool>? second = null;
        if (random.Next(5) == 0)
        {
            // 7-field form: a single second keeps runs 5 minutes apart when the minutes are.
            var s = random.Next(60);
            secondText = Pad(random, s);
            second = v => v == s;
        }

        var (minuteText, minute) = Clock(random, 0, 59, minuteField: true);
        var (hourText, hour) = dense ? DenseHours(random) : Clock(random, 0, 23, minuteField: false);
        var (monthText, month) = dense ? ("*", Always) : MonthField(random);
        var (yearText, year) = dense ? ("*", Always) : YearField(random, nowYear);
        string dayOfMonthText;
        string dayOfWeekText;
        Func<DateTime, bool> day;
        if (dense)
        {
            (dayOfMonthText, dayOfWeekText) = random.Next(2) == 0 ? ("*", "?") : ("?", "*");
            day = _ => true;
        }
        else if (random.Next(2) == 0)
        {
            (dayOfMonthText, day) = DayOfMonth(random);
            dayOfWeekText = "?";
        }
        else
        {
            (dayOfWeekText, day) = DayOfWeek(random);
            dayOfMonthText = "?";
        }

        var fields = new[] { secondText, minuteText, hourText, dayOfMonthText, monthText, dayOfWeekText, yearText };
        var text = "cron(" + string.Join(' ', fields.Where(f => f is not null)) + ")";
        return new RandomCron(text, second, minute, hour, day, month, year);
    }

    private static (string, Func<int, bool>) Clock(Random random, int min, int max, bool minuteField)
    {
        var size = max - min + 1;
        switch (random.Next(minuteField ? 5 : 7))
        {
            case 0:
            {
                var v = random.Next(min, max + 1);
                return (Pad(random, v), x => x == v);
            }
            case 1:
            {
                var values = Distinct(random, min, max, random.Next(2, 5), minuteField ? 7 : 1);
                return (string.Join(',', values.Select(v => Pad(random, v))), values.Contains);
            }
            case 2:
            {
                // a/s: from a to the end of the field.
                var s = random.Next(minuteField ? 5 : 2, minuteField ? 31 : 9);
                var a = random.Next(min, Math.Min(max, min + s - 1) + 1);
                return (Str(a) + "/" + Str(s), x => x >= a && (x - a) % s == 0);
            }
            case 3:
            {
                // */s: from the field's minimum.
                var s = random.Next(minuteField ? 5 : 2, minuteField ? 31 : 9);
                return ("*/" + Str(s), x => (x - min) % s == 0);
            }
            case 4:
            {
                // a-b/s, possibly wrapping past the maximum (Quartz).
                var a = random.Next(min, max + 1);
                var b = random.Next(min, max + 1);
                var s = random.Next(minuteField ? 5 : 1, minuteField ? 21 : 6);
                var span = (b - a + size) % size;
                return (Str(a) + "-" + Str(b) + (s == 1 ? "" : "/" + Str(s)), x =>
                {
                    var offset = (x - a + size) % size;
                    return offset <= span && offset % s == 0;
                });
            }
            case 5:
                return ("*", _ => true);
            default:
            {
                var a = random.Next(min, max + 1);
                var b = random.Next(a, max + 1);
                return (Str(a) + "-" + Str(b), x => x >= a && x <= b);
            }
        }
    }

    /// <summary>Hours that include the small hours, where DST changes happen.</summary>
    private static (string, Func<int, bool>) DenseHours(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return ("*", _ => true);
            case 1:
            {
                var s = random.Next(1, 4);
                return ("*/" + Str(s), h => h % s == 0);
            }
            case 2:
            {
                var a = random.Next(20, 24);
                var b = random.Next(1, 5);
                return (Str(a) + "-" + Str(b), h => h >= a || h <= b);
            }
            default:
            {
                var v = random.Next(0, 4);
                return ("0-" + Str(v + 1), h => h <= v + 1);
            }
        }
    }

    private static (string, Func<DateTime, bool>) DayOfMonth(Random random)
    {
        switch (random.Next(9))
        {
            case 0:
                return ("*", _ => true);
            case 1:
            {
                var v = random.Next(1, 32);
                return (Pad(random, v), d => d.Day == v);
            }
            case 2:
            {
                var values = Distinct(random, 1, 31, random.Next(2, 5), 1);
                return (string.Join(',', values.Select(Str)), d => values.Contains(d.Day));
            }
            case 3:
            {
                var a = random.Next(1, 32);
                var s = random.Next(1, 12);
                return (Str(a) + "/" + Str(s), d => d.Day >= a && (d.Day - a) % s == 0);
            }
            case 4:
                return ("L", d => d.Day == DateTime.DaysInMonth(d.Year, d.Month));
            case 5:
                return ("LW", d => d.Day == WeekdaysOfMonth(d).Max());
            case 6:
            {
                var n = random.Next(1, 32);
                return (Str(n) + "W", d =>
                {
                    if (n > DateTime.DaysInMonth(d.Year, d.Month))
                    {
                        return false;
                    }

                    // The Monday-to-Friday day of this month closest to day n.
                    return d.Day == WeekdaysOfMonth(d).OrderBy(x => Math.Abs(x - n)).First();
                });
            }
            default:
            {
                var a = random.Next(1, 32);
                var b = random.Next(1, 32);
                var span = (b - a + 31) % 31;
                return (Str(a) + "-" + Str(b), d => (d.Day - a + 31) % 31 <= span);
            }
        }
    }

    private static (string, Func<DateTime, bool>) DayOfWeek(Random random)
    {
        // AWS numbering: 1 = SUN ... 7 = SAT; .NET DayOfWeek is 0 = Sunday.
        static int Aws(DateTime d) => (int)d.DayOfWeek + 1;
        switch (random.Next(9))
        {
            case 0:
                return ("*", _ => true);
            case 1:
            {
                var v = random.Next(1, 8);
                return (Weekday(random, v), d => Aws(d) == v);
            }
            case 2:
            {
                var values = Distinct(random, 1, 7, random.Next(2, 4), 1);
                return (string.Join(',', values.Select(v => Weekday(random, v))), d => values.Contains(Aws(d)));
            }
            case 3:
            {
                // Ranges, wrapping past SAT as in FRI-MON.
                var a = random.Next(1, 8);
                var b = random.Next(1, 8);
                var span = (b - a + 7) % 7;
                return (Weekday(random, a) + "-" + Weekday(random, b), d => (Aws(d) - a + 7) % 7 <= span);
            }
            case 4:
            {
                var a = random.Next(1, 8);
                var s = random.Next(1, 4);
                return (Str(a) + "/" + Str(s), d => Aws(d) >= a && (Aws(d) - a) % s == 0);
            }
            case 5:
            {
                var v = random.Next(1, 8);
                return (Weekday(random, v) + "L", d => Aws(d) == v && !DaysOfMonth(d).Any(x => x > d.Day && new DateTime(d.Year, d.Month, x).DayOfWeek == d.DayOfWeek));
            }
            case 6:
            {
                var v = random.Next(1, 8);
                var k = random.Next(1, 6);
                return (Weekday(random, v) + "#" + Str(k), d => Aws(d) == v && DaysOfMonth(d).Count(x => x <= d.Day && new DateTime(d.Year, d.Month, x).DayOfWeek == d.DayOfWeek) == k);
            }
            case 7:
                return ("L", d => d.DayOfWeek == System.DayOfWeek.Saturday);
            default:
                return ("MON-FRI", IsWeekday);
        }
    }

    private static (string, Func<int, bool>) MonthField(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
            case 1:
                return ("*", _ => true);
            case 2:
            {
                var v = random.Next(1, 13);
                return (random.Next(2) == 0 ? Str(v) : Cased(random, MonthNames[v - 1]), m => m == v);
            }
            case 3:
            {
                var values = Distinct(random, 1, 12, random.Next(2, 5), 1);
                return (string.Join(',', values.Select(v => random.Next(2) == 0 ? Str(v) : MonthNames[v - 1])), values.Contains);
            }
            case 4:
            {
                var a = random.Next(1, 13);
                var b = random.Next(1, 13);
                var span = (b - a + 12) % 12;
                return (MonthNames[a - 1] + "-" + MonthNames[b - 1], m => (m - a + 12) % 12 <= span);
            }
            default:
            {
                var a = random.Next(1, 13);
                var s = random.Next(1, 5);
                return (Str(a) + "/" + Str(s), m => m >= a && (m - a) % s == 0);
            }
        }
    }

    private static (string, Func<int, bool>) YearField(Random random, int nowYear)
    {
        switch (random.Next(8))
        {
            case 0:
            {
                var v = nowYear + random.Next(-1, 4);
                return (Str(v), y => y == v);
            }
            case 1:
            {
                var a = nowYear + random.Next(-2, 3);
                var b = a + random.Next(0, 4);
                return (Str(a) + "-" + Str(b), y => y >= a && y <= b);
            }
            case 2:
            {
                var a = nowYear + random.Next(-3, 2);
                var s = random.Next(2, 4);
                return (Str(a) + "/" + Str(s), y => y >= a && (y - a) % s == 0);
            }
            case 3:
            {
                var values = Distinct(random, nowYear - 1, nowYear + 4, 2, 2);
                return (string.Join(',', values.Select(Str)), values.Contains);
            }
            default:
                return ("*", _ => true);
        }
    }

    private static bool Always(int value) => true;

    private static bool IsWeekday(DateTime d) => d.DayOfWeek is not (System.DayOfWeek.Saturday or System.DayOfWeek.Sunday);

    private static IEnumerable<int> WeekdaysOfMonth(DateTime d) => DaysOfMonth(d).Where(x => IsWeekday(new DateTime(d.Year, d.Month, x)));

    private static IEnumerable<int> DaysOfMonth(DateTime d) => Enumerable.Range(1, DateTime.DaysInMonth(d.Year, d.Month));

    private static string Weekday(Random random, int aws) => random.Next(2) == 0 ? Str(aws) : Cased(random, DayNames[aws - 1]);

    private static string Cased(Random random, string name) => random.Next(4) == 0 ? name.ToLowerInvariant() : name;

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Pad(Random random, int v) => random.Next(4) == 0 ? v.ToString("00", CultureInfo.InvariantCulture) : Str(v);

    private static int[] Distinct(Random random, int min, int max, int count, int minGap)
    {
        var values = new SortedSet<int>();
        for (var attempt = 0; attempt < 50 && values.Count < count; attempt++)
        {
            var v = random.Next(min, max + 1);
            if (values.All(x => Math.Abs(x - v) >= minGap))
            {
                values.Add(v);
            }
        }

        return values.ToArray();
    }
}
