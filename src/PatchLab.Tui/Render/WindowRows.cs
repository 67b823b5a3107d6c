using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>Rows of the maintenance windows view; the countdown is measured from the emulator clock, not the host's.</summary>
public static class WindowRows
{
    /// <summary>
    /// Column headers. NEXT is UTC; ON says whether the window is enabled; SCHEDULE is the schedule in words (with its
    /// zone), EXPRESSION as written: short headers so the words fit at 80 columns.
    /// </summary>
    public static readonly IReadOnlyList<string> Headers =
        ["NAME", "NEXT (UTC)", "IN", "ON", "LAST", "SCHEDULE", "EXPRESSION", "TZ", "TASKS", "ID"];

    /// <summary>One row per window, keyed by window id, in the given order.</summary>
    /// <param name="windows">Windows.</param>
    /// <param name="now">Emulator time (<see cref="ClockState.Now"/>).</param>
    public static TableRows Build(IReadOnlyList<WindowItem> windows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return new TableRows(Headers, [.. windows.Select(w => Row(w, now))]);
    }

    /// <summary>The schedule in words, or the expression when the emulator could not describe it.</summary>
    public static string Words(WindowItem window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return string.IsNullOrEmpty(window.ScheduleDescription) ? window.Schedule : window.ScheduleDescription;
    }

    private static TableRow Row(WindowItem w, DateTimeOffset now) => new(w.WindowId,
    [
        w.Name,
        Format.Time(w.NextExecution),
        Format.Countdown(w.NextExecution, now),
        w.Enabled ? "yes" : "no",
        Format.Text(w.LastStatus),
        Words(w),
        w.Schedule,
        string.IsNullOrEmpty(w.ScheduleTimezone) ? "UTC" : w.ScheduleTimezone,
        Format.Count(w.Tasks.Count),
        w.WindowId,
    ]);
}
