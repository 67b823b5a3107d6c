namespace PatchLab.Domain.Scheduling;

/// <summary>The three forms a maintenance window <c>Schedule</c> can take.</summary>
public enum ScheduleKind
{
    /// <summary><c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>, optionally with a leading Seconds field.</summary>
    Cron,

    /// <summary><c>rate(N minute|minutes|hour|hours|day|days)</c>: a fixed interval from an anchor instant.</summary>
    Rate,

    /// <summary><c>at(yyyy-MM-ddTHH:mm:ss)</c>: a single run.</summary>
    At,
}
