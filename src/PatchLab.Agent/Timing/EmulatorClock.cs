using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Timing;

/// <summary>
/// The agent's estimate of the emulator clock: <c>emuNow = last.Now + realElapsed * last.Speed</c>, refreshed from every
/// register/poll answer. Simulated durations are emulator seconds; real time (<see cref="TimeProvider"/>) is used only
/// to sleep and to measure elapsed time.
/// </summary>
internal sealed class EmulatorClock
{
    // Small backwards corrections (latency between the emulator stamping Now and the agent reading it) are absorbed so
    // reported timestamps never go backwards; a larger jump back means the lab clock was reset and is followed.
    private static readonly TimeSpan BackwardsTolerance = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PausedSlice = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxSlice = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private DateTimeOffset _baseNow;
    private double _speed = 1;
    private long _baseTimestamp;
    private DateTimeOffset _lastReturned = DateTimeOffset.MinValue;

    public EmulatorClock(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>True once an answer from the emulator carried its clock.</summary>
    public bool IsKnown { get; private set; }

    /// <summary>Emulator seconds per real second (0 while paused).</summary>
    public double Speed
    {
        get
        {
            lock (_lock)
            {
                return _speed;
            }
        }
    }

    /// <summary>Adopts the clock from an emulator answer.</summary>
    public void Update(AgentClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        lock (_lock)
        {
            _baseNow = clock.Now;
            _speed = double.IsFinite(clock.Speed) && clock.Speed > 0 ? clock.Speed : 0;
            _baseTimestamp = _time.GetTimestamp();
            IsKnown = true;
        }
    }

    /// <summary>Estimated emulator time now.</summary>
    public DateTimeOffset Now
    {
        get
        {
            lock (_lock)
            {
                if (!IsKnown)
                {
                    // Nothing is timed before registration; this only shows in early log lines.
                    return DateTimeOffset.UnixEpoch;
                }
                var elapsed = _time.GetElapsedTime(_baseTimestamp);
                var estimate = _baseNow + TimeSpan.FromTicks((long)(elapsed.Ticks * _speed));
                if (estimate < _lastReturned && estimate > _lastReturned - BackwardsTolerance)
                {
                    return _lastReturned;
                }
                _lastReturned = estimate;
                return estimate;
            }
        }
    }

    /// <summary>Waits until <paramref name="emulatorSeconds"/> have passed on the emulator clock. Speed changes and
    /// pauses take effect as soon as a poll answer brings them.</summary>
    public async Task DelayAsync(double emulatorSeconds, CancellationToken ct)
    {
        if (emulatorSeconds <= 0)
        {
            return;
        }
        var target = Now + TimeSpan.FromSeconds(emulatorSeconds);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var remaining = target - Now;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }
            var speed = Speed;
            TimeSpan slice;
            if (speed <= 0)
            {
                slice = PausedSlice;
            }
            else
            {
                slice = TimeSpan.FromTicks((long)(remaining.Ticks / speed));
                if (slice > MaxSlice)
                {
                    slice = MaxSlice;
                }
                if (slice < TimeSpan.FromMilliseconds(1))
                {
                    slice = TimeSpan.FromMilliseconds(1);
                }
            }
            await Task.Delay(slice, _time, ct).ConfigureAwait(false);
        }
    }
}
