using PatchLab.Client;
using PatchLab.Contracts.Lab;

namespace PatchLab.Tui.Models;

/// <summary>
/// Polls the emulator on a timer and publishes immutable <see cref="DashboardSnapshot"/>s (k9s model/table.go):
/// a tick that comes while the previous poll still runs is skipped, failures are reported through
/// <see cref="LoadFailed"/> and back off (1s, 2s, 4s ... 10s). Events are raised on a background thread.
/// </summary>
public sealed class DashboardModel : IAsyncDisposable, IDisposable
{
    /// <summary>Default poll interval.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly ILabClient _client;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private TaskCompletionSource? _running;
    private DashboardSnapshot? _current;
    private int _failures;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private bool _disposed;

    /// <summary>Creates a stopped model; call <see cref="Start"/> to begin polling.</summary>
    /// <param name="client">The emulator.</param>
    /// <param name="refreshInterval">Time between polls; null for <see cref="DefaultRefreshInterval"/>.</param>
    /// <param name="timeProvider">Drives the poll timer and the backoff; null for the system clock.</param>
    public DashboardModel(ILabClient client, TimeSpan? refreshInterval = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        TimeSpan interval = refreshInterval ?? DefaultRefreshInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(refreshInterval));
        _client = client;
        RefreshInterval = interval;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A new snapshot arrived (raised on a background thread).</summary>
    public event EventHandler<DashboardSnapshot>? Changed;

    /// <summary>A poll failed (raised on a background thread); the next one waits for the backoff.</summary>
    public event EventHandler<LoadFailedEventArgs>? LoadFailed;

    /// <summary>Time between polls.</summary>
    public TimeSpan RefreshInterval { get; }

    /// <summary>The latest snapshot, null before the first successful poll.</summary>
    public DashboardSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>Failed polls in a row (0 after a success).</summary>
    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>Polls now, then every <see cref="RefreshInterval"/> until disposed.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_timer is not null)
            {
                throw new InvalidOperationException("The dashboard model is already started.");
            }

            _timer = _time.CreateTimer(static state => ((DashboardModel)state!).Tick(), this, RefreshInterval, RefreshInterval);
        }

        Tick();
    }

    /// <summary>
    /// Polls once, now, ignoring any backoff. Returns false without polling when a poll is already running
    /// (its result is published anyway) or the model is disposed. Failures go to <see cref="LoadFailed"/>, not to the caller.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken ct)
    {
        TaskCompletionSource running;
        lock (_gate)
        {
            if (_disposed || _running is not null)
            {
                return false;
            }

            running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _running = running;
        }

        DashboardSnapshot? snapshot = null;
        LoadFailedEventArgs? failure = null;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
            OverviewDto overview = await _client.GetOverviewAsync(linked.Token).ConfigureAwait(false);
            snapshot = DashboardSnapshot.FromOverview(overview);
            snapshot = snapshot with { Ramp = RampHistory.Next(Current?.Ramp, snapshot.Executions) };
            lock (_gate)
            {
                _failures = 0;
                _retryAt = DateTimeOffset.MinValue;
            }

            Volatile.Write(ref _current, snapshot);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested || _stop.IsCancellationRequested)
        {
            // Stopping or cancelled by the caller: not an emulator failure.
        }
#pragma warning disable CA1031 // Any failure of a poll (HTTP, JSON, emulator error) is shown as a flash, never a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _failures++;
                TimeSpan delay = RetryBackoff.After(_failures);
                _retryAt = _time.GetUtcNow() + delay;
                failure = new LoadFailedEventArgs(ex, _failures, delay);
            }
        }
        finally
        {
            lock (_gate)
            {
                _running = null;
            }

            running.SetResult();
        }

        // Raised outside the try so a failing subscriber is not mistaken for a failing emulator.
        if (!_stop.IsCancellationRequested)
        {
            if (snapshot is not null)
            {
                Changed?.Invoke(this, snapshot);
            }
            else if (failure is not null)
            {
                LoadFailed?.Invoke(this, failure);
            }
        }

        return true;
    }

    /// <summary>Multiplies the clock speed by <paramref name="factor"/> (2 = twice as fast), then refreshes.</summary>
    public Task<ClockState> ChangeSpeedAsync(double factor, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 0);
        double speed = Current?.Clock.Speed ?? 1;
        return ChangeClockAsync(c => c.ChangeClockAsync(new ClockChangeRequest { Speed = speed * factor }, ct), ct);
    }

    /// <summary>Pauses a running clock or resumes a paused one, then refreshes.</summary>
    public Task<ClockState> TogglePauseAsync(CancellationToken ct)
    {
        bool paused = Current?.Clock.Paused ?? false;
        return ChangeClockAsync(c => c.ChangeClockAsync(new ClockChangeRequest { Paused = !paused }, ct), ct);
    }

    /// <summary>Jumps the clock to the next execution of window <paramref name="windowId"/>, then refreshes.</summary>
    public Task<ClockState> JumpToNextExecutionAsync(string windowId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(windowId);
        return ChangeClockAsync(c => c.JumpToNextExecutionAsync(windowId, ct), ct);
    }

    /// <summary>Stops polling and waits for a running poll to finish; no event is raised afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? running = StopCore();
        if (running is not null)
        {
            await running.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    /// <summary>Stops polling without waiting; no event is raised afterwards.</summary>
    public void Dispose() => StopCore();

    private async Task<ClockState> ChangeClockAsync(Func<ILabClient, Task<ClockDto>> change, CancellationToken ct)
    {
        ClockDto clock = await change(_client).ConfigureAwait(false);
        await RefreshAsync(ct).ConfigureAwait(false);
        return new ClockState(clock.Now, clock.Speed, clock.Paused);
    }

    private void Tick()
    {
        lock (_gate)
        {
            // Backoff: ticks before the retry time are skipped, so the delay is rounded up to a whole tick.
            if (_disposed || _time.GetUtcNow() < _retryAt)
            {
                return;
            }
        }

        _ = RefreshAsync(CancellationToken.None);
    }

    private Task? StopCore()
    {
        ITimer? timer;
        Task? running;
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            _disposed = true;
            timer = _timer;
            _timer = null;
            running = _running?.Task;
        }

        timer?.Dispose();
        _stop.Cancel();
        return running;
    }
}
