using PatchLab.Domain.Scheduling;

namespace PatchLab.Domain.Tests.Scheduling;

/// <summary>Which schedules, zones and offsets are accepted, and what the refusals say (reference 1.3).</summary>
public sealed class AwsScheduleParseFacts
{
    [Theory]

    // Examples from the AWS docs (reference 1.3)
    [InlineData("cron(0 2 ? * THU#3 *)", ScheduleKind.Cron)]
    [InlineData("cron(15 10 ? * MON-FRI *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 L * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(15 10 ? * 6L *)", ScheduleKind.Cron)]
    [InlineData("cron(0 16 ? * TUE *)", ScheduleKind.Cron)]

    // The 7-field form with leading Seconds, maintenance windows only; the user guide's offset example uses it
    [InlineData("cron(24 30 09 ? * * *)", ScheduleKind.Cron)]
    [InlineData("cron(0 30 23 ? * TUE#3 *)", ScheduleKind.Cron)]

    // The seed example (reference 9)
    [InlineData("cron(0 2 ? * SUN *)", ScheduleKind.Cron)]

    // Names are case-insensitive; 1 = SUN as in AWS, not 0 = SUN as in Unix cron
    [InlineData("cron(0 2 ? jan,Feb sun *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 ? * mon-fri *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 ? * tue#2 *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 ? * fril *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 ? * 1,7 *)", ScheduleKind.Cron)]

    // Lists, ranges and steps in every field
    [InlineData("cron(0/15 * * * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(5/15 * * * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0 8-17/3 * * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 1-31/2 * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 1 JAN-DEC/3 ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 1 1 ? 2026-2030)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 1 1 ? 2026/2)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 1 1 ? 1970,2199)", ScheduleKind.Cron)]
    [InlineData("cron(05 09 01 01 ? *)", ScheduleKind.Cron)]

    // [U] Quartz extras: wrapping ranges, '/' in Day-of-week, a lone L in Day-of-week (Saturday)
    [InlineData("cron(0 22-2 * * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 ? * FRI-MON *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 ? * 2/2 *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 ? * L *)", ScheduleKind.Cron)]

    // L, LW, W and # forms
    [InlineData("cron(0 2 15W * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 1W * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 LW * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 ? * 5#2 *)", ScheduleKind.Cron)]
    [InlineData("cron(0 2 ? * 1L *)", ScheduleKind.Cron)]

    // Exactly 5 minutes apart is allowed; runs close across midnight are allowed when no two consecutive days match
    [InlineData("cron(0/5 * * * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0,5 0 * * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0,58 0,23 1,15 * ? *)", ScheduleKind.Cron)]
    [InlineData("cron(0,58 0,23 1,31 1,12 ? 2030)", ScheduleKind.Cron)]

    // rate: AWS maintenance window examples (reference 1.3)
    [InlineData("rate(5 minutes)", ScheduleKind.Rate)]
    [InlineData("rate(30 minutes)", ScheduleKind.Rate)]
    [InlineData("rate(180 minutes)", ScheduleKind.Rate)]
    [InlineData("rate(1 hour)", ScheduleKind.Rate)]
    [InlineData("rate(7 days)", ScheduleKind.Rate)]
    [InlineData("rate(25 days)", ScheduleKind.Rate)]
    [InlineData("rate(1 day)", ScheduleKind.Rate)]

    // at
    [InlineData("at(2026-12-06T02:00:00)", ScheduleKind.At)]
    [InlineData("at(2028-02-29T23:59:59)", ScheduleKind.At)]
    public void Parse_ReturnsSchedule_WhenExpressionIsValid(string expression, ScheduleKind kind)
    {
        var schedule = AwsSchedule.Parse(expression);

        Assert.Equal(kind, schedule.Kind);
        Assert.Equal(expression, schedule.Expression);
        Assert.True(AwsSchedule.TryParse(expression, null, null, out var parsed, out var error));
        Assert.NotNull(parsed);
        Assert.Null(error);
    }

    [Theory]

    // Neither or both day fields '?' (the brief's own example first)
    [InlineData("cron(0 2 * * SUN *)", "exactly one of day-of-month and day-of-week must be '?'")]
    [InlineData("cron(0 2 * * * *)", "exactly one of day-of-month and day-of-week must be '?'")]
    [InlineData("cron(0 2 1 * MON *)", "exactly one of day-of-month and day-of-week must be '?'")]
    [InlineData("cron(0 2 ? * ? *)", "must be '?', not both")]

    // Field count: 6, or 7 with Seconds
    [InlineData("cron(0 2 ? * SUN)", "expected 6 fields")]
    [InlineData("cron(0 0 2 ? * SUN * 1)", "but found 8")]
    [InlineData("cron()", "but found 0")]

    // Ranges per field, each named
    [InlineData("cron(60 2 ? * SUN *)", "Minutes value '60' is out of range 0-59")]
    [InlineData("cron(0 24 ? * SUN *)", "Hours value '24' is out of range 0-23")]
    [InlineData("cron(0 2 0 * ? *)", "Day-of-month value '0' is out of range 1-31")]
    [InlineData("cron(0 2 32 * ? *)", "Day-of-month value '32' is out of range 1-31")]
    [InlineData("cron(0 2 1 13 ? *)", "Month value '13' is out of range 1-12")]
    [InlineData("cron(0 2 ? * 0 *)", "Day-of-week value '0' is out of range 1-7")]
    [InlineData("cron(0 2 ? * 8 *)", "Day-of-week value '8' is out of range 1-7")]
    [InlineData("cron(0 2 1 * ? 1969)", "Year value '1969' is out of range 1970-2199")]
    [InlineData("cron(0 2 1 * ? 2200)", "Year value '2200' is out of range 1970-2199")]
    [InlineData("cron(60 0 2 ? * SUN *)", "Seconds value '60' is out of range 0-59")]
    [InlineData("cron(0 2 1-40 * ? *)", "Day-of-month value '40' is out of range 1-31")]

    // Names: three-letter abbreviations only, and only in their own field
    [InlineData("cron(0 2 ? * SUNDAY *)", "Day-of-week value 'SUNDAY' is not valid; use 1-7 or SUN-SAT (1 = SUN)")]
    [InlineData("cron(0 2 1 JANUARY ? *)", "Month value 'JANUARY' is not valid; use 1-12 or JAN-DEC")]
    [InlineData("cron(0 2 ? MON * *)", "Month value 'MON' is not valid")]
    [InlineData("cron(0 MON ? * * *)", "Hours value 'MON' is not valid; use 0-23")]

    // '?' outside the day fields, empty list items, missing range ends
    [InlineData("cron(? 2 ? * SUN *)", "Minutes '?' is not valid: '?' is only allowed in Day-of-month or Day-of-week")]
    [InlineData("cron(0 2 1,,2 * ? *)", "Day-of-month has an empty item")]
    [InlineData("cron(0 2-* ? * SUN *)", "Hours value '*' is not valid")]
    [InlineData("cron(0 -2 ? * SUN *)", "Hours has a range or step with a missing value")]

    // Steps: 1 to the field's maximum
    [InlineData("cron(0/0 2 ? * SUN *)", "Minutes step '0' in '0/0' is not valid")]
    [InlineData("cron(0/60 2 ? * SUN *)", "from 1 to 59")]
    [InlineData("cron(0 */24 * * ? *)", "Hours step '24'")]
    [InlineData("cron(0 2 ? * 1/x *)", "Day-of-week step 'x'")]

    // L, W and # stand alone; # takes a week 1-5; L-n is not an AWS form [U]
    [InlineData("cron(0 2 1,L * ? *)", "Day-of-month '1,L' is not valid: '?', 'L', 'LW' and 'nW' (e.g. 15W) stand alone")]
    [InlineData("cron(0 2 L-3 * ? *)", "Day-of-month 'L-3' is not valid")]
    [InlineData("cron(0 2 W * ? *)", "Day-of-month 'W' is not valid")]
    [InlineData("cron(0 2 1-15W * ? *)", "Day-of-month '1-15W' is not valid")]
    [InlineData("cron(0 2 32W * ? *)", "Day-of-month value '32' is out of range 1-31")]
    [InlineData("cron(0 2 ? * TUE#6 *)", "Day-of-week 'TUE#6' is not valid: the number after '#' is the week of the month and must be 1-5")]
    [InlineData("cron(0 2 ? * TUE#0 *)", "must be 1-5")]
    [InlineData("cron(0 2 ? * 8#1 *)", "Day-of-week value '8' is out of range 1-7")]
    [InlineData("cron(0 2 ? * 1,6L *)", "Day-of-week '1,6L' is not valid: '?', 'L', 'nL' (e.g. 6L) and 'n#k' (e.g. TUE#3) stand alone")]
    [InlineData("cron(0 2 ? * 2#1,3#1 *)", "Day-of-week '2#1,3#1' is not valid")]
    [InlineData("cron(0 2 ? * 8L *)", "Day-of-week value '8' is out of range 1-7")]

    // Year ranges cannot wrap
    [InlineData("cron(0 2 1 * ? 2030-2026)", "Year range '2030-2026' runs backwards")]

    // 5-minute floor (reference 1.3), within the day and across midnight (including New Year)
    [InlineData("cron(* * * * ? *)", "runs at 00:00 and 00:01 would be less than 5 minutes apart; the minimum interval between runs is 5 minutes")]
    [InlineData("cron(0/4 * * * ? *)", "the minimum interval between runs is 5 minutes")]
    [InlineData("cron(0,4 2 * * ? *)", "runs at 02:00 and 02:04")]
    [InlineData("cron(0,30 0 0 * * ? *)", "runs at 00:00:00 and 00:00:30")]
    [InlineData("cron(58,2 23,0 * * ? *)", "runs at 23:58 on 1970-01-01 and 00:02 the next day")]
    [InlineData("cron(0,58 0,23 1,2 * ? *)", "runs at 23:58 on 1970-01-01 and 00:00 the next day")]
    [InlineData("cron(0,58 0,23 1,31 1,12 ? *)", "runs at 23:58 on 1970-12-31 and 00:00 the next day")]
    [InlineData("cron(0,58 0,23 1,31 1,12 ? 2030-2031)", "runs at 23:58 on 2030-12-31")]
    public void Parse_ThrowsNamingTheProblem_WhenCronIsInvalid(string expression, string problem)
    {
        var error = Assert.Throws<ScheduleException>(() => AwsSchedule.Parse(expression));

        Assert.Equal("Schedule", error.Field);
        Assert.StartsWith($"Invalid cron expression '{expression}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Valid form: cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(0 2 ? * SUN *)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GivesTheExactMessage_WhenBothDayFieldsAreSet()
    {
        var error = Assert.Throws<ScheduleException>(() => AwsSchedule.Parse("cron(0 2 * * SUN *)"));

        Assert.Equal(
            "Invalid cron expression 'cron(0 2 * * SUN *)': exactly one of day-of-month and day-of-week must be '?'. " +
            "Valid form: cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(0 2 ? * SUN *)",
            error.Message);
    }

    [Theory]

    // Singular for 1, plural otherwise (reference 1.3)
    [InlineData("rate(1 hours)", "a value of 1 takes the singular unit: rate(1 hour)")]
    [InlineData("rate(1 minutes)", "a value of 1 takes the singular unit: rate(1 minute)")]
    [InlineData("rate(1 days)", "rate(1 day)")]
    [InlineData("rate(5 hour)", "a value greater than 1 takes the plural unit: rate(5 hours)")]
    [InlineData("rate(2 day)", "rate(2 days)")]

    // [U] 5-minute floor for rate too
    [InlineData("rate(1 minute)", "the minimum interval is 5 minutes")]
    [InlineData("rate(4 minutes)", "the minimum interval is 5 minutes")]

    // Value and unit
    [InlineData("rate(0 minutes)", "value '0' is not a positive whole number")]
    [InlineData("rate(-5 minutes)", "value '-5' is not a positive whole number")]
    [InlineData("rate(1.5 hours)", "value '1.5' is not a positive whole number")]
    [InlineData("rate(5 weeks)", "unit 'weeks' is not valid; use minute, minutes, hour, hours, day or days")]
    [InlineData("rate(5 Minutes)", "unit 'Minutes' is not valid")]
    [InlineData("rate(5 minutess)", "unit 'minutess' is not valid")]
    [InlineData("rate(5)", "expected a value and a unit")]
    [InlineData("rate(99999999999 days)", "longer than 10,000 years")]
    public void Parse_ThrowsNamingTheProblem_WhenRateIsInvalid(string expression, string problem)
    {
        var error = Assert.Throws<ScheduleException>(() => AwsSchedule.Parse(expression));

        Assert.Equal("Schedule", error.Field);
        Assert.StartsWith($"Invalid rate expression '{expression}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("Valid form: rate(Value Unit)", error.Message, StringComparison.Ordinal);
    }

    [Theory]

    // at(yyyy-MM-ddTHH:mm:ss) exactly: no zone suffix, seconds required
    [InlineData("at(2026-12-06 02:00:00)")]
    [InlineData("at(2026-12-06T02:00)")]
    [InlineData("at(2026-13-06T02:00:00)")]
    [InlineData("at(2026-02-29T02:00:00)")]
    [InlineData("at(2026-12-06T02:00:00Z)")]
    [InlineData("at()")]
    public void Parse_Throws_WhenAtIsInvalid(string expression)
    {
        var error = Assert.Throws<ScheduleException>(() => AwsSchedule.Parse(expression));

        Assert.Equal("Schedule", error.Field);
        Assert.StartsWith($"Invalid at expression '{expression}': ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Valid form: at(yyyy-MM-ddTHH:mm:ss)", error.Message, StringComparison.Ordinal);
    }

    [Theory]

    // Not a schedule at all; [U] the prefixes are lower case
    [InlineData("")]
    [InlineData("cron 0 2 ? * SUN *")]
    [InlineData("CRON(0 2 ? * SUN *)")]
    [InlineData("cron(0 2 ? * SUN *")]
    [InlineData("every sunday")]
    [InlineData(" cron(0 2 ? * SUN *)")]
    public void Parse_Throws_WhenExpressionIsNotASchedule(string expression)
    {
        var error = Assert.Throws<ScheduleException>(() => AwsSchedule.Parse(expression));

        Assert.Equal("Schedule", error.Field);
        Assert.Contains("it must be a cron, rate or at expression. Valid form: cron(...), rate(...) or at(...)", error.Message, StringComparison.Ordinal);
    }

    [Theory]

    // IANA ids from the tzdata database resolve with InvariantGlobalization on
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("America/New_York")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Europe/London")]
    [InlineData("Asia/Seoul")]
    [InlineData("Australia/Lord_Howe")]
    public void Parse_ResolvesZone_WhenTimezoneIsIana(string zoneId)
    {
        var schedule = AwsSchedule.Parse("cron(0 2 ? * SUN *)", zoneId);

        Assert.Equal(zoneId, schedule.TimeZoneId);
        Assert.Equal(zoneId, schedule.TimeZone.Id);
    }

    [Theory]

    // Unknown ids, Windows ids (no ICU to convert them), [U] wrong case, paths
    [InlineData("Mars/Base")]
    [InlineData("")]
    [InlineData("Eastern Standard Time")]
    [InlineData("america/new_york")]
    [InlineData("../../etc/passwd")]
    [InlineData("Local")]
    public void Parse_ThrowsForScheduleTimezone_WhenZoneIsUnknown(string zoneId)
    {
        var error = Assert.Throws<ScheduleException>(() => AwsSchedule.Parse("cron(0 2 ? * SUN *)", zoneId));

        Assert.Equal("ScheduleTimezone", error.Field);
        Assert.Equal(
            $"Invalid ScheduleTimezone '{zoneId}': not a known IANA time zone id. " +
            "Valid form: an IANA id such as UTC, America/Los_Angeles, America/New_York, Europe/London or Asia/Seoul",
            error.Message);
    }

    [Theory]

    // ScheduleOffset is 1-6 days
    [InlineData("cron(0 2 ? * SUN *)", 0, "it must be a number of days from 1 to 6")]
    [InlineData("cron(0 2 ? * SUN *)", 7, "it must be a number of days from 1 to 6")]
    [InlineData("cron(0 2 ? * SUN *)", -1, "it must be a number of days from 1 to 6")]

    // and applies to cron schedules only [D], refused with rate and at [U]
    [InlineData("rate(1 hour)", 2, "offsets apply to cron schedules only, not to rate schedules")]
    [InlineData("at(2026-12-06T02:00:00)", 1, "offsets apply to cron schedules only, not to at schedules")]
    public void Parse_ThrowsForScheduleOffset_WhenOffsetIsInvalid(string expression, int offset, string problem)
    {
        var error = Assert.Throws<ScheduleException>(() => AwsSchedule.Parse(expression, null, offset));

        Assert.Equal("ScheduleOffset", error.Field);
        Assert.StartsWith($"Invalid ScheduleOffset {offset}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("Valid form:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Parse_KeepsOffset_WhenCronOffsetIsInRange(int offset)
    {
        Assert.Equal(offset, AwsSchedule.Parse("cron(0 30 23 ? * TUE#3 *)", "UTC", offset).Offset);
    }

    [Fact]
    public void Parse_DefaultsToUtcWithoutEchoingIt_WhenNoTimezoneIsGiven()
    {
        var schedule = AwsSchedule.Parse("cron(0 2 ? * SUN *)");

        Assert.Null(schedule.TimeZoneId);
        Assert.Same(TimeZoneInfo.Utc, schedule.TimeZone);
        Assert.Null(schedule.Offset);
        Assert.Equal("cron(0 2 ? * SUN *)", schedule.ToString());
    }

    [Fact]
    public void Parse_ReportsTheScheduleFirst_WhenEverythingIsInvalid()
    {
        var error = Assert.Throws<ScheduleException>(() => AwsSchedule.Parse("rate(1 hours)", "Mars/Base", 9));

        Assert.Equal("Schedule", error.Field);
    }

    [Fact]
    public void TryParse_ReturnsParseMessage_WhenInvalid()
    {
        var thrown = Assert.Throws<ScheduleException>(() => AwsSchedule.Parse("rate(1 hours)"));

        Assert.False(AwsSchedule.TryParse("rate(1 hours)", null, null, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Equal(thrown.Message, error);
        Assert.False(AwsSchedule.TryParse(null, null, null, out _, out _));
    }
}
