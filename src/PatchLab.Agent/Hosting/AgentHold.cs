namespace PatchLab.Agent.Hosting;

/// <summary>
/// Whether the supervisor keeps its agent down after an agent-crash kill (SIGUSR1) until it is revived (SIGUSR2). The
/// runtime handles signals on thread-pool threads, so a kill and a revive sent back to back (an agent-crash without
/// duration) may be handled in either order: a revive that finds nothing held is remembered for
/// <see cref="EarlyReviveWindow"/> and cancels the hold of the kill it overtook.
/// </summary>
internal sealed class AgentHold
{
    /// <summary>How long a revive that came before its kill is kept (real time).</summary>
    public static readonly TimeSpan EarlyReviveWindow = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private bool _held;
    private long? _earlyRevive;

    public AgentHold(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>True while the agent must stay down.</summary>
    public bool IsHeld
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>A kill: held from now on, unless a revive overtook it. Answers whether the agent is held.</summary>
    public bool Kill()
    {
        lock (_lock)
        {
            if (_earlyRevive is { } at && _time.GetElapsedTime(at) <= EarlyReviveWindow)
            {
                _earlyRevive = null;
                return false;
            }
            _earlyRevive = null;
            _held = true;
            return true;
        }
    }

    /// <summary>A revive: the agent may run again. Answers whether it was held.</summary>
    public bool Revive()
    {
        lock (_lock)
        {
            if (_held)
            {
                _held = false;
                return true;
            }
            _earlyRevive = _time.GetTimestamp();
            return false;
        }
    }
}
