using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class InvocationRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 13, TimeSpan.Zero);

    public static TheoryData<string, InvocationItem, string[]> Cases => new()
    {
        // running: duration grows with the emulator clock
        { "running", new InvocationItem
            {
                InstanceId = "i-0123456789abcdef0", InstanceName = "web-1", Status = "IN_PROGRESS", StatusDetails = "InProgress",
                StartTime = Now.AddSeconds(-75),
            },
            ["i-0123456789abcdef0", "web-1", "IN_PROGRESS", "InProgress", "1m 15s", "12-06 01:58:58", "-"] },
        // finished: end minus start
        { "finished", new InvocationItem
            {
                InstanceId = "i-2", InstanceName = "web-2", Status = "SUCCESS", StatusDetails = "Success",
                StartTime = Now.AddHours(-2), EndTime = Now.AddHours(-2).AddMinutes(7).AddSeconds(3),
            },
            ["i-2", "web-2", "SUCCESS", "Success", "7m 03s", "12-06 00:00:13", "12-06 00:07:16"] },
        // not started yet: no times, no duration
        { "pending", new InvocationItem { InstanceId = "i-3", Status = "PENDING" },
            ["i-3", "", "PENDING", "-", "-", "-", "-"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_RendersStatusTimesAndDuration(string because, InvocationItem invocation, string[] expected)
    {
        var execution = new ExecutionItem { WindowExecutionId = "e-1", Invocations = [invocation] };

        TableRow row = Assert.Single(InvocationRows.Build(execution, Now).Rows);

        Assert.True(expected.SequenceEqual(row.Cells), $"{because}: got [{string.Join(", ", row.Cells)}]");
    }

    [Fact]
    public void Build_IsEmpty_WhenNoExecutionIsSelected() => Assert.Empty(InvocationRows.Build(null, Now).Rows);

    [Fact]
    public void Build_KeysRowsByInstanceAndCommand_WhenAWindowHasSeveralTasks()
    {
        var execution = new ExecutionItem
        {
            WindowExecutionId = "e-1",
            Invocations = [new() { InstanceId = "i-1", CommandId = "c-scan" }, new() { InstanceId = "i-1", CommandId = "c-install" }],
        };

        Assert.Equal(["i-1/c-scan", "i-1/c-install"], InvocationRows.Build(execution, Now).Rows.Select(r => r.Key));
    }
}
