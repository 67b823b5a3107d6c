namespace PatchLab.Domain.Scheduling;

/// <summary>The request member names a <see cref="ScheduleException"/> can report in <see cref="ScheduleException.Field"/>.</summary>
public static class ScheduleFields
{
    /// <summary>The <c>Schedule</c> expression: <c>cron(...)</c>, <c>rate(...)</c> or <c>at(...)</c>.</summary>
    public const string Schedule = "Schedule";

    /// <summary>The IANA <c>ScheduleTimezone</c>.</summary>
    public const string ScheduleTimezone = "ScheduleTimezone";

    /// <summary>The <c>ScheduleOffset</c> in days (1-6, cron only).</summary>
    public const string ScheduleOffset = "ScheduleOffset";
}
