using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class WindowRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 13, TimeSpan.Zero);

    public static TheoryData<string, WindowItem, string[]> Cases => new()
    {
        // countdown from the emulator clock; the schedule in words (from the emulator) then as written
        { "weekly", new WindowItem
            {
                WindowId = "mw-1", Name = "patch-weekly", Schedule = "cron(0 5 ? * TUE *)", ScheduleDescription = "At 05:00 on Tuesday (UTC)",
                Enabled = true, NextExecution = Now.AddDays(2).AddHours(3), LastStatus = "SUCCESS",
                Tasks = [new WindowTaskItem { WindowTaskId = "t-1" }],
            },
            ["patch-weekly", "12-08 05:00:13", "in 2d 03h", "yes", "SUCCESS", "At 05:00 on Tuesday (UTC)", "cron(0 5 ? * TUE *)", "UTC", "1", "mw-1"] },
        // zone exactly as written; no last execution yet
        { "zoned, disabled", new WindowItem
            {
                WindowId = "mw-2", Name = "scan", Schedule = "rate(1 day)", ScheduleDescription = "Every day", ScheduleTimezone = "Europe/Paris",
                NextExecution = Now.AddMinutes(45),
            },
            ["scan", "12-06 02:45:13", "in 45m 00s", "no", "-", "Every day", "rate(1 day)", "Europe/Paris", "0", "mw-2"] },
        // no next execution (an at() window already run); no words from the emulator: the expression stands in
        { "no next", new WindowItem { WindowId = "mw-3", Name = "once", Schedule = "at(2026-01-01T00:00:00)", Enabled = true },
            ["once", "-", "-", "yes", "-", "at(2026-01-01T00:00:00)", "at(2026-01-01T00:00:00)", "UTC", "0", "mw-3"] },
        // next execution already reached: the scheduler is about to start it
        { "due", new WindowItem { WindowId = "mw-4", Name = "late", NextExecution = Now, Enabled = true, LastStatus = "FAILED" },
            ["late", "12-06 02:00:13", "due", "yes", "FAILED", "", "", "UTC", "0", "mw-4"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_RendersScheduleAndCountdown(string because, WindowItem window, string[] expected)
    {
        TableRow row = Assert.Single(WindowRows.Build([window], Now).Rows);

        Assert.True(expected.SequenceEqual(row.Cells), $"{because}: got [{string.Join(", ", row.Cells)}]");
        Assert.Equal(window.WindowId, row.Key);
    }
}
