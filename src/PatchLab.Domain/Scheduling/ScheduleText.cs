namespace PatchLab.Domain.Scheduling;

/// <summary>Message templates shared by the parsers: every message names the problem and then the valid form.</summary>
internal static class ScheduleText
{
    public const string CronForm = "cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(0 2 ? * SUN *)";

    public const string RateForm = "rate(Value Unit) with Unit minute, minutes, hour, hours, day or days (singular only for 1), e.g. rate(30 minutes)";

    public const string AtForm = "at(yyyy-MM-ddTHH:mm:ss), e.g. at(2026-12-06T02:00:00)";

    public const string AnyForm = "cron(...), rate(...) or at(...), e.g. cron(0 2 ? * SUN *), rate(30 minutes) or at(2026-12-06T02:00:00)";

    public const string ZoneExamples = "UTC, America/Los_Angeles, America/New_York, Europe/London or Asia/Seoul";

    public static string InvalidCron(string expression, string problem) =>
        $"Invalid cron expression '{expression}': {problem}. Valid form: {CronForm}";

    public static string InvalidRate(string expression, string problem) =>
        $"Invalid rate expression '{expression}': {problem}. Valid form: {RateForm}";

    public static string InvalidAt(string expression, string problem) =>
        $"Invalid at expression '{expression}': {problem}. Valid form: {AtForm}";

    public static string InvalidSchedule(string expression) =>
        $"Invalid schedule expression '{expression}': it must be a cron, rate or at expression. Valid form: {AnyForm}";
}
