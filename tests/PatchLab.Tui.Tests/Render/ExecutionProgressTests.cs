using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class ExecutionProgressTests
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["i-1"] = "web-1", ["i-2"] = "web-2", ["i-3"] = "web-3", ["i-4"] = "db-1",
    };

    private static readonly Dictionary<string, IReadOnlyList<int>> NoRamp = [];

    private static InvocationItem Invocation(string instance, string status, string details, string task = "t-1") =>
        new() { InstanceId = instance, InstanceName = Names[instance], TaskExecutionId = task, Status = status, StatusDetails = details, CommandId = "c-" + instance };

    /// <summary>Four targets, MaxConcurrency 50% (2), MaxErrors 1: one done, one failed, one running, one not dispatched yet.</summary>
    private static ExecutionItem Running() => new()
    {
        WindowExecutionId = "e-1", WindowName = "patch-weekly", Status = "IN_PROGRESS",
        Tasks =
        [
            new ExecutionTaskItem
            {
                TaskExecutionId = "t-1", TaskArn = "AWS-RunPatchBaseline", Status = "IN_PROGRESS", MaxConcurrency = "50%", MaxErrors = "1",
                TargetInstanceIds = ["i-1", "i-2", "i-3", "i-4"], ConcurrencyLimit = 2, ErrorLimit = 1, RampLimit = 2,
            },
        ],
        Invocations =
        [
            Invocation("i-1", "SUCCESS", "Success"),
            Invocation("i-2", "FAILED", "Failed"),
            Invocation("i-3", "IN_PROGRESS", "InProgress"),
        ],
    };

    private static string[] Text(IReadOnlyList<StyledLine> lines) => [.. lines.Select(l => l.Text)];

    [Fact]
    public void Build_CountsInstancesByState_IncludingThoseNotDispatchedYet()
    {
        string[] lines = Text(ExecutionProgress.Build(Running(), NoRamp, Names, 120, 10));

        Assert.Equal("IN_PROGRESS 4 instances:  · 1 waiting  ▶ 1 running  ✓ 1 success  ✗ 1 failed", lines[0]);
    }

    [Fact]
    public void Build_DrawsEachTask_WithTheRampInFlightAgainstItsLimits()
    {
        var ramp = new Dictionary<string, IReadOnlyList<int>> { ["t-1"] = [0, 1, 2, 1] };

        string[] lines = Text(ExecutionProgress.Build(Running(), ramp, Names, 200, 10));

        // bar: 1 success █, 1 failed ▓, 1 in flight ▒ of 4 targets; 25% of the bar still to go
        Assert.Equal("AWS-RunPatchBaseline █████▓▓▓▓▓▒▒▒▒▒····· 2/4 done · in flight 1/2 (MaxConcurrency 50%=2) errors 1/1 ▁▅█▅", lines[1]);
    }

    [Fact]
    public void Build_PutsTheRampOnItsOwnLine_WhenTheScreenIsNarrow()
    {
        string[] lines = Text(ExecutionProgress.Build(Running(), NoRamp, Names, 78, 10));

        Assert.StartsWith("AWS-RunPatchBaseline █", lines[1]);
        Assert.Equal("  in flight 1/2 (MaxConcurrency 50%=2) errors 1/1", lines[2]);
    }

    [Fact]
    public void Build_DrawsOneNamedCellPerInstance_WhenTheyFit()
    {
        string[] lines = Text(ExecutionProgress.Build(Running(), NoRamp, Names, 78, 10));

        // web-1 done, web-2 failed, web-3 running, db-1 waiting (named from the fleet: it has no invocation yet)
        Assert.Equal("✓ web-1 ✗ web-2 ▶ web-3 · db-1", lines[3].TrimEnd());
    }

    [Fact]
    public void Build_FallsBackToOneGlyphPerInstance_AndSaysHowManyAreLeftOut_OnLargeFleets()
    {
        var ids = Enumerable.Range(1, 300).Select(i => $"i-{i:000}").ToList();
        ExecutionItem execution = Running() with
        {
            Tasks = [Running().Tasks[0] with { TargetInstanceIds = ids }],
            Invocations = [.. ids.Take(10).Select(id => new InvocationItem { InstanceId = id, TaskExecutionId = "t-1", Status = "SUCCESS" })],
        };

        string[] lines = Text(ExecutionProgress.Build(execution, NoRamp, Names, 78, 5));

        Assert.Equal(5, lines.Length);
        Assert.Equal(new string('✓', 10) + new string('·', 68), lines[3]);
        Assert.Equal(new string('·', 68) + " +154 more", lines[4]); // 78 + 68 shown, room kept for the count
        Assert.Contains("· 290 waiting", lines[0]);
    }

    [Fact]
    public void Build_KeepsTheCountsAndBars_WhenOnlyAFewLinesFit()
    {
        string[] lines = Text(ExecutionProgress.Build(Running(), NoRamp, Names, 78, 2));

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("IN_PROGRESS", lines[0]);
        Assert.StartsWith("AWS-RunPatchBaseline", lines[1]);
    }

    [Fact]
    public void Build_ShowsAFinishedTasksLeftOverTargetsAsNotRun()
    {
        // MaxErrors exceeded: the task stopped before dispatching to web-3 and db-1
        ExecutionItem execution = Running() with
        {
            Status = "FAILED",
            Tasks = [Running().Tasks[0] with { Status = "FAILED" }],
            Invocations = [Invocation("i-1", "SUCCESS", "Success"), Invocation("i-2", "FAILED", "Failed")],
        };

        string[] lines = Text(ExecutionProgress.Build(execution, NoRamp, Names, 120, 10));

        Assert.Equal("FAILED 4 instances:  ✓ 1 success  ✗ 1 failed  - 2 not run", lines[0]);
    }

    [Fact]
    public void Build_SaysWhy_WhenThereIsNothingToShow()
    {
        Assert.Equal(["Select an execution to see its progress."], Text(ExecutionProgress.Build(null, NoRamp, Names, 78, 5)));
        Assert.Equal(["SUCCESS No invocations to execute."], Text(ExecutionProgress.Build(
            new ExecutionItem { WindowExecutionId = "e", Status = "SUCCESS", StatusDetails = "No invocations to execute." }, NoRamp, Names, 78, 5)));
    }

    [Fact]
    public void Build_NeverExceedsTheWidth()
    {
        Assert.All(ExecutionProgress.Build(Running(), NoRamp, Names, 30, 10), l => Assert.True(l.Text.Length <= 30, l.Text));
    }
}
