using System.Diagnostics;
using System.Globalization;
using PatchLab.Domain.Scheduling;

namespace PatchLab.Domain.Tests.Scheduling;

/// <summary>NextExecutionTime and the runs after it (reference 1.4). Times are ISO-8601; expected instants carry the zone's offset.</summary>
public sealed class AwsScheduleNextExecutionFacts
{
    private const string LongAgo = "2000-01-01T00:00:00Z";

    [Theory]

    // AWS examples (reference 1.3), UTC
    [InlineData("cron(0 2 ? * THU#3 *)", "2026-01-01T00:00:00Z", "2026-01-15T02:00:00+00:00")]
    [InlineData("cron(15 10 ? * MON-FRI *)", "2026-01-02T10:15:00Z", "2026-01-05T10:15:00+00:00")] // strictly after now: Fri -> Mon
    [InlineData("cron(0 2 L * ? *)", "2026-02-01T00:00:00Z", "2026-02-28T02:00:00+00:00")]
    [InlineData("cron(15 10 ? * 6L *)", "2026-01-01T00:00:00Z", "2026-01-30T10:15:00+00:00")]
    [InlineData("cron(0 16 ? * TUE *)", "2026-01-01T00:00:00Z", "2026-01-06T16:00:00+00:00")]
    [InlineData("cron(24 30 09 ? * * *)", "2026-01-01T09:30:23Z", "2026-01-01T09:30:24+00:00")]
    [InlineData("cron(24 30 09 ? * * *)", "2026-01-01T09:30:24Z", "2026-01-02T09:30:24+00:00")]
    [InlineData("cron(0 30 23 ? * TUE#3 *)", "2026-01-01T00:00:00Z", "2026-01-20T23:30:00+00:00")]
    [InlineData("cron(0 2 ? * SUN *)", "2023-10-29T01:00:00Z", "2023-10-29T02:00:00+00:00")] // the seed: 2023-10-29 is a Sunday

    // L and LW in February, leap (2028) and not (2026, 2027)
    [InlineData("cron(0 2 L 2 ? *)", "2027-03-01T00:00:00Z", "2028-02-29T02:00:00+00:00")]
    [InlineData("cron(0 2 L 2 ? *)", "2026-03-01T00:00:00Z", "2027-02-28T02:00:00+00:00")]
    [InlineData("cron(0 0 29 2 ? *)", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00+00:00")]
    [InlineData("cron(0 2 LW * ? *)", "2026-02-01T00:00:00Z", "2026-02-27T02:00:00+00:00")] // Feb 28 2026 is a Saturday
    [InlineData("cron(0 2 LW 5 ? *)", "2026-01-01T00:00:00Z", "2026-05-29T02:00:00+00:00")] // May 31 2026 is a Sunday
    [InlineData("cron(0 2 LW 2 ? *)", "2028-01-01T00:00:00Z", "2028-02-29T02:00:00+00:00")] // Feb 29 2028 is a Tuesday

    // W: nearest weekday, never leaving the month
    [InlineData("cron(0 2 15W * ? *)", "2026-08-01T00:00:00Z", "2026-08-14T02:00:00+00:00")] // 15th Saturday -> Friday 14th
    [InlineData("cron(0 2 15W * ? *)", "2026-02-01T00:00:00Z", "2026-02-16T02:00:00+00:00")] // 15th Sunday -> Monday 16th
    [InlineData("cron(0 2 15W * ? *)", "2026-01-01T00:00:00Z", "2026-01-15T02:00:00+00:00")] // 15th Thursday
    [InlineData("cron(0 2 1W * ? *)", "2026-07-31T12:00:00Z", "2026-08-03T02:00:00+00:00")]  // 1st Saturday -> Monday 3rd, not July 31
    [InlineData("cron(0 2 31W * ? *)", "2026-05-01T00:00:00Z", "2026-05-29T02:00:00+00:00")] // 31st Sunday -> Friday 29th
    [InlineData("cron(0 2 31W * ? *)", "2026-06-01T00:00:00Z", "2026-07-31T02:00:00+00:00")] // [U] June has no 31st: no run

    // #: the 5th weekday is absent in most months
    [InlineData("cron(0 2 ? * TUE#5 *)", "2026-01-01T00:00:00Z", "2026-03-31T02:00:00+00:00")]
    [InlineData("cron(0 2 ? * 2#5 *)", "2026-01-01T00:00:00Z", "2026-03-30T02:00:00+00:00")]
    [InlineData("cron(0 2 ? 2 MON#5 *)", "2026-01-01T00:00:00Z", "2044-02-29T02:00:00+00:00")] // 5 Mondays in February: leap year starting on Monday
    [InlineData("cron(0 2 ? * 1L *)", "2026-02-01T00:00:00Z", "2026-02-22T02:00:00+00:00")]
    [InlineData("cron(0 2 ? * L *)", "2026-01-01T00:00:00Z", "2026-01-03T02:00:00+00:00")] // lone L = Saturday

    // 1 = SUN in AWS (Cronos and Unix use 0 = SUN)
    [InlineData("cron(0 2 ? * 1 *)", "2026-01-01T00:00:00Z", "2026-01-04T02:00:00+00:00")]
    [InlineData("cron(0 2 ? * 7 *)", "2026-01-01T00:00:00Z", "2026-01-03T02:00:00+00:00")]

    // [U] Wrapping ranges
    [InlineData("cron(0 2 ? * FRI-MON *)", "2026-01-06T00:00:00Z", "2026-01-09T02:00:00+00:00")]
    [InlineData("cron(0 22-2 * * ? *)", "2026-01-01T03:00:00Z", "2026-01-01T22:00:00+00:00")]
    [InlineData("cron(0 2 1 NOV-FEB ? *)", "2026-03-01T00:00:00Z", "2026-11-01T02:00:00+00:00")]

    // Year field: Cronos has none, PatchLab filters and jumps
    [InlineData("cron(0 0 1 1 ? 2030-2031)", "2026-01-01T00:00:00Z", "2030-01-01T00:00:00+00:00")]
    [InlineData("cron(0 0 1 1 ? 2199)", "2026-01-01T00:00:00Z", "2199-01-01T00:00:00+00:00")]
    [InlineData("cron(0 0 29 2 ? 2027,2029-2032)", "2026-01-01T00:00:00Z", "2032-02-29T00:00:00+00:00")]
    [InlineData("cron(0 0 1 1 ? 2026/4)", "2026-06-01T00:00:00Z", "2030-01-01T00:00:00+00:00")]
    public void NextExecution_ReturnsFirstRunAfterNow_InUtc(string expression, string now, string expected)
    {
        var schedule = AwsSchedule.Parse(expression);

        AssertInstant(expected, schedule.NextExecution(T(now), T(LongAgo), null, null));
    }

    [Theory]

    // Years already past, or no matching date in the allowed years: null, and fast
    [InlineData("cron(0 0 1 1 ? 2020)", "2026-01-01T00:00:00Z")]
    [InlineData("cron(0 0 1 1 ? 1970-2025)", "2026-01-01T00:00:00Z")]
    [InlineData("cron(0 0 1 1 ? 2199)", "2199-06-01T00:00:00Z")]
    [InlineData("cron(0 0 29 2 ? 2027)", "2026-01-01T00:00:00Z")]
    [InlineData("cron(0 0 ? 2 MON#5 2026-2043)", "2026-01-01T00:00:00Z")]

    // Dates that never exist
    [InlineData("cron(0 0 30 2 ? *)", "2026-01-01T00:00:00Z")]
    [InlineData("cron(0 0 31 4,6,9,11 ? *)", "2026-01-01T00:00:00Z")]
    public void NextExecution_ReturnsNullQuickly_WhenNoOccurrenceRemains(string expression, string now)
    {
        var schedule = AwsSchedule.Parse(expression);
        var clock = Stopwatch.StartNew();

        Assert.Null(schedule.NextExecution(T(now), T(LongAgo), null, null));
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Theory]

    // 2026-03-08: clocks jump 02:00 -> 03:00 in America/New_York; 02:00-02:59 is skipped, not moved to 03:00 (Cronos would)
    [InlineData("America/New_York", "cron(30 2 * * ? *)", "2026-03-07T03:00:00-05:00", "2026-03-09T02:30:00-04:00")]
    [InlineData("America/New_York", "cron(0 2 * * ? *)", "2026-03-07T03:00:00-05:00", "2026-03-09T02:00:00-04:00")]
    [InlineData("America/New_York", "cron(0 3 * * ? *)", "2026-03-08T00:00:00-05:00", "2026-03-08T03:00:00-04:00")]
    [InlineData("America/New_York", "cron(0/30 * * * ? *)", "2026-03-08T01:45:00-05:00", "2026-03-08T03:00:00-04:00")]
    [InlineData("America/New_York", "cron(30 2 ? * SUN *)", "2026-03-01T12:00:00-05:00", "2026-03-15T02:30:00-04:00")]

    // 2026-11-01: clocks fall back 02:00 -> 01:00 in America/New_York; 01:00-01:59 repeats and runs once, at the first pass
    [InlineData("America/New_York", "cron(30 1 * * ? *)", "2026-11-01T00:00:00-04:00", "2026-11-01T01:30:00-04:00")]
    [InlineData("America/New_York", "cron(30 1 * * ? *)", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00")]
    [InlineData("America/New_York", "cron(30 1 * * ? *)", "2026-11-01T01:10:00-05:00", "2026-11-02T01:30:00-05:00")]
    [InlineData("America/New_York", "cron(0/30 * * * ? *)", "2026-11-01T01:30:00-04:00", "2026-11-01T02:00:00-05:00")]
    [InlineData("America/New_York", "cron(0 2 * * ? *)", "2026-11-01T01:30:00-05:00", "2026-11-01T02:00:00-05:00")]

    // 2026-03-29: clocks jump 01:00 -> 02:00 in Europe/London; 01:00-01:59 is skipped
    [InlineData("Europe/London", "cron(30 1 * * ? *)", "2026-03-28T12:00:00Z", "2026-03-30T01:30:00+01:00")]
    [InlineData("Europe/London", "cron(0 1 ? * SUN *)", "2026-03-22T02:00:00Z", "2026-04-05T01:00:00+01:00")]
    [InlineData("Europe/London", "cron(0 2 * * ? *)", "2026-03-28T12:00:00Z", "2026-03-29T02:00:00+01:00")]

    // 2026-10-25: clocks fall back 02:00 -> 01:00 in Europe/London; 01:30 runs once
    [InlineData("Europe/London", "cron(30 1 * * ? *)", "2026-10-25T00:00:00+01:00", "2026-10-25T01:30:00+01:00")]
    [InlineData("Europe/London", "cron(30 1 * * ? *)", "2026-10-25T01:30:00+01:00", "2026-10-26T01:30:00+00:00")]
    [InlineData("Europe/London", "cron(0/15 1 * * ? *)", "2026-10-25T01:45:00+01:00", "2026-10-26T01:00:00+00:00")]

    // Zones without DST, and the wall clock is the zone's, not UTC
    [InlineData("Asia/Seoul", "cron(0 2 ? * SUN *)", "2026-01-01T00:00:00Z", "2026-01-04T02:00:00+09:00")]
    [InlineData("Asia/Kolkata", "cron(0 0 1 * ? *)", "2026-01-31T18:29:00Z", "2026-02-01T00:00:00+05:30")]
    public void NextExecution_FollowsWallClock_AcrossDst(string zone, string expression, string now, string expected)
    {
        var schedule = AwsSchedule.Parse(expression, zone);

        AssertInstant(expected, schedule.NextExecution(T(now), T(LongAgo), null, null));
    }

    [Fact]
    public void Occurrences_RunOncePerLocalTime_WhenClocksFallBack()
    {
        // 2026-11-01 in New York: 01:00 and 01:30 come round twice; each runs at its first instant only.
        var schedule = AwsSchedule.Parse("cron(0/30 0-3 * * ? *)", "America/New_York");

        var runs = schedule.Occurrences(T("2026-11-01T00:00:00-04:00"), T(LongAgo), null, null).Take(6).Select(Iso);

        Assert.Equal(
            ["2026-11-01T00:30:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00",
             "2026-11-01T02:00:00-05:00", "2026-11-01T02:30:00-05:00", "2026-11-01T03:00:00-05:00"],
            runs);
    }

    [Theory]

    // Offset: the third Tuesday at 23:30 + 2 days = Thursday 23:30 (the user guide's example)
    [InlineData("cron(0 30 23 ? * TUE#3 *)", 2, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null, "2026-01-22T23:30:00+00:00")]

    // An occurrence before creation is never used, even though its offset run (Jan 22) is still ahead [D]
    [InlineData("cron(0 30 23 ? * TUE#3 *)", 2, "2026-01-21T00:00:00Z", "2026-01-21T00:00:00Z", null, "2026-02-19T23:30:00+00:00")]

    // An occurrence after creation whose offset run is still ahead is used
    [InlineData("cron(0 30 23 ? * TUE#3 *)", 2, "2026-01-01T00:00:00Z", "2026-01-21T12:00:00Z", null, "2026-01-22T23:30:00+00:00")]

    // Occurrences count from StartDate (inclusive), not runs
    [InlineData("cron(0 30 23 ? * TUE#3 *)", 2, "2026-01-01T00:00:00Z", "2026-01-21T00:00:00Z", "2026-01-21T00:00:00Z", "2026-02-19T23:30:00+00:00")]
    [InlineData("cron(0 30 23 ? * TUE#3 *)", 2, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2026-01-20T23:30:00Z", "2026-01-22T23:30:00+00:00")]

    // Offsets cross month ends and leap days
    [InlineData("cron(0 2 L * ? *)", 3, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null, "2026-02-03T02:00:00+00:00")]
    [InlineData("cron(0 2 L 2 ? *)", 1, "2027-03-01T00:00:00Z", "2027-03-01T00:00:00Z", null, "2028-03-01T02:00:00+00:00")]
    [InlineData("cron(0 2 28 2 ? *)", 1, "2027-03-01T00:00:00Z", "2027-03-01T00:00:00Z", null, "2028-02-29T02:00:00+00:00")]
    public void NextExecution_AddsOffsetDays_AfterEachOccurrence(string expression, int offset, string createdAt, string now, string? startDate, string expected)
    {
        var schedule = AwsSchedule.Parse(expression, null, offset);

        AssertInstant(expected, schedule.NextExecution(T(now), T(createdAt), startDate is null ? null : T(startDate), null));
    }

    [Theory]

    // Offset days are wall-clock days: Saturday 12:00 EST + 1 = Sunday 12:00 EDT, 23 hours later
    [InlineData("cron(0 12 ? * SAT *)", 1, "2026-03-06T00:00:00-05:00", "2026-03-08T12:00:00-04:00")]

    // An offset run whose local time falls in the gap is skipped like any other run: Fri 02:30 + 2 = Sun 2026-03-08 02:30
    [InlineData("cron(30 2 ? * FRI *)", 2, "2026-03-05T00:00:00-05:00", "2026-03-15T02:30:00-04:00")]

    // An offset run whose local time repeats runs at the first pass
    [InlineData("cron(30 1 ? * FRI *)", 2, "2026-10-29T00:00:00-04:00", "2026-11-01T01:30:00-04:00")]
    public void NextExecution_AppliesDstRuleToOffsetRuns(string expression, int offset, string now, string expected)
    {
        var schedule = AwsSchedule.Parse(expression, "America/New_York", offset);

        AssertInstant(expected, schedule.NextExecution(T(now), T(LongAgo), null, null));
    }

    [Theory]

    // StartDate: the first occurrence at or after it (inclusive)
    [InlineData("2023-10-29T02:00:00Z", null, "2023-10-01T00:00:00Z", "2023-10-29T02:00:00+00:00")]
    [InlineData("2023-10-29T02:00:01Z", null, "2023-10-01T00:00:00Z", "2023-11-05T02:00:00+00:00")]

    // EndDate: a run exactly at EndDate is kept, anything later dropped (reference 1.4 step 4)
    [InlineData(null, "2023-11-05T02:00:00Z", "2023-10-29T02:00:00Z", "2023-11-05T02:00:00+00:00")]
    [InlineData(null, "2023-11-05T01:59:00Z", "2023-10-29T02:00:00Z", null)]
    [InlineData(null, "2023-10-01T00:00:00Z", "2023-10-29T02:00:00Z", null)]
    public void NextExecution_RespectsStartAndEndDates(string? startDate, string? endDate, string now, string? expected)
    {
        var schedule = AwsSchedule.Parse("cron(0 2 ? * SUN *)", "UTC");

        var next = schedule.NextExecution(T(now), T("2023-01-01T00:00:00Z"), startDate is null ? null : T(startDate), endDate is null ? null : T(endDate));

        AssertInstant(expected, next);
    }

    [Fact]
    public void NextExecution_DropsOffsetRun_WhenItFallsAfterEndDate()
    {
        // The Jan 20 occurrence is before EndDate, its run on Jan 22 is not.
        var schedule = AwsSchedule.Parse("cron(0 30 23 ? * TUE#3 *)", null, 2);

        Assert.Null(schedule.NextExecution(T("2026-01-01T00:00:00Z"), T("2026-01-01T00:00:00Z"), null, T("2026-01-21T00:00:00Z")));
    }

    [Theory]

    // Anchored on creation, to the millisecond, first run one interval later [U]: the AWS CLI example for rate(180 minutes)
    [InlineData("rate(180 minutes)", "2020-02-12T20:19:20.596Z", null, "2020-02-12T20:30:00Z", "2020-02-12T23:19:20.596+00:00")]
    [InlineData("rate(180 minutes)", "2020-02-12T20:19:20.5967891Z", null, "2020-02-12T20:30:00Z", "2020-02-12T23:19:20.596+00:00")]

    // Never the anchor itself, and strictly after now
    [InlineData("rate(1 hour)", "2026-01-01T00:00:00Z", null, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00+00:00")]
    [InlineData("rate(1 hour)", "2026-01-01T00:00:00Z", null, "2026-01-01T02:00:00Z", "2026-01-01T03:00:00+00:00")]
    [InlineData("rate(7 days)", "2026-01-01T00:00:00Z", null, "2026-03-01T00:00:00Z", "2026-03-05T00:00:00+00:00")]

    // A StartDate later than creation anchors the schedule; an earlier one is replaced by the creation instant [M]
    [InlineData("rate(1 day)", "2026-01-01T00:00:00Z", "2026-01-10T06:00:00Z", "2026-01-01T00:00:00Z", "2026-01-11T06:00:00+00:00")]
    [InlineData("rate(1 day)", "2026-01-01T00:00:00Z", "2025-12-01T06:00:00Z", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00+00:00")]

    // rate(N days) is N x 24 hours, not wall-clock days (EventBridge documents the same)
    [InlineData("rate(1 day)", "2026-03-07T12:00:00Z", null, "2026-03-08T00:00:00Z", "2026-03-08T12:00:00+00:00")]
    public void NextExecution_CountsIntervalsFromAnchor_ForRate(string expression, string createdAt, string? startDate, string now, string expected)
    {
        var schedule = AwsSchedule.Parse(expression);

        AssertInstant(expected, schedule.NextExecution(T(now), T(createdAt), startDate is null ? null : T(startDate), null));
    }

    [Fact]
    public void NextExecution_StopsAtEndDate_ForRate()
    {
        var schedule = AwsSchedule.Parse("rate(1 day)");
        var created = T("2026-01-01T00:00:00Z");

        AssertInstant("2026-01-02T00:00:00+00:00", schedule.NextExecution(created, created, null, T("2026-01-02T00:00:00Z")));
        Assert.Null(schedule.NextExecution(created, created, null, T("2026-01-01T23:59:00Z")));
    }

    [Theory]

    // UTC without a zone; the zone's wall clock with one [U]
    [InlineData(null, "at(2026-12-06T02:00:00)", "2026-01-01T00:00:00Z", "2026-12-06T02:00:00+00:00")]
    [InlineData("Asia/Seoul", "at(2026-12-06T02:00:00)", "2026-01-01T00:00:00Z", "2026-12-06T02:00:00+09:00")]

    // Once only: not at or after it
    [InlineData(null, "at(2026-12-06T02:00:00)", "2026-12-06T02:00:00Z", null)]
    [InlineData(null, "at(2026-12-06T02:00:00)", "2027-01-01T00:00:00Z", null)]

    // [U] A time in the spring-forward gap moves forward by the gap rather than never running; a repeated time takes the first pass
    [InlineData("America/New_York", "at(2026-03-08T02:30:00)", "2026-01-01T00:00:00Z", "2026-03-08T03:30:00-04:00")]
    [InlineData("America/New_York", "at(2026-11-01T01:30:00)", "2026-01-01T00:00:00Z", "2026-11-01T01:30:00-04:00")]
    public void NextExecution_ReturnsTheSingleInstant_ForAt(string? zone, string expression, string now, string? expected)
    {
        var schedule = AwsSchedule.Parse(expression, zone);

        AssertInstant(expected, schedule.NextExecution(T(now), T("2025-01-01T00:00:00Z"), null, null));
    }

    [Theory]

    // at() is bounded by EndDate, and [U] by StartDate and creation like every window run
    [InlineData("2025-01-01T00:00:00Z", null, "2026-12-06T01:59:00Z")]
    [InlineData("2025-01-01T00:00:00Z", "2026-12-06T02:01:00Z", null)]
    [InlineData("2026-12-06T02:00:01Z", null, null)]
    public void NextExecution_ReturnsNull_WhenAtIsOutsideTheWindowLife(string createdAt, string? startDate, string? endDate)
    {
        var schedule = AwsSchedule.Parse("at(2026-12-06T02:00:00)");

        Assert.Null(schedule.NextExecution(T("2025-06-01T00:00:00Z"), T(createdAt), startDate is null ? null : T(startDate), endDate is null ? null : T(endDate)));
    }

    [Fact]
    public void Occurrences_ListsWeeklyRuns_InOrder()
    {
        var schedule = AwsSchedule.Parse("cron(0 2 ? * SUN *)");

        var runs = schedule.Occurrences(T("2026-01-01T00:00:00Z"), T(LongAgo), null, null).Take(3).Select(Iso);

        Assert.Equal(["2026-01-04T02:00:00+00:00", "2026-01-11T02:00:00+00:00", "2026-01-18T02:00:00+00:00"], runs);
    }

    [Fact]
    public void Occurrences_Ends_WhenYearsRunOut()
    {
        var schedule = AwsSchedule.Parse("cron(0 0 1 * ? 2026)");

        var runs = schedule.Occurrences(T("2026-01-01T00:00:00Z"), T(LongAgo), null, null).ToList();

        Assert.Equal(11, runs.Count);
        Assert.Equal(T("2026-12-01T00:00:00Z"), runs[^1]);
    }

    [Fact]
    public void Occurrences_Ends_AtEndDate()
    {
        var schedule = AwsSchedule.Parse("rate(5 minutes)");
        var created = T("2026-01-01T00:00:00Z");

        Assert.Equal(12, schedule.Occurrences(created, created, null, T("2026-01-01T01:00:00Z")).Count());
    }

    [Fact]
    public void Occurrences_IsLazy_ForUnboundedRate()
    {
        var schedule = AwsSchedule.Parse("rate(5 minutes)");
        var created = T("2026-01-01T00:00:00Z");

        var runs = schedule.Occurrences(created, created, null, null).Take(10_000).ToList();

        Assert.Equal(10_000, runs.Count);
        Assert.Equal(created.AddMinutes(50_000), runs[^1]);
    }

    [Fact]
    public void Occurrences_YieldsOneRun_ForAt()
    {
        var schedule = AwsSchedule.Parse("at(2026-12-06T02:00:00)");

        Assert.Single(schedule.Occurrences(DateTimeOffset.MinValue, T(LongAgo), null, null));
    }

    [Fact]
    public void Occurrences_StartsAtCreation_WhenFromIsFarInThePast()
    {
        var schedule = AwsSchedule.Parse("cron(0 2 ? * SUN *)", null, 6);

        var first = schedule.Occurrences(DateTimeOffset.MinValue, T("2026-01-05T00:00:00Z"), null, null).First();

        AssertInstant("2026-01-17T02:00:00+00:00", first);
    }

    [Fact]
    public void Occurrences_StartsIn1970_WhenBoundsAreMinValue()
    {
        var schedule = AwsSchedule.Parse("cron(0 2 ? * SUN *)", "America/New_York");

        var first = schedule.Occurrences(DateTimeOffset.MinValue, DateTimeOffset.MinValue, null, null).First();

        AssertInstant("1970-01-04T02:00:00-05:00", first);
    }

    [Fact]
    public void Cronos_DiffersFromAwsRule_WhichIsWhyPatchLabMapsWallClockItself()
    {
        // Documented limitation of the wrapped library (Vixie cron semantics): with a zone, Cronos runs a skipped 02:30 at the end
        // of the gap and runs an interval expression twice in the repeated hour. AwsSchedule drives Cronos in the wall clock and
        // applies the AWS rule itself (NextExecution_FollowsWallClock_AcrossDst).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var skipped = Cronos.CronExpression.Parse("30 2 * * *").GetNextOccurrence(T("2026-03-08T00:00:00-05:00"), zone);
        var repeated = Cronos.CronExpression.Parse("*/30 1 * * *")
            .GetOccurrences(T("2026-11-01T00:00:00-04:00"), T("2026-11-01T03:00:00-05:00"), zone).Count();

        AssertInstant("2026-03-08T03:00:00-04:00", skipped);
        Assert.Equal(4, repeated);
    }

    private static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Same instant and same offset (the zone's offset at that instant).</summary>
    private static void AssertInstant(string? expected, DateTimeOffset? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(Iso(T(expected)), Iso(actual.Value));
    }
}
