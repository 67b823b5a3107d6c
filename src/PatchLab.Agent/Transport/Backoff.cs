namespace PatchLab.Agent.Transport;

/// <summary>Retry pauses after connection errors: 1 s, 2 s, 4 s, 8 s, then the maximum (real time). Never busy-polls.</summary>
internal sealed class Backoff
{
    private readonly TimeSpan _max;
    private int _failures;

    public Backoff(TimeSpan max)
    {
        _max = max;
    }

    /// <summary>The pause before the next attempt; each call lengthens the following one.</summary>
    public TimeSpan Next()
    {
        var seconds = Math.Pow(2, Math.Min(_failures, 10));
        _failures++;
        var delay = TimeSpan.FromSeconds(seconds);
        return delay < _max ? delay : _max;
    }

    /// <summary>Call after a success.</summary>
    public void Reset() => _failures = 0;
}
