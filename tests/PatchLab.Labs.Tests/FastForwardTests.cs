using PatchLab.Contracts.Lab;
using PatchLab.Labs.Loading;
using PatchLab.Labs.Running;

namespace PatchLab.Labs.Tests;

/// <summary>When a headless run may jump the clock, and to where (docs/labs.md, "fast-forward").</summary>
public sealed class FastForwardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 0, 30, 0, TimeSpan.Zero);

    private static readonly PatchLab.Labs.Model.Lab Lab = LabLoader.Parse("""
        name: ff-lab
        clock: { start: 2026-11-29T00:00:00Z }
        until: 2026-11-30T00:00:00Z
        fleet: [{ name: a, count: 1 }]
        faults: [{ kind: offline, targets: [a-1], at: 2026-11-29T05:00:00Z }]
        objectives:
          - name: early
            count: { instances: {}, atLeast: 0 }
            by: 2026-11-29T03:00:00Z
        """, "ff.yaml");

    private static OverviewDto Overview(string? execution = null, string instance = "running", DateTimeOffset? next = null) => new()
    {
        Executions = execution is null ? [] : [new ExecutionRow { Status = execution }],
        Instances = [new InstanceRow { State = instance }],
        Windows = next is null ? [] : [new WindowRow { Enabled = true, NextExecution = next }],
    };

    [Theory]
    [InlineData(null, "running", false)]
    [InlineData("IN_PROGRESS", "running", true)]     // a window execution runs
    [InlineData("PENDING", "running", true)]
    [InlineData("CANCELLING", "running", true)]
    [InlineData("SUCCESS", "running", false)]        // finished executions do not hold the clock
    [InlineData(null, "rebooting", true)]            // a reboot in progress (RebootIfNeeded)
    public void InFlight_FollowsExecutionsAndReboots(string? execution, string instance, bool expected) =>
        Assert.Equal(expected, LabRunner.InFlight(Overview(execution, instance), Now));

    [Fact]
    public void InFlight_IsTrue_WhileAWindowIsDueButNotStarted_SoItIsNeverJumpedOver() =>
        Assert.True(LabRunner.InFlight(Overview(next: Now), Now));

    [Fact]
    public void NextEvent_IsTheEarliestOfWindowsDeadlinesFaultsAndUntil()
    {
        // Window at 02:00 beats the objective (03:00), the fault (05:00) and until.
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero),
            LabRunner.NextEvent(Lab, Overview(next: new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero)), new Dictionary<string, ObjectiveResult>(), Now));
        // No window: the objective deadline; once it is evaluated, the fault; after that, until.
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero), LabRunner.NextEvent(Lab, Overview(), new Dictionary<string, ObjectiveResult>(), Now));
        var done = new Dictionary<string, ObjectiveResult> { ["early"] = new() };
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 5, 0, 0, TimeSpan.Zero), LabRunner.NextEvent(Lab, Overview(), done, Now));
        Assert.Equal(Lab.Until, LabRunner.NextEvent(Lab, Overview(), done, new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero)));
    }
}
