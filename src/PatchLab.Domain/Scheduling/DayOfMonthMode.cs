namespace PatchLab.Domain.Scheduling;

/// <summary>How the Day-of-month field of a cron expression selects days.</summary>
internal enum DayOfMonthMode
{
    /// <summary><c>?</c>: the Day-of-week field decides.</summary>
    Any,

    /// <summary><c>*</c>, values, ranges, steps and lists: the days in <see cref="CronSchedule.DaysOfMonth"/>.</summary>
    Values,

    /// <summary><c>L</c>: the last day of the month.</summary>
    Last,

    /// <summary><c>LW</c>: the last Monday-to-Friday day of the month.</summary>
    LastWeekday,

    /// <summary><c>nW</c>: the Monday-to-Friday day nearest day n, without leaving the month.</summary>
    NearestWeekday,
}
