using System.Globalization;
using PatchLab.Storage;

namespace PatchLab.Emulator.Hosting;

/// <summary>
/// The one emulator clock: real time by default, N times faster with a speed, pausable, and able to jump forward.
/// Emulator time = anchor + (real elapsed since the anchor) × speed. The anchor is persisted, so a restarted emulator
/// continues the same timeline (time keeps passing while it is down, at the same speed).
/// </summary>
public sealed class LabClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly MetaRepository? _meta;
    private readonly Lock _gate = new();
    private DateTimeOffset _emuAnchor;
    private DateTimeOffset _realAnchor;
    private double _speed;
    private bool _paused;

    /// <summary>Creates a clock over <paramref name="real"/>, restoring state from <paramref name="meta"/> when present.</summary>
    public LabClock(TimeProvider real, MetaRepository? meta = null, double? speed = null, DateTimeOffset? start = null)
    {
        _real = real;
        _meta = meta;
        _realAnchor = real.GetUtcNow();
        _emuAnchor = _realAnchor;
        _speed = 1;
        if (meta?.Get("clock") is { } saved)
        {
            var parts = saved.Split('|');
            _emuAnchor = DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture);
            _realAnchor = DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture);
            _speed = double.Parse(parts[2], CultureInfo.InvariantCulture);
            _paused = parts[3] == "1";
        }
        if (start is { } s)
        {
            Rebase();
            _emuAnchor = s;
        }
        if (speed is { } sp)
        {
            Rebase();
            _speed = sp;
        }
        Save();
    }

    /// <summary>Raised after a speed change, pause/resume or jump.</summary>
    public event Action? Changed;

    /// <summary>Emulator seconds per real second.</summary>
    public double Speed
    {
        get
        {
            lock (_gate)
            {
                return _speed;
            }
        }
    }

    /// <summary>True while paused.</summary>
    public bool Paused
    {
        get
        {
            lock (_gate)
            {
                return _paused;
            }
        }
    }

    /// <summary>Effective speed (0 while paused).</summary>
    public double EffectiveSpeed => Paused ? 0 : Speed;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return NowLocked();
        }
    }

    /// <summary>The real-time provider underneath (for real-time waits).</summary>
    public TimeProvider Real => _real;

    /// <summary>Sets the speed (must be &gt; 0 and ≤ 100000).</summary>
    public void SetSpeed(double speed)
    {
        if (speed is <= 0 or > 100_000 || double.IsNaN(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be greater than 0 and at most 100000 (1 = real time).");
        }
        lock (_gate)
        {
            Rebase();
            _speed = speed;
            Save();
        }
        Changed?.Invoke();
    }

    /// <summary>Pauses or resumes.</summary>
    public void SetPaused(bool paused)
    {
        lock (_gate)
        {
            Rebase();
            _paused = paused;
            Save();
        }
        Changed?.Invoke();
    }

    /// <summary>Jumps forward to <paramref name="target"/>. Backward jumps are refused: work already done cannot be undone.</summary>
    public void JumpTo(DateTimeOffset target)
    {
        lock (_gate)
        {
            var now = NowLocked();
            if (target < now)
            {
                throw new ArgumentOutOfRangeException(nameof(target), target,
                    $"The clock only moves forward: it is {now:yyyy-MM-ddTHH:mm:ssZ} and {target:yyyy-MM-ddTHH:mm:ssZ} is earlier.");
            }
            _realAnchor = _real.GetUtcNow();
            _emuAnchor = target;
            Save();
        }
        Changed?.Invoke();
    }

    /// <summary>Real time it takes for <paramref name="emulated"/> to pass on this clock (infinite while paused).</summary>
    public TimeSpan RealDelayFor(TimeSpan emulated)
    {
        var s = EffectiveSpeed;
        return s <= 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks((long)(emulated.Ticks / s));
    }

    private DateTimeOffset NowLocked()
    {
        if (_paused)
        {
            return _emuAnchor;
        }
        var elapsed = _real.GetUtcNow() - _realAnchor;
        return _emuAnchor + TimeSpan.FromTicks((long)(elapsed.Ticks * _speed));
    }

    private void Rebase()
    {
        var now = NowLocked();
        _realAnchor = _real.GetUtcNow();
        _emuAnchor = now;
    }

    private void Save() => _meta?.Set("clock", string.Join('|', _emuAnchor.ToString("O", CultureInfo.InvariantCulture),
        _realAnchor.ToString("O", CultureInfo.InvariantCulture), _speed.ToString("R", CultureInfo.InvariantCulture), _paused ? "1" : "0"));
}
