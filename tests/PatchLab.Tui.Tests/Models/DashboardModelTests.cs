using Microsoft.Extensions.Time.Testing;
using PatchLab.Contracts.Lab;
using PatchLab.Tui.Models;
using PatchLab.Tui.Tests.Fakes;

namespace PatchLab.Tui.Tests.Models;

/// <summary>
/// The model against a fake client and a fake clock. The fake client answers synchronously, so each
/// FakeTimeProvider.Advance runs the due polls to completion before it returns: no sleeps, no races.
/// </summary>
public sealed class DashboardModelTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeLabClient _client = new();
    private readonly List<DashboardSnapshot> _snapshots = [];
    private readonly List<(TimeSpan At, LoadFailedEventArgs Args)> _failures = [];
    private readonly DashboardModel _model;
    private readonly DateTimeOffset _start;

    public DashboardModelTests()
    {
        _start = _time.GetUtcNow();
        _model = new DashboardModel(_client, Interval, _time);
        _model.Changed += (_, s) => { lock (_snapshots) { _snapshots.Add(s); } };
        _model.LoadFailed += (_, e) => { lock (_failures) { _failures.Add((_time.GetUtcNow() - _start, e)); } };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public void Start_PublishesASnapshotRightAway()
    {
        _model.Start();

        DashboardSnapshot snapshot = Assert.Single(_snapshots);
        Assert.Same(snapshot, _model.Current);
        Assert.Equal(3, snapshot.Instances.Count);
        Assert.Equal(1, _client.OverviewCalls);
    }

    [Fact]
    public void Changed_FiresWithANewSnapshot_EveryInterval()
    {
        _client.Overview = call => LabFixture.Overview(web1Done: call > 2);
        _model.Start();

        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Equal(3, _snapshots.Count);
        Assert.Equal(["InProgress", "InProgress", "Success"], _snapshots.Select(s => s.Executions[0].Invocations[0].StatusDetails));
        Assert.Equal(3, _snapshots.Distinct().Count());
    }

    [Fact]
    public void Changed_CarriesTheConcurrencyRamp_AcrossPolls()
    {
        _client.Overview = call => LabFixture.Overview(web1Done: call > 2);
        _model.Start();

        _time.Advance(Interval);
        _time.Advance(Interval);

        // two polls while the task ran (one invocation in flight each), none once it finished
        Assert.Equal([1], _snapshots[0].Ramp[LabFixture.RunningTask]);
        Assert.Equal([1, 1], _snapshots[^1].Ramp[LabFixture.RunningTask]);
    }

    [Fact]
    public void LoadFailed_BacksOff_1_2_4_8_10_10_Seconds()
    {
        _client.Overview = _ => throw new HttpRequestException("Connection refused (127.0.0.1:5080)");
        _model.Start();

        AdvanceSeconds(30);

        // Polls at 0s, then 1, 2, 4, 8, 10 and 10 seconds after each failure.
        Assert.Equal([0, 1, 3, 7, 15, 25], _failures.Select(f => f.At.TotalSeconds));
        Assert.Equal([1, 2, 4, 8, 10, 10], _failures.Select(f => f.Args.RetryIn.TotalSeconds));
        Assert.Equal([1, 2, 3, 4, 5, 6], _failures.Select(f => f.Args.ConsecutiveFailures));
        Assert.All(_failures, f => Assert.IsType<HttpRequestException>(f.Args.Error));
        Assert.Equal(6, _client.OverviewCalls);
        Assert.Empty(_snapshots);
        Assert.Null(_model.Current);
    }

    [Fact]
    public void LoadFailed_BackoffResets_AfterAGoodPoll()
    {
        bool down = true;
        _client.Overview = _ => down ? throw new HttpRequestException("refused") : LabFixture.Overview();
        _model.Start();
        AdvanceSeconds(3); // failures at 0, 1 and 3 s: the next retry waits 4 s

        down = false;
        AdvanceSeconds(4);

        Assert.Single(_snapshots);
        Assert.Equal(0, _model.ConsecutiveFailures);

        down = true;
        _time.Advance(Interval);
        Assert.Equal(TimeSpan.FromSeconds(1), _failures[^1].Args.RetryIn);
    }

    [Fact]
    public async Task Tick_IsSkipped_WhileThePreviousPollStillRuns()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.Hold = hold;
        var published = new TaskCompletionSource<DashboardSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        _model.Changed += (_, s) => published.TrySetResult(s);
        _model.Start();

        AdvanceSeconds(3);
        bool manual = await _model.RefreshAsync(CancellationToken.None);

        Assert.False(manual);
        Assert.Equal(1, _client.OverviewCalls);

        _client.Hold = null;
        hold.SetResult();
        await published.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(Interval);

        Assert.Equal(2, _client.OverviewCalls);
        Assert.Equal(1, _client.MaxConcurrentOverviews);
    }

    [Fact]
    public void RefreshAsync_PollsRightAway_IgnoringTheBackoff()
    {
        _client.Overview = call => call == 1 ? throw new HttpRequestException("refused") : LabFixture.Overview();
        _model.Start();

        Assert.True(_model.RefreshAsync(CancellationToken.None).IsCompletedSuccessfully);

        Assert.Single(_failures);
        Assert.Single(_snapshots);
    }

    [Fact]
    public async Task DisposeAsync_StopsPolling_AndRaisesNothingMore()
    {
        _model.Start();

        await _model.DisposeAsync();
        AdvanceSeconds(5);

        Assert.Equal(1, _client.OverviewCalls);
        Assert.Single(_snapshots);
        Assert.False(await _model.RefreshAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DisposeAsync_WaitsForTheRunningPoll_WhoseResultIsDropped()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.Hold = hold;
        _model.Start();

        Task disposing = _model.DisposeAsync().AsTask();
        await disposing.WaitAsync(TimeSpan.FromSeconds(10)); // the poll observes the cancellation

        Assert.Empty(_snapshots);
        Assert.Empty(_failures);
    }

    [Theory]
    // + doubles, - halves the speed the emulator reported last
    [InlineData(2, 120)]
    [InlineData(0.5, 30)]
    public async Task ChangeSpeedAsync_MultipliesTheCurrentSpeed_ThenRefreshes(double factor, double expected)
    {
        _model.Start();

        ClockState clock = await _model.ChangeSpeedAsync(factor, CancellationToken.None);

        ClockChangeRequest change = Assert.Single(_client.ClockChanges);
        Assert.Equal(expected, change.Speed);
        Assert.Null(change.Paused);
        Assert.Equal(expected, clock.Speed);
        Assert.Equal(2, _client.OverviewCalls);
    }

    [Fact]
    public async Task TogglePauseAsync_PausesARunningClock()
    {
        _model.Start();

        ClockState clock = await _model.TogglePauseAsync(CancellationToken.None);

        Assert.True(Assert.Single(_client.ClockChanges).Paused);
        Assert.True(clock.Paused);
    }

    [Fact]
    public async Task TogglePauseAsync_ResumesAPausedClock()
    {
        _client.Overview = _ =>
        {
            OverviewDto overview = LabFixture.Overview();
            overview.Clock.Paused = true;
            return overview;
        };
        _model.Start();

        await _model.TogglePauseAsync(CancellationToken.None);

        Assert.False(Assert.Single(_client.ClockChanges).Paused);
    }

    [Fact]
    public async Task JumpToNextExecutionAsync_AsksForTheWindow()
    {
        _model.Start();

        ClockState clock = await _model.JumpToNextExecutionAsync(LabFixture.PatchWeekly, CancellationToken.None);

        Assert.Equal([LabFixture.PatchWeekly], _client.Jumps);
        Assert.Equal(LabFixture.Now.AddDays(2).AddHours(3), clock.Now);
    }

    [Fact]
    public async Task ClockActions_Throw_WhenTheEmulatorRefuses()
    {
        _client.ClockError = new InvalidOperationException("speed must be between 0.001 and 10000");
        _model.Start();

        await Assert.ThrowsAsync<InvalidOperationException>(() => _model.ChangeSpeedAsync(2, CancellationToken.None));
        Assert.Empty(_failures); // a refused action is not a failed poll
    }

    /// <summary>
    /// One interval at a time: a single large FakeTimeProvider.Advance fires the missed periods of a periodic
    /// timer all at the final time, which is not what a real clock does.
    /// </summary>
    private void AdvanceSeconds(int seconds)
    {
        for (int i = 0; i < seconds; i++)
        {
            _time.Advance(Interval);
        }
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        _model.Start();

        Assert.Throws<InvalidOperationException>(_model.Start);
    }
}
