using System.Globalization;
using PatchLab.Domain.Scheduling;

namespace PatchLab.Domain.Tests.Scheduling;

/// <summary>
/// Random valid cron expressions, generated from the AWS grammar with a fixed seed, against <see cref="BruteForceCron"/> in
/// zones chosen for their DST shapes, with "now" often just before a transition.
/// </summary>
public sealed class AwsSchedulePropertyFacts
{
    private const int CaseCount = 300;
    private const int DenseCaseCount = 100;
    private const int RunsCompared = 5;
    private const int DenseRunsCompared = 12;

    private static readonly string[] Zones =
    [
        "UTC",
        "America/New_York",     // 02:00 -> 03:00 and 02:00 -> 01:00
        "Europe/London",        // 01:00 -> 02:00 and 02:00 -> 01:00
        "Australia/Lord_Howe",  // 30-minute DST, southern hemisphere
        "America/Sao_Paulo",    // DST at midnight until 2019: the 00:00 hour is skipped
        "Asia/Tehran",          // DST at midnight until 2022
        "Pacific/Chatham",      // +12:45 / +13:45
        "America/St_Johns",     // -03:30 / -02:30
        "Asia/Kolkata",         // +05:30, no DST
        "Asia/Seoul",
    ];

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < CaseCount + DenseCaseCount; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Occurrences_MatchBruteForce_ForRandomValidCron(int caseNumber)
    {
        var random = new Random(20_260_101 + caseNumber);

        // The last cases are dense expressions starting just before an offset change in a zone that has them.
        var dense = caseNumber >= CaseCount;
        var zoneId = dense ? Zones[random.Next(1, 8)] : Zones[random.Next(Zones.Length)];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var now = PickNow(random, zone, nearTransition: dense || random.Next(2) == 0, maxMinutesBefore: dense ? 180 : 24 * 60);
        var runsCompared = dense ? DenseRunsCompared : RunsCompared;
        int? offset = random.Next(10) < 3 ? random.Next(1, 7) : null;

        RandomCron cron;
        AwsSchedule? schedule;
        while (true)
        {
            cron = RandomCron.Next(random, now.Year, dense);
            if (AwsSchedule.TryParse(cron.Text, zoneId, offset, out schedule, out var error))
            {
                break;
            }

            // The generator only writes valid grammar; the one rule it does not plan for is the 5-minute floor.
            Assert.Contains("the minimum interval between runs is 5 minutes", error, StringComparison.Ordinal);
        }

        var createdAt = now.AddMinutes(-random.Next(0, 40 * 24 * 60));
        DateTimeOffset? startDate = random.Next(10) < 3 ? now.AddMinutes(random.Next(-5 * 24 * 60, 5 * 24 * 60)) : null;
        DateTimeOffset? endDate = !dense && random.Next(10) < 2 ? now.AddMinutes(random.Next(0, 60 * 24 * 60)) : null;
        var horizon = now.AddYears(6);

        var expected = BruteForceCron.Runs(cron, zone, offset ?? 0, now, createdAt, startDate, endDate, horizon, runsCompared);
        var actual = schedule.Occurrences(now, createdAt, startDate, endDate).TakeWhile(r => r <= horizon).Take(runsCompared).ToList();

        var context = string.Create(CultureInfo.InvariantCulture,
            $"case {caseNumber}: {cron.Text} in {zoneId}, offset {offset}, now {now:o}, created {createdAt:o}, start {startDate:o}, end {endDate:o}\n" +
            $"expected: {string.Join(", ", expected.Select(t => t.ToString("o", CultureInfo.InvariantCulture)))}\n" +
            $"actual:   {string.Join(", ", actual.Select(t => t.ToString("o", CultureInfo.InvariantCulture)))}");
        Assert.True(expected.SequenceEqual(actual), context);
        Assert.Equal(expected.Count > 0 ? expected[0] : null, schedule.NextExecution(now, createdAt, startDate, endDate));
    }

    /// <summary>A uniform instant in 2015-2034, or up to <paramref name="maxMinutesBefore"/> before the zone's next offset change after it.</summary>
    private static DateTimeOffset PickNow(Random random, TimeZoneInfo zone, bool nearTransition, int maxMinutesBefore)
    {
        var start = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var now = start.AddMinutes(random.Next(0, 20 * 365 * 24 * 60));
        if (!nearTransition)
        {
            return now;
        }

        var day = now;
        var offset = zone.GetUtcOffset(day);
        for (var i = 0; i < 400; i++, day = day.AddDays(1))
        {
            if (zone.GetUtcOffset(day.AddDays(1)) == offset)
            {
                continue;
            }

            var hour = day;
            while (zone.GetUtcOffset(hour.AddHours(1)) == offset)
            {
                hour = hour.AddHours(1);
            }

            return hour.AddMinutes(-random.Next(0, maxMinutesBefore));
        }

        return now;
    }
}
