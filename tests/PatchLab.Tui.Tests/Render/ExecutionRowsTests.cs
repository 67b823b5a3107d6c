using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class ExecutionRowsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private static InvocationItem Invocation(string instance, string status, string details) =>
        new() { InstanceId = instance, Status = status, StatusDetails = details };

    public static TheoryData<string, InvocationItem[], string> Counts => new()
    {
        // nothing dispatched yet
        { "none", [], "-" },
        // Run Command statuses, largest count first
        { "mixed", [Invocation("i-1", "SUCCESS", "Success"), Invocation("i-2", "IN_PROGRESS", "InProgress"), Invocation("i-3", "IN_PROGRESS", "InProgress")],
            "InProgress 2 Success 1" },
        // equal counts: by name, so the text does not flicker between polls
        { "ties", [Invocation("i-1", "SUCCESS", "Success"), Invocation("i-2", "FAILED", "Failed")], "Failed 1 Success 1" },
        // no Run Command status yet: the window status stands in
        { "pending", [Invocation("i-1", "PENDING", "")], "PENDING 1" },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void StatusCounts_CountsInvocationsByStatus(string because, InvocationItem[] invocations, string expected) =>
        Assert.True(expected == ExecutionRows.StatusCounts(invocations), because);

    [Fact]
    public void Build_RendersWindowShortIdStatusCountsAndTimes()
    {
        var execution = new ExecutionItem
        {
            WindowExecutionId = "6f1c2b3a-1111-2222-3333-444455556666", WindowId = "mw-1", WindowName = "patch-weekly",
            Status = "IN_PROGRESS", StartTime = Start, Invocations = [Invocation("i-1", "IN_PROGRESS", "InProgress")],
        };

        TableRow row = Assert.Single(ExecutionRows.Build([execution]).Rows);

        Assert.Equal(["patch-weekly", "6f1c2b3a", "IN_PROGRESS", "InProgress 1", "12-06 02:00:00", "-"], row.Cells);
        Assert.Equal(execution.WindowExecutionId, row.Key);
    }

    [Theory]
    [InlineData("6f1c2b3a-1111-2222-3333-444455556666", "6f1c2b3a")]
    [InlineData("short", "short")]
    [InlineData("", "")]
    public void ShortId_KeepsEightCharacters(string id, string expected) => Assert.Equal(expected, ExecutionRows.ShortId(id));

    [Fact]
    public void Build_FallsBackToWindowId_WhenTheNameIsUnknown()
    {
        var execution = new ExecutionItem { WindowExecutionId = "e-1", WindowId = "mw-9", StartTime = Start, EndTime = Start.AddMinutes(3) };

        TableRows rows = ExecutionRows.Build([execution]);

        Assert.Equal("mw-9", rows.Cell(0, "WINDOW"));
        Assert.Equal("12-06 02:03:00", rows.Cell(0, "END"));
    }
}
