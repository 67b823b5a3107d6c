using System.Globalization;
using PatchLab.Domain.Scheduling;

namespace PatchLab.Domain.Tests.Scheduling;

/// <summary>NextExecutionTime text (reference 1.4 step 5) and the dashboard's plain-English description.</summary>
public sealed class AwsScheduleFormatFacts
{
    [Theory]

    // cron without a zone: minute precision, UTC, "Z"
    [InlineData("cron(0 2 ? * SUN *)", null, "2023-06-27T00:00:00Z", "2023-06-27T00:00Z")]
    [InlineData("cron(0 2 ? * SUN *)", null, "2023-06-27T02:00:00+02:00", "2023-06-27T00:00Z")]
    [InlineData("cron(24 30 09 ? * * *)", null, "2026-01-01T09:30:24Z", "2026-01-01T09:30Z")]

    // cron with a zone: local time and numeric offset, minute precision (instance-scheduler's format, the docs' 2019-02-03T02:00-08:00)
    [InlineData("cron(0 3 ? * TUE *)", "America/New_York", "2023-06-27T07:00:00Z", "2023-06-27T03:00-04:00")]
    [InlineData("cron(0 2 ? * SUN *)", "America/Los_Angeles", "2019-02-03T10:00:00Z", "2019-02-03T02:00-08:00")]
    [InlineData("cron(0 2 ? * SUN *)", "Asia/Kolkata", "2026-01-03T20:30:00Z", "2026-01-04T02:00+05:30")]
    [InlineData("cron(0 2 ? * SUN *)", "UTC", "2023-06-27T00:00:00Z", "2023-06-27T00:00+00:00")]

    // rate: seconds and milliseconds (AWS CLI examples)
    [InlineData("rate(180 minutes)", null, "2020-02-12T23:19:20.596Z", "2020-02-12T23:19:20.596Z")]
    [InlineData("rate(180 minutes)", null, "2020-02-25T00:08:15.099Z", "2020-02-25T00:08:15.099Z")]
    [InlineData("rate(1 hour)", null, "2020-02-25T00:08:15Z", "2020-02-25T00:08:15.000Z")]
    [InlineData("rate(1 hour)", "Asia/Seoul", "2020-02-12T23:19:20.596Z", "2020-02-13T08:19:20.596+09:00")] // [U] zone shown as for cron

    // at: as cron
    [InlineData("at(2026-12-06T02:00:00)", null, "2026-12-06T02:00:00Z", "2026-12-06T02:00Z")]
    [InlineData("at(2026-12-06T02:00:00)", "Asia/Seoul", "2026-12-05T17:00:00Z", "2026-12-06T02:00+09:00")]
    public void FormatNextExecutionTime_MatchesAws(string expression, string? zone, string instant, string expected)
    {
        var schedule = AwsSchedule.Parse(expression, zone);

        Assert.Equal(expected, schedule.FormatNextExecutionTime(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));
    }

    [Theory]

    // Spring forward and fall back show the offset in force at the run
    [InlineData("2026-03-09T06:30:00Z", "2026-03-09T02:30-04:00")]
    [InlineData("2026-11-01T05:30:00Z", "2026-11-01T01:30-04:00")]
    [InlineData("2026-11-02T06:30:00Z", "2026-11-02T01:30-05:00")]
    public void FormatNextExecutionTime_ShowsOffsetOfTheRun_AcrossDst(string instant, string expected)
    {
        var schedule = AwsSchedule.Parse("cron(30 1,2 * * ? *)", "America/New_York");

        Assert.Equal(expected, schedule.FormatNextExecutionTime(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));
    }

    [Theory]

    // The brief's examples
    [InlineData("cron(0 2 ? * SUN *)", null, null, "At 02:00 on Sunday (UTC)")]
    [InlineData("rate(30 minutes)", null, null, "Every 30 minutes")]
    [InlineData("at(2026-12-06T02:00:00)", "Asia/Seoul", null, "Once at 2026-12-06 02:00 (Asia/Seoul)")]

    // The AWS examples
    [InlineData("cron(0 2 ? * THU#3 *)", null, null, "At 02:00 on the third Thursday of the month (UTC)")]
    [InlineData("cron(15 10 ? * MON-FRI *)", null, null, "At 10:15 on Monday through Friday (UTC)")]
    [InlineData("cron(0 2 L * ? *)", null, null, "At 02:00 on the last day of the month (UTC)")]
    [InlineData("cron(15 10 ? * 6L *)", null, null, "At 10:15 on the last Friday of the month (UTC)")]
    [InlineData("cron(24 30 09 ? * * *)", "America/New_York", null, "At 09:30:24 every day (America/New_York)")]
    [InlineData("cron(0 30 23 ? * TUE#3 *)", null, 2, "At 23:30 on the third Tuesday of the month, plus 2 days (UTC)")]

    // Other shapes, best effort
    [InlineData("cron(0 2 LW * ? *)", null, null, "At 02:00 on the last weekday of the month (UTC)")]
    [InlineData("cron(0 2 15W * ? *)", null, null, "At 02:00 on the weekday nearest day 15 of the month (UTC)")]
    [InlineData("cron(0 2,14 1,15 * ? *)", null, null, "At 02:00 and 14:00 on days 1 and 15 of the month (UTC)")]
    [InlineData("cron(0 0 1 JAN,JUL ? 2027)", null, null, "At 00:00 on day 1 of the month in January and July in 2027 (UTC)")]
    [InlineData("cron(0/10 8-17 ? * MON-FRI *)", null, null, "Every 10 minutes between 08:00 and 17:59 on Monday through Friday (UTC)")]
    [InlineData("cron(0/15 * * * ? *)", null, null, "Every 15 minutes (UTC)")]
    [InlineData("cron(30 0/4 * * ? *)", null, null, "Every 4 hours from 00:30 (UTC)")]
    [InlineData("cron(30 0/6 * * ? *)", null, null, "At 00:30, 06:30, 12:30 and 18:30 every day (UTC)")]
    [InlineData("cron(7,31 1,5,9,20,22 * * ? *)", null, null, "At minute 7 and 31 past hour 1, 5, 9, 20 and 22 every day (UTC)")]
    [InlineData("rate(1 hour)", null, null, "Every hour")]
    [InlineData("rate(7 days)", null, null, "Every 7 days")]
    [InlineData("at(2026-12-06T02:00:30)", null, null, "Once at 2026-12-06 02:00:30 (UTC)")]
    public void Describe_ReadsAsPlainEnglish(string expression, string? zone, int? offset, string expected)
    {
        Assert.Equal(expected, AwsSchedule.Parse(expression, zone, offset).Describe());
    }
}
