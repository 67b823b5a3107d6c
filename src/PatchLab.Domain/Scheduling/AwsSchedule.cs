using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PatchLab.Domain.Scheduling;

/// <summary>
/// A maintenance window schedule: a validated <c>cron(...)</c>, <c>rate(...)</c> or <c>at(...)</c> expression with its
/// ScheduleTimezone and ScheduleOffset, able to compute NextExecutionTime and the run times after it (reference 1.3 and 1.4).
/// </summary>
/// <remarks>
/// <para>Immutable and pure: time is always a parameter; the only outside data read is the system time zone database.</para>
/// <para>Choices where AWS is silent ([U]):</para>
/// <list type="bullet">
/// <item>DST (reference 1.4 step 7, as EventBridge Scheduler documents for cron): a local run time skipped by a spring-forward
/// gap does not run; a local run time repeated by a fall-back overlap runs once, at its first instant (so
/// <c>cron(0/30 * * * ? *)</c> does not run at 01:00 and 01:30 a second time). The rule applies to the run's local time, so a
/// ScheduleOffset run landing in a gap is skipped too, which keeps the runs strictly increasing. The single run of
/// <c>at(...)</c> is the exception: in a gap it moves forward by the gap length rather than never running.</item>
/// <item>ScheduleOffset adds whole days in the zone's wall clock (23:30 on the third Tuesday + 2 = 23:30 on Thursday).</item>
/// <item>rate: anchored on StartDate when it is later than the creation instant, else on the creation instant, truncated to the
/// millisecond; the first run is one interval after the anchor, never the anchor itself. Intervals under 5 minutes are refused
/// (AWS documents the floor for cron only).</item>
/// <item>at: interpreted in ScheduleTimezone when given, else UTC; it runs only if it is at or after both the creation instant and
/// StartDate, and not after EndDate.</item>
/// <item>ScheduleTimezone: any id of the system IANA database, matched with exact case (<c>america/new_york</c> is refused, like
/// Java's ZoneId); ScheduleOffset with <c>rate</c> or <c>at</c> is refused.</item>
/// <item>NextExecutionTime text: a zone, when given, is shown as a numeric offset for every kind, <c>rate</c> included.</item>
/// <item>The 5-minute floor is checked in the wall clock, structurally (see <c>CronSchedule.FindRunsCloserThanFiveMinutes</c>);
/// a spring-forward gap can still bring two runs closer in real time (01:59 and 03:00 on the night clocks jump).</item>
/// <item>Cron grammar choices are listed on <c>CronParser</c>: wrapping ranges, <c>/</c> in Day-of-week, lone <c>L</c> = Saturday,
/// <c>LW</c> supported, <c>L-n</c> refused.</item>
/// </list>
/// </remarks>
public sealed class AwsSchedule
{
    // No cron occurrence precedes 1970 (the Year field's minimum); searching from earlier would only walk empty years.
    private static readonly DateTimeOffset CronEpoch = new(CronSchedule.MinYear - 1, 12, 30, 0, 0, 0, TimeSpan.Zero);

    private readonly CronSchedule? _cron;
    private readonly TimeSpan _interval;
    private readonly string _rateText;
    private readonly DateTime _atWall;

    private AwsSchedule(string expression, ScheduleKind kind, TimeZoneInfo zone, string? zoneId, int? offset, CronSchedule? cron, TimeSpan interval, string rateText, DateTime atWall)
    {
        Expression = expression;
        Kind = kind;
        TimeZone = zone;
        TimeZoneId = zoneId;
        Offset = offset;
        _cron = cron;
        _interval = interval;
        _rateText = rateText;
        _atWall = atWall;
    }

    /// <summary>Whether this is a cron, rate or at schedule.</summary>
    public ScheduleKind Kind { get; }

    /// <summary>The expression exactly as given, e.g. <c>cron(0 2 ? * SUN *)</c>.</summary>
    public string Expression { get; }

    /// <summary>The zone whose wall clock the schedule follows: ScheduleTimezone, or UTC when none was given.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The ScheduleTimezone as given, or <see langword="null"/> when none was given (Get/Describe then omit the field).</summary>
    public string? TimeZoneId { get; }

    /// <summary>The ScheduleOffset in days (1-6, cron only), or <see langword="null"/>.</summary>
    public int? Offset { get; }

    /// <summary>Parses and validates a schedule.</summary>
    /// <param name="expression">The Schedule: <c>cron(...)</c>, <c>rate(...)</c> or <c>at(...)</c>.</param>
    /// <param name="timeZoneId">The ScheduleTimezone (an IANA id), or <see langword="null"/> for UTC.</param>
    /// <param name="scheduleOffset">The ScheduleOffset in days, 1-6, cron schedules only.</param>
    /// <exception cref="ScheduleException">Anything is invalid; <see cref="ScheduleException.Field"/> names the member.</exception>
    public static AwsSchedule Parse(string expression, string? timeZoneId = null, int? scheduleOffset = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Create(expression, timeZoneId, scheduleOffset, out var field, out var error)
               ?? throw new ScheduleException(field, error!);
    }

    /// <summary>Parses and validates a schedule without throwing.</summary>
    /// <param name="expression">The Schedule: <c>cron(...)</c>, <c>rate(...)</c> or <c>at(...)</c>.</param>
    /// <param name="timeZoneId">The ScheduleTimezone (an IANA id), or <see langword="null"/> for UTC.</param>
    /// <param name="scheduleOffset">The ScheduleOffset in days, 1-6, cron schedules only.</param>
    /// <param name="schedule">The schedule, when valid.</param>
    /// <param name="error">The message <see cref="Parse"/> would have thrown, when invalid.</param>
    /// <returns>Whether the schedule is valid.</returns>
    public static bool TryParse(
        string? expression,
        string? timeZoneId,
        int? scheduleOffset,
        [NotNullWhen(true)] out AwsSchedule? schedule,
        [NotNullWhen(false)] out string? error)
    {
        schedule = Create(expression ?? "", timeZoneId, scheduleOffset, out _, out error);
        return schedule is not null;
    }

    /// <summary>
    /// NextExecutionTime (reference 1.4 steps 2-4 and 7): the first run strictly after <paramref name="now"/>, or
    /// <see langword="null"/> when there is none (past <c>at</c>, EndDate passed, cron years exhausted).
    /// </summary>
    /// <param name="now">The current instant.</param>
    /// <param name="createdAt">When the window was created: cron occurrences before it are never used (even when their offset
    /// run is still ahead), and a rate schedule is anchored on it unless StartDate is later.</param>
    /// <param name="startDate">The window's StartDate: no run before it; a later StartDate anchors a rate schedule.</param>
    /// <param name="endDate">The window's EndDate: no run after it.</param>
    /// <remarks>Disabled windows omit NextExecutionTime (step 1); that is the caller's rule, not this method's.</remarks>
    public DateTimeOffset? NextExecution(DateTimeOffset now, DateTimeOffset createdAt, DateTimeOffset? startDate, DateTimeOffset? endDate)
    {
        foreach (var run in Occurrences(now, createdAt, startDate, endDate))
        {
            return run;
        }

        return null;
    }

    /// <summary>
    /// The runs strictly after <paramref name="fromExclusive"/>, in order, computed lazily with the rules of
    /// <see cref="NextExecution"/> (for DescribeMaintenanceWindowSchedule and the lab clock's "jump to next"). The sequence ends
    /// at EndDate, after 2199 for cron, or after the single <c>at</c> run; a rate schedule without EndDate is unbounded.
    /// Instants carry the schedule zone's UTC offset.
    /// </summary>
    /// <param name="fromExclusive">Runs at or before this instant are left out.</param>
    /// <param name="createdAt">When the window was created.</param>
    /// <param name="startDate">The window's StartDate, if any.</param>
    /// <param name="endDate">The window's EndDate, if any.</param>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset fromExclusive, DateTimeOffset createdAt, DateTimeOffset? startDate, DateTimeOffset? endDate) =>
        Kind switch
        {
            ScheduleKind.Cron => CronRuns(fromExclusive, createdAt, startDate, endDate),
            ScheduleKind.Rate => RateRuns(fromExclusive, createdAt, startDate, endDate),
            _ => AtRuns(fromExclusive, createdAt, startDate, endDate),
        };

    /// <summary>
    /// Formats a run time as AWS shows NextExecutionTime (reference 1.4 step 5): cron and at to the minute, in UTC
    /// (<c>2023-06-27T00:00Z</c>) or, with a ScheduleTimezone, in local time with its numeric offset (<c>2023-06-27T03:00-04:00</c>);
    /// rate with seconds and milliseconds (<c>2020-02-12T23:19:20.596Z</c>).
    /// </summary>
    /// <param name="t">A run time, in any offset.</param>
    public string FormatNextExecutionTime(DateTimeOffset t)
    {
        var pattern = Kind == ScheduleKind.Rate ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff" : "yyyy'-'MM'-'dd'T'HH':'mm";
        if (TimeZoneId is null)
        {
            return t.ToUniversalTime().ToString(pattern, CultureInfo.InvariantCulture) + "Z";
        }

        return TimeZoneInfo.ConvertTime(t, TimeZone).ToString(pattern + "zzz", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Plain English for the dashboard: "At 02:00 on Sunday (UTC)", "Every 30 minutes", "Once at 2026-12-06 02:00 (Asia/Seoul)".
    /// Exact for the common shapes, best effort for complex cron expressions.
    /// </summary>
    public string Describe()
    {
        var zone = TimeZoneId ?? "UTC";
        switch (Kind)
        {
            case ScheduleKind.Rate:
                return _rateText;
            case ScheduleKind.At:
                var format = _atWall.Second == 0 ? "yyyy'-'MM'-'dd HH':'mm" : "yyyy'-'MM'-'dd HH':'mm':'ss";
                return $"Once at {_atWall.ToString(format, CultureInfo.InvariantCulture)} ({zone})";
            default:
                var offset = Offset is { } days ? string.Create(CultureInfo.InvariantCulture, $", plus {days} day{(days == 1 ? "" : "s")}") : "";
                return $"{CronDescriber.Describe(_cron!)}{offset} ({zone})";
        }
    }

    /// <summary>The expression as given.</summary>
    public override string ToString() => Expression;

    private IEnumerable<DateTimeOffset> CronRuns(DateTimeOffset fromExclusive, DateTimeOffset createdAt, DateTimeOffset? startDate, DateTimeOffset? endDate)
    {
        // Occurrences count from creation and from StartDate, both inclusive (reference 1.4 step 2).
        var lower = startDate is { } start && start > createdAt ? start : createdAt;
        lower = lower > CronEpoch ? lower : CronEpoch;
        var days = Offset ?? 0;
        var searchFrom = lower;
        var inclusive = true;

        // Skip ahead: an occurrence more than (offset + 1) days before fromExclusive cannot run after it, DST included.
        var skipTo = fromExclusive.UtcTicks > DateTimeOffset.MinValue.UtcTicks + TimeSpan.FromDays(days + 1).Ticks
            ? fromExclusive.AddDays(-(days == 0 ? 0 : days + 1))
            : DateTimeOffset.MinValue;
        if (skipTo > lower)
        {
            searchFrom = skipTo;
            inclusive = days != 0;
        }

        foreach (var (wall, occurrence) in CronOccurrences(searchFrom, inclusive))
        {
            // Offset runs follow the DST rule on their own local time; the map from wall time to first instant is strictly
            // increasing, so the runs stay in order.
            var run = days == 0 ? occurrence : ZoneClock.ToInstantOrSkip(wall.AddDays(days), TimeZone);
            if (run is not { } due || due <= fromExclusive)
            {
                continue;
            }

            if (due > endDate)
            {
                yield break;
            }

            yield return due;
        }
    }

    /// <summary>Cron occurrences at or after (inclusive) or strictly after <paramref name="from"/>, with their wall-clock time.</summary>
    private IEnumerable<(DateTime Wall, DateTimeOffset Instant)> CronOccurrences(DateTimeOffset from, bool inclusive)
    {
        var wall = ZoneClock.ToWall(from, TimeZone);
        var wallInclusive = inclusive;
        while (_cron!.NextWall(wall, wallInclusive) is { } next)
        {
            wall = next;
            wallInclusive = false;

            // Skipped by a spring-forward gap: no run. Repeated by a fall-back overlap: the first instant only, which is before
            // `from` when `from` lies in the second pass.
            if (ZoneClock.ToInstantOrSkip(next, TimeZone) is { } instant && (instant > from || (inclusive && instant == from)))
            {
                yield return (next, instant);
            }
        }
    }

    private IEnumerable<DateTimeOffset> RateRuns(DateTimeOffset fromExclusive, DateTimeOffset createdAt, DateTimeOffset? startDate, DateTimeOffset? endDate)
    {
        // A past StartDate is replaced by the creation instant [M]; AWS keeps rate runs to the millisecond [D].
        var anchor = startDate is { } start && start > createdAt ? start : createdAt;
        anchor = anchor.AddTicks(-(anchor.UtcTicks % TimeSpan.TicksPerMillisecond));
        var interval = _interval.Ticks;
        var k = fromExclusive < anchor ? 1 : (fromExclusive.UtcTicks - anchor.UtcTicks) / interval + 1;
        while (k <= (DateTimeOffset.MaxValue.UtcTicks - anchor.UtcTicks) / interval)
        {
            var run = TimeZoneInfo.ConvertTime(anchor.AddTicks(k * interval), TimeZone);
            if (run > endDate)
            {
                yield break;
            }

            yield return run;
            k++;
        }
    }

    private IEnumerable<DateTimeOffset> AtRuns(DateTimeOffset fromExclusive, DateTimeOffset createdAt, DateTimeOffset? startDate, DateTimeOffset? endDate)
    {
        var run = ZoneClock.ToInstantShiftForward(_atWall, TimeZone);
        if (run > fromExclusive && run >= createdAt && !(run < startDate) && !(run > endDate))
        {
            yield return run;
        }
    }

    private static AwsSchedule? Create(string expression, string? zoneId, int? offset, out string field, out string? error)
    {
        field = ScheduleFields.Schedule;
        var kind = ScheduleKind.Cron;
        CronSchedule? cron = null;
        var interval = TimeSpan.Zero;
        var rateText = "";
        var atWall = default(DateTime);
        if (Body(expression, "cron(") is { } cronBody)
        {
            cron = CronParser.Parse(expression, cronBody, out error);
        }
        else if (Body(expression, "rate(") is { } rateBody)
        {
            kind = ScheduleKind.Rate;
            error = ParseRate(expression, rateBody, out interval, out rateText);
        }
        else if (Body(expression, "at(") is { } atBody)
        {
            kind = ScheduleKind.At;
            error = DateTime.TryParseExact(atBody, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out atWall)
                ? null
                : ScheduleText.InvalidAt(expression, $"'{atBody}' is not a date and time in the form yyyy-MM-ddTHH:mm:ss");
        }
        else
        {
            error = ScheduleText.InvalidSchedule(expression);
        }

        if (error is not null)
        {
            return null;
        }

        var zone = zoneId is null ? TimeZoneInfo.Utc : FindZone(zoneId);
        if (zone is null)
        {
            field = ScheduleFields.ScheduleTimezone;
            error = $"Invalid ScheduleTimezone '{zoneId}': not a known IANA time zone id. Valid form: an IANA id such as {ScheduleText.ZoneExamples}";
            return null;
        }

        if (offset is { } days)
        {
            field = ScheduleFields.ScheduleOffset;
            if (kind != ScheduleKind.Cron)
            {
                error = string.Create(CultureInfo.InvariantCulture,
                    $"Invalid ScheduleOffset {days}: offsets apply to cron schedules only, not to {(kind == ScheduleKind.Rate ? "rate" : "at")} schedules. Valid form: omit ScheduleOffset, or use a cron(...) schedule with an offset of 1-6 days");
                return null;
            }

            if (days is < 1 or > 6)
            {
                error = string.Create(CultureInfo.InvariantCulture,
                    $"Invalid ScheduleOffset {days}: it must be a number of days from 1 to 6. Valid form: 1-6, e.g. 2 runs the window two days after each cron occurrence");
                return null;
            }
        }

        field = ScheduleFields.Schedule;
        return new AwsSchedule(expression, kind, zone, zoneId, offset, cron, interval, rateText, atWall);
    }

    private static string? Body(string expression, string prefix) =>
        expression.StartsWith(prefix, StringComparison.Ordinal) && expression.EndsWith(')')
            ? expression[prefix.Length..^1]
            : null;

    private static string? ParseRate(string expression, string body, out TimeSpan interval, out string text)
    {
        interval = TimeSpan.Zero;
        text = "";
        var parts = body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return ScheduleText.InvalidRate(expression, "expected a value and a unit separated by a space");
        }

        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            return ScheduleText.InvalidRate(expression, $"value '{parts[0]}' is not a positive whole number");
        }

        var unit = parts[1];
        var singular = unit.TrimEnd('s');
        TimeSpan one;
        switch (singular)
        {
            case "minute" when unit.Length - singular.Length <= 1:
                one = TimeSpan.FromMinutes(1);
                break;
            case "hour" when unit.Length - singular.Length <= 1:
                one = TimeSpan.FromHours(1);
                break;
            case "day" when unit.Length - singular.Length <= 1:
                one = TimeSpan.FromDays(1);
                break;
            default:
                return ScheduleText.InvalidRate(expression, $"unit '{unit}' is not valid; use minute, minutes, hour, hours, day or days");
        }

        var plural = unit.Length != singular.Length;
        if (value == 1 && plural)
        {
            return ScheduleText.InvalidRate(expression, $"a value of 1 takes the singular unit: rate(1 {singular})");
        }

        if (value > 1 && !plural)
        {
            return ScheduleText.InvalidRate(expression, string.Create(CultureInfo.InvariantCulture,
                $"a value greater than 1 takes the plural unit: rate({value} {singular}s)"));
        }

        // Ten thousand years: far beyond any real window, and keeps tick arithmetic from overflowing.
        if (value > TimeSpan.FromDays(3_652_500).Ticks / one.Ticks)
        {
            return ScheduleText.InvalidRate(expression, "the interval is longer than 10,000 years");
        }

        interval = TimeSpan.FromTicks(value * one.Ticks);
        if (interval < TimeSpan.FromMinutes(5))
        {
            return ScheduleText.InvalidRate(expression, "runs would be less than 5 minutes apart; the minimum interval is 5 minutes, rate(5 minutes)");
        }

        text = value == 1
            ? $"Every {singular}"
            : string.Create(CultureInfo.InvariantCulture, $"Every {value} {singular}s");
        return null;
    }

    private static TimeZoneInfo? FindZone(string id)
    {
        if (id.Length == 0)
        {
            return null;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);

            // Linux resolves ids case-insensitively; AWS's Java ZoneId does not.
            return string.Equals(zone.Id, id, StringComparison.Ordinal) && zone.HasIanaId ? zone : null;
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
