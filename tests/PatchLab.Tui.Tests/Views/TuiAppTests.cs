using Microsoft.Extensions.Time.Testing;
using PatchLab.Contracts.Lab;
using PatchLab.Tui.Tests.Fakes;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace PatchLab.Tui.Tests.Views;

/// <summary>
/// TuiApp.Run through Terminal.Gui's real main loop (ANSI driver, no terminal): the keys are injected from the
/// loop's Iteration event, on the UI thread, as a user would type them.
/// </summary>
[Collection(TerminalCollection.Name)]
public sealed class TuiAppTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string? _previousDisableRealDriverIO = Environment.GetEnvironmentVariable("DisableRealDriverIO");
    private readonly IApplication _app;

    public TuiAppTests()
    {
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
        _app = Application.Create(new VirtualTimeProvider());
        _app.Init(DriverRegistry.Names.ANSI);
        _app.Driver!.SetScreenSize(80, 24);
    }

    public void Dispose()
    {
        _app.Dispose();
        Environment.SetEnvironmentVariable("DisableRealDriverIO", _previousDisableRealDriverIO);
    }

    [Fact]
    public void Run_ShowsTheFleet_AndReturnsZero_WhenQIsPressed()
    {
        var client = new FakeLabClient();
        string? screen = null;
        _app.Iteration += (_, _) =>
        {
            if (screen is null && ScreenText().Contains("Fleet [3]", StringComparison.Ordinal))
            {
                screen = ScreenText();
                _app.InjectKey(Key.Q);
            }
        };

        int exitCode = RunWithin(client, Patience);

        Assert.Equal(0, exitCode);
        Assert.Contains(LabFixture.Web1, screen);
        Assert.True(_app.Initialized); // the caller's application is left to the caller
    }

    [Fact]
    public void Run_PaintsPollsThatFinishOnAnotherThread()
    {
        // Answers on a thread-pool thread, as HTTP does: the model's events then reach the view through IApplication.Invoke.
        var client = new ThreadPoolLabClient();
        bool seen = false;
        _app.Iteration += (_, _) =>
        {
            if (!seen && ScreenText().Contains("Online 2  ConnectionLost 1", StringComparison.Ordinal))
            {
                seen = true;
                _app.InjectKey(Key.Q.WithCtrl);
            }
        };

        int exitCode = RunWithin(client, Patience);

        Assert.Equal(0, exitCode);
        Assert.True(seen);
    }

    private string ScreenText() => _app.Driver?.ToString() ?? "";

    /// <summary>Runs the dashboard; a watchdog stops it (and the test fails) if it does not quit in time.</summary>
    private int RunWithin(PatchLab.Client.ILabClient client, TimeSpan patience)
    {
        bool timedOut = false;
        using var watchdog = new Timer(_ =>
        {
            timedOut = true;
            _app.Invoke(() => _app.RequestStop());
        }, null, patience, System.Threading.Timeout.InfiniteTimeSpan);

        int exitCode = TuiApp.Run(client, new TuiOptions
        {
            EmulatorUrl = "http://127.0.0.1:5080",
            Application = _app,
            TimeProvider = new FakeTimeProvider(), // the first poll only: no timer ticks while the test runs
        });

        Assert.False(timedOut, "the dashboard did not quit");
        return exitCode;
    }

    private sealed class ThreadPoolLabClient : PatchLab.Client.ILabClient
    {
        private readonly FakeLabClient _inner = new();

        public async Task<OverviewDto> GetOverviewAsync(CancellationToken ct)
        {
            await Task.Delay(10, ct).ConfigureAwait(false);
            return await _inner.GetOverviewAsync(ct).ConfigureAwait(false);
        }

        public Task<ClockDto> GetClockAsync(CancellationToken ct) => _inner.GetClockAsync(ct);

        public Task<ClockDto> ChangeClockAsync(ClockChangeRequest change, CancellationToken ct) => _inner.ChangeClockAsync(change, ct);

        public Task<ClockDto> JumpToNextExecutionAsync(string windowId, CancellationToken ct) => _inner.JumpToNextExecutionAsync(windowId, ct);
    }
}
