using PatchLab.Contracts.Lab;
using PatchLab.Tui.Models;
using PatchLab.Tui.Tests.Fakes;

namespace PatchLab.Tui.Tests.Models;

public sealed class DashboardSnapshotTests
{
    [Fact]
    public void FromOverview_CopiesEverything()
    {
        DashboardSnapshot snapshot = DashboardSnapshot.FromOverview(LabFixture.Overview());

        Assert.Equal(new ClockState(LabFixture.Now, 60, false), snapshot.Clock);
        Assert.Equal([LabFixture.Web1, LabFixture.Web2, LabFixture.Db1], snapshot.Instances.Select(i => i.InstanceId));
        Assert.Equal(412, snapshot.Instances[0].Installed);
        Assert.Equal([LabFixture.PatchWeekly, LabFixture.ScanDaily], snapshot.Windows.Select(w => w.WindowId));
        Assert.Equal("InProgress", snapshot.Executions[0].Invocations[0].StatusDetails);
        Assert.Equal(3, snapshot.Events.Count);
    }

    [Fact]
    public void FromOverview_SortsTagsByKey()
    {
        DashboardSnapshot snapshot = DashboardSnapshot.FromOverview(LabFixture.Overview());

        Assert.Equal(["Name", "env"], snapshot.Instances[0].Tags.Select(t => t.Key));
    }

    [Fact]
    public void FromOverview_IsNotChangedByLaterChangesToTheDto()
    {
        OverviewDto overview = LabFixture.Overview();
        DashboardSnapshot snapshot = DashboardSnapshot.FromOverview(overview);

        overview.Instances.Clear();
        overview.Executions[0].Invocations[0].StatusDetails = "Success";
        overview.Clock.Speed = 1;

        Assert.Equal(3, snapshot.Instances.Count);
        Assert.Equal("InProgress", snapshot.Executions[0].Invocations[0].StatusDetails);
        Assert.Equal(60, snapshot.Clock.Speed);
    }

    [Fact]
    public void FromOverview_ReadsJsonNullsAsEmpty()
    {
        // What System.Text.Json leaves behind for {"clock":null,"instances":null,...}.
        var overview = new OverviewDto { Clock = null!, Instances = null!, Windows = null!, Executions = null!, Events = null! };

        DashboardSnapshot snapshot = DashboardSnapshot.FromOverview(overview);

        Assert.Empty(snapshot.Instances);
        Assert.Empty(snapshot.Windows);
        Assert.Empty(snapshot.Executions);
        Assert.Empty(snapshot.Events);
        Assert.Equal(1, snapshot.Clock.Speed);
    }

    [Fact]
    public void FromOverview_CopiesWhatTheDetailScreensNeed()
    {
        DashboardSnapshot snapshot = DashboardSnapshot.FromOverview(LabFixture.Overview());

        WindowItem window = snapshot.Windows[0];
        Assert.Equal("At 05:00 on Tuesday (UTC)", window.ScheduleDescription);
        Assert.Equal((3, 1), (window.Duration, window.Cutoff));
        Assert.Equal("tag:env", window.Targets[0].Targets[0].Key);
        Assert.Equal([LabFixture.Web1, LabFixture.Web2, LabFixture.Db1], window.Tasks[0].InstanceIds);
        Assert.Equal("50%", window.Tasks[0].MaxConcurrency);
        ExecutionTaskItem task = snapshot.Executions[0].Tasks[0];
        Assert.Equal((1, 0, 1), (task.ConcurrencyLimit, task.ErrorLimit, task.RampLimit));
        Assert.Equal([LabFixture.Web1, LabFixture.Web2], task.TargetInstanceIds);
        Assert.Equal(LabFixture.RunningTask, snapshot.Executions[0].Invocations[0].TaskExecutionId);
        Assert.Equal(LabFixture.Baseline, snapshot.Instances[0].BaselineId);
    }

    [Fact]
    public void FromOverview_ReadsNullDetailListsAsEmpty()
    {
        OverviewDto overview = LabFixture.Overview();
        overview.Windows[0].Targets = null!;
        overview.Windows[0].Tasks = null!;
        overview.Executions[0].Tasks = null!;

        DashboardSnapshot snapshot = DashboardSnapshot.FromOverview(overview);

        Assert.Empty(snapshot.Windows[0].Targets);
        Assert.Empty(snapshot.Windows[0].Tasks);
        Assert.Empty(snapshot.Executions[0].Tasks);
    }
}
