using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>Rows of the maintenance windows view; the countdown is measured from the emulator clock, not the host's.</summary>
public static class WindowRows
{
    /// <summary>Column headers. NEXT is UTC; TZ is the zone the schedule is written in.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["NAME", "NEXT (UTC)", "IN", "ENABLED", "LAST", "SCHEDULE", "TZ", "ID"];

    /// <summary>One row per window, keyed by window id, in the given order.</summary>
    /// <param name="windows">Windows.</param>
    /// <param name="now">Emulator time (<see cref="ClockState.Now"/>).</param>
    public static TableRows Build(IReadOnlyList<WindowItem> windows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return new TableRows(Headers, [.. windows.Select(w => Row(w, now))]);
    }

    private static TableRow Row(WindowItem w, DateTimeOffset now) => new(w.WindowId,
    [
        w.Name,
        Format.Time(w.NextExecution),
        Format.Countdown(w.NextExecution, now),
        w.Enabled ? "yes" : "no",
        string.IsNullOrEmpty(w.LastStatus) ? Format.None : w.LastStatus,
        w.Schedule,
        string.IsNullOrEmpty(w.ScheduleTimezone) ? "UTC" : w.ScheduleTimezone,
        w.WindowId,
    ]);
}
