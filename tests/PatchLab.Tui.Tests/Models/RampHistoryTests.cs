using PatchLab.Tui.Models;

namespace PatchLab.Tui.Tests.Models;

public sealed class RampHistoryTests
{
    private static ExecutionItem Execution(string taskStatus, params string[] invocationStatuses) => new()
    {
        WindowExecutionId = "e-1",
        Tasks = [new ExecutionTaskItem { TaskExecutionId = "t-1", Status = taskStatus }],
        Invocations = [.. invocationStatuses.Select((s, i) => new InvocationItem { InstanceId = $"i-{i}", TaskExecutionId = "t-1", Status = s })],
    };

    [Fact]
    public void Next_AddsTheInFlightCount_OfEveryRunningTask_PollAfterPoll()
    {
        IReadOnlyDictionary<string, IReadOnlyList<int>> ramp = RampHistory.Next(null, [Execution("IN_PROGRESS", "PENDING")]);
        ramp = RampHistory.Next(ramp, [Execution("IN_PROGRESS", "SUCCESS", "IN_PROGRESS", "PENDING", "IN_PROGRESS")]);
        ramp = RampHistory.Next(ramp, [Execution("IN_PROGRESS", "SUCCESS", "SUCCESS", "CANCELLING", "FAILED")]);

        Assert.Equal([1, 3, 1], ramp["t-1"]);
    }

    [Fact]
    public void Next_StopsSampling_WhenTheTaskFinishes_ButKeepsItsShape()
    {
        IReadOnlyDictionary<string, IReadOnlyList<int>> ramp = RampHistory.Next(null, [Execution("IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS")]);

        ramp = RampHistory.Next(ramp, [Execution("SUCCESS", "SUCCESS", "SUCCESS")]);
        ramp = RampHistory.Next(ramp, [Execution("SUCCESS", "SUCCESS", "SUCCESS")]);

        Assert.Equal([2], ramp["t-1"]);
    }

    [Fact]
    public void Next_KeepsTheLatestSamples_AndForgetsTasksTheEmulatorNoLongerReports()
    {
        IReadOnlyDictionary<string, IReadOnlyList<int>>? ramp = null;
        for (int i = 0; i < RampHistory.MaxSamples + 5; i++)
        {
            ramp = RampHistory.Next(ramp, [Execution("IN_PROGRESS", [.. Enumerable.Repeat("IN_PROGRESS", i % 3)])]);
        }

        Assert.Equal(RampHistory.MaxSamples, ramp!["t-1"].Count);
        Assert.Equal((RampHistory.MaxSamples + 4) % 3, ramp["t-1"][^1]);
        Assert.Empty(RampHistory.Next(ramp, []));
    }
}
