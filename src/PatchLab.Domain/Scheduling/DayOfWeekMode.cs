namespace PatchLab.Domain.Scheduling;

/// <summary>How the Day-of-week field of a cron expression selects days.</summary>
internal enum DayOfWeekMode
{
    /// <summary><c>?</c>: the Day-of-month field decides.</summary>
    Any,

    /// <summary><c>*</c>, values, ranges, steps, lists and a lone <c>L</c> (Saturday): the days in <see cref="CronSchedule.DaysOfWeek"/>.</summary>
    Values,

    /// <summary><c>n#k</c>: the k-th weekday n of the month (<c>TUE#3</c>).</summary>
    NthWeekday,

    /// <summary><c>nL</c>: the last weekday n of the month (<c>6L</c> = last Friday).</summary>
    LastWeekday,
}
