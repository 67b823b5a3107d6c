namespace PatchLab.Domain.Scheduling;

/// <summary>
/// A schedule, time zone or offset was refused. <see cref="Field"/> names the request member at fault
/// (<c>Schedule</c>, <c>ScheduleTimezone</c> or <c>ScheduleOffset</c>); the message names the problem and the valid form.
/// </summary>
/// <remarks>
/// AWS documents that bad schedules are refused but not the error code or text (reference 1.3): the wire layer decides
/// whether this becomes <c>ValidationException</c> or <c>InvalidSchedule</c>. The message text is PatchLab's own.
/// </remarks>
public sealed class ScheduleException : Exception
{
    /// <summary>Creates the exception for the <c>Schedule</c> field.</summary>
    public ScheduleException() : this(ScheduleFields.Schedule, "Invalid schedule.") { }

    /// <summary>Creates the exception for the <c>Schedule</c> field.</summary>
    public ScheduleException(string message) : this(ScheduleFields.Schedule, message) { }

    /// <summary>Creates the exception for the <c>Schedule</c> field.</summary>
    public ScheduleException(string message, Exception innerException) : base(message, innerException) => Field = ScheduleFields.Schedule;

    /// <summary>Creates the exception for the given request field.</summary>
    /// <param name="field">The request member at fault: <c>Schedule</c>, <c>ScheduleTimezone</c> or <c>ScheduleOffset</c>.</param>
    /// <param name="message">What is wrong, and the valid form.</param>
    public ScheduleException(string field, string message) : base(message) => Field = field;

    /// <summary>The request member at fault: <c>Schedule</c>, <c>ScheduleTimezone</c> or <c>ScheduleOffset</c>.</summary>
    public string Field { get; }
}
