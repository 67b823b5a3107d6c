using System.Globalization;

namespace PatchLab.Domain.Scheduling;

/// <summary>
/// Parses the body of <c>cron(...)</c> with the AWS rules of reference 1.3 (Quartz-style, which AWS follows): 6 fields, or 7 with a
/// leading Seconds field; exactly one of Day-of-month and Day-of-week is <c>?</c>; <c>L</c>, <c>LW</c>, <c>nW</c>, <c>nL</c>,
/// <c>n#k</c>; names case-insensitive; and the 5-minute floor between runs.
/// </summary>
/// <remarks>
/// Choices where AWS is silent ([U]): ranges may wrap (<c>FRI-MON</c>, <c>22-2</c>) except in Year, as in Quartz; Day-of-week
/// accepts <c>/</c> steps (some AWS pages list it); a lone <c>L</c> in Day-of-week is Saturday (AWS: "the last day of the
/// week"); <c>LW</c> (last weekday of the month) is accepted, as in Quartz and the community AWS validators; <c>L-n</c> (offset
/// from the last day) and lists mixing <c>L</c>, <c>W</c> or <c>#</c> with other items are refused, since no AWS page shows
/// them; <c>nW</c> for a day the month lacks (31W in June) never runs that month; a step must be 1 to the field's maximum (59
/// for minutes, as Quartz); numbers may have leading zeros (<c>09</c>, as in the AWS example <c>cron(24 30 09 ? * * *)</c>).
/// </remarks>
internal static class CronParser
{
    private static readonly FieldSpec SecondsField = new("Seconds", 0, 59, null, "0-59");
    private static readonly FieldSpec MinutesField = new("Minutes", 0, 59, null, "0-59");
    private static readonly FieldSpec HoursField = new("Hours", 0, 23, null, "0-23");
    private static readonly FieldSpec DayOfMonthField = new("Day-of-month", 1, 31, null, "1-31");
    private static readonly FieldSpec MonthField = new(
        "Month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], "1-12 or JAN-DEC");
    private static readonly FieldSpec DayOfWeekField = new(
        "Day-of-week", 1, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], "1-7 or SUN-SAT (1 = SUN)");
    private static readonly FieldSpec YearField = new("Year", CronSchedule.MinYear, CronSchedule.MaxYear, null, "1970-2199");

    /// <summary>Parses <paramref name="body"/>, the text between <c>cron(</c> and <c>)</c>; errors quote <paramref name="expression"/>.</summary>
    public static CronSchedule? Parse(string expression, string body, out string? error)
    {
        var fields = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (6 or 7))
        {
            error = ScheduleText.InvalidCron(expression, string.Create(CultureInfo.InvariantCulture,
                $"expected 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), or 7 with a leading Seconds field, but found {fields.Length}"));
            return null;
        }

        var hasSeconds = fields.Length == 7;
        var i = hasSeconds ? 1 : 0;
        var seconds = new bool[60];
        var minutes = new bool[60];
        var hours = new bool[24];
        var months = new bool[13];
        var years = new bool[CronSchedule.MaxYear + 1];
        string? problem;
        if (hasSeconds)
        {
            problem = ParseList(SecondsField, fields[0], seconds);
        }
        else
        {
            seconds[0] = true;
            problem = null;
        }

        problem ??= ParseList(MinutesField, fields[i], minutes)
                    ?? ParseList(HoursField, fields[i + 1], hours);

        var daysOfMonth = new bool[32];
        var dayOfMonthMode = DayOfMonthMode.Any;
        var nearest = 0;
        problem ??= ParseDayOfMonth(fields[i + 2], daysOfMonth, ref dayOfMonthMode, ref nearest);
        problem ??= ParseList(MonthField, fields[i + 3], months);

        var daysOfWeek = new bool[8];
        var dayOfWeekMode = DayOfWeekMode.Any;
        var weekday = 0;
        var nth = 0;
        problem ??= ParseDayOfWeek(fields[i + 4], daysOfWeek, ref dayOfWeekMode, ref weekday, ref nth);
        problem ??= ParseList(YearField, fields[i + 5], years);

        if (problem is null)
        {
            // AWS: "support for specifying both a day-of-month and a day-of-week value is not complete".
            if (dayOfMonthMode == DayOfMonthMode.Any && dayOfWeekMode == DayOfWeekMode.Any)
            {
                problem = "exactly one of day-of-month and day-of-week must be '?', not both";
            }
            else if (dayOfMonthMode != DayOfMonthMode.Any && dayOfWeekMode != DayOfWeekMode.Any)
            {
                problem = "exactly one of day-of-month and day-of-week must be '?'";
            }
        }

        if (problem is not null)
        {
            error = ScheduleText.InvalidCron(expression, problem);
            return null;
        }

        var schedule = new CronSchedule(
            hasSeconds, seconds, minutes, hours, dayOfMonthMode, daysOfMonth, nearest, months, dayOfWeekMode, daysOfWeek, weekday, nth, years);

        // AWS: "schedules whose consecutive firings are closer than 5 minutes are not supported".
        if (schedule.FindRunsCloserThanFiveMinutes() is { } tooClose)
        {
            error = ScheduleText.InvalidCron(expression, tooClose + "; the minimum interval between runs is 5 minutes");
            return null;
        }

        error = null;
        return schedule;
    }

    private static string? ParseDayOfMonth(string text, bool[] set, ref DayOfMonthMode mode, ref int nearest)
    {
        // Letters are case-insensitive (Quartz upper-cases the expression); messages quote the text as written.
        var upper = text.ToUpperInvariant();
        switch (upper)
        {
            case "?":
                mode = DayOfMonthMode.Any;
                return null;
            case "L":
                mode = DayOfMonthMode.Last;
                return null;
            case "LW":
                mode = DayOfMonthMode.LastWeekday;
                return null;
        }

        if (text.Length > 1 && upper[^1] == 'W' && text.IndexOfAny([',', '-', '/']) < 0)
        {
            var problem = ParseValue(DayOfMonthField, text[..^1], out var day);
            if (problem is not null)
            {
                return problem;
            }

            mode = DayOfMonthMode.NearestWeekday;
            nearest = day;
            return null;
        }

        if (upper.IndexOfAny(['L', 'W', '?', '#']) >= 0)
        {
            return $"Day-of-month '{text}' is not valid: '?', 'L', 'LW' and 'nW' (e.g. 15W) stand alone, not in lists, ranges or steps";
        }

        mode = DayOfMonthMode.Values;
        return ParseList(DayOfMonthField, text, set);
    }

    private static string? ParseDayOfWeek(string text, bool[] set, ref DayOfWeekMode mode, ref int weekday, ref int nth)
    {
        var upper = text.ToUpperInvariant();
        if (upper == "?")
        {
            mode = DayOfWeekMode.Any;
            return null;
        }

        if (upper == "L")
        {
            // Quartz and AWS: a lone L in Day-of-week is the last day of the week, Saturday.
            mode = DayOfWeekMode.Values;
            set[7] = true;
            return null;
        }

        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0 && upper.IndexOfAny([',', '-', '/', 'L', '?']) < 0)
        {
            var problem = ParseValue(DayOfWeekField, text[..hash], out var day);
            if (problem is not null)
            {
                return problem;
            }

            var week = text[(hash + 1)..];
            if (week.Length != 1 || week[0] is < '1' or > '5')
            {
                return $"Day-of-week '{text}' is not valid: the number after '#' is the week of the month and must be 1-5, e.g. TUE#3";
            }

            mode = DayOfWeekMode.NthWeekday;
            weekday = day;
            nth = week[0] - '0';
            return null;
        }

        if (text.Length > 1 && upper[^1] == 'L' && text.IndexOfAny([',', '-', '/', '#', '?']) < 0)
        {
            var problem = ParseValue(DayOfWeekField, text[..^1], out var day);
            if (problem is not null)
            {
                return problem;
            }

            mode = DayOfWeekMode.LastWeekday;
            weekday = day;
            return null;
        }

        if (upper.IndexOfAny(['L', '#', '?']) >= 0)
        {
            return $"Day-of-week '{text}' is not valid: '?', 'L', 'nL' (e.g. 6L) and 'n#k' (e.g. TUE#3) stand alone, not in lists, ranges or steps";
        }

        mode = DayOfWeekMode.Values;
        return ParseList(DayOfWeekField, text, set);
    }

    /// <summary>Parses a list of <c>*</c>, <c>v</c>, <c>a-b</c> and their <c>/step</c> forms into <paramref name="set"/>.</summary>
    private static string? ParseList(FieldSpec field, string text, bool[] set)
    {
        if (text.Contains('?', StringComparison.Ordinal))
        {
            return $"{field.Name} '{text}' is not valid: '?' is only allowed in Day-of-month or Day-of-week";
        }

        foreach (var item in text.Split(','))
        {
            var problem = ParseItem(field, item, set);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ParseItem(FieldSpec field, string item, bool[] set)
    {
        if (item.Length == 0)
        {
            return $"{field.Name} has an empty item in a list; separate values with single commas";
        }

        var range = item;
        var step = 1;
        var hasStep = false;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            range = item[..slash];
            var stepText = item[(slash + 1)..];
            var maxStep = field.Max - (field.Min == 0 ? 0 : field.Min - 1);
            if (!TryParseNumber(stepText, out step) || step < 1 || step > maxStep)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{field.Name} step '{stepText}' in '{item}' is not valid: the increment after '/' must be a whole number from 1 to {maxStep}");
            }

            hasStep = true;
        }

        int start;
        int end;
        if (range == "*")
        {
            start = field.Min;
            end = field.Max;
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            if (dash >= 0)
            {
                var problem = ParseValue(field, range[..dash], out start);
                if (problem is not null || (problem = ParseValue(field, range[(dash + 1)..], out end)) is not null)
                {
                    return problem;
                }

                if (start > end && field == YearField)
                {
                    return $"Year range '{range}' runs backwards; write the earlier year first, e.g. 2026-2030";
                }
            }
            else
            {
                var problem = ParseValue(field, range, out start);
                if (problem is not null)
                {
                    return problem;
                }

                // "a/b" runs from a to the end of the field; a plain value is just itself.
                end = hasStep ? field.Max : start;
            }
        }

        // A backwards range wraps past the field's maximum (Quartz): FRI-MON = FRI, SAT, SUN, MON.
        var size = field.Max - field.Min + 1;
        var count = start <= end ? end - start + 1 : end - start + 1 + size;
        for (var offset = 0; offset < count; offset += step)
        {
            var value = start + offset;
            set[value > field.Max ? value - size : value] = true;
        }

        return null;
    }

    private static string? ParseValue(FieldSpec field, string text, out int value)
    {
        if (TryParseNumber(text, out value))
        {
            return value >= field.Min && value <= field.Max
                ? null
                : $"{field.Name} value '{text}' is out of range {field.Min}-{field.Max}";
        }

        if (field.Names is { } names)
        {
            var index = Array.FindIndex(names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = index + 1;
                return null;
            }
        }

        return text.Length == 0
            ? $"{field.Name} has a range or step with a missing value; use {field.Allowed}"
            : $"{field.Name} value '{text}' is not valid; use {field.Allowed}";
    }

    private static bool TryParseNumber(string text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 6)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    private sealed record FieldSpec(string Name, int Min, int Max, string[]? Names, string Allowed);
}
