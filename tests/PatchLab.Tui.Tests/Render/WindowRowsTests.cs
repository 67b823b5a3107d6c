using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class WindowRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 13, TimeSpan.Zero);

    public static TheoryData<string, WindowItem, string[]> Cases => new()
    {
        // countdown from the emulator clock; UTC schedules say so
        { "weekly", new WindowItem
            {
                WindowId = "mw-1", Name = "patch-weekly", Schedule = "cron(0 5 ? * TUE *)", Enabled = true,
                NextExecution = Now.AddDays(2).AddHours(3), LastStatus = "SUCCESS",
            },
            ["patch-weekly", "12-08 05:00:13", "in 2d 03h", "yes", "SUCCESS", "cron(0 5 ? * TUE *)", "UTC", "mw-1"] },
        // schedule and zone exactly as written; no last execution yet
        { "zoned, disabled", new WindowItem
            {
                WindowId = "mw-2", Name = "scan", Schedule = "rate(1 day)", ScheduleTimezone = "Europe/Paris",
                NextExecution = Now.AddMinutes(45),
            },
            ["scan", "12-06 02:45:13", "in 45m 00s", "no", "-", "rate(1 day)", "Europe/Paris", "mw-2"] },
        // no next execution (an at() window already run)
        { "no next", new WindowItem { WindowId = "mw-3", Name = "once", Schedule = "at(2026-01-01T00:00:00)", Enabled = true },
            ["once", "-", "-", "yes", "-", "at(2026-01-01T00:00:00)", "UTC", "mw-3"] },
        // next execution already reached: the scheduler is about to start it
        { "due", new WindowItem { WindowId = "mw-4", Name = "late", NextExecution = Now, Enabled = true, LastStatus = "FAILED" },
            ["late", "12-06 02:00:13", "due", "yes", "FAILED", "", "UTC", "mw-4"] },
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
