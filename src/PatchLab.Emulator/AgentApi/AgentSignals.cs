using System.Collections.Concurrent;

namespace PatchLab.Emulator.AgentApi;

/// <summary>
/// In-process wake-ups: a long-poll waits for work for its instance; the window runner waits for invocation changes.
/// State itself always lives in SQLite; these only shorten waits. Also remembers when each agent last spoke, in real
/// time, so ping status does not flap when the lab clock runs fast.
/// </summary>
public sealed class AgentSignals(TimeProvider real)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _work = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeenReal = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _openPolls = new(StringComparer.Ordinal);
    private TaskCompletionSource _changes = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the long-poll of <paramref name="instanceId"/>.</summary>
    public void WorkAvailable(string instanceId) => Release(_work.GetOrAdd(instanceId, _ => new SemaphoreSlim(0, 1)));

    /// <summary>Waits until work may be available or the timeout passes.</summary>
    public Task<bool> WaitForWorkAsync(string instanceId, TimeSpan timeout, CancellationToken ct) =>
        _work.GetOrAdd(instanceId, _ => new SemaphoreSlim(0, 1)).WaitAsync(timeout, ct);

    /// <summary>Something about invocations changed (ack, reply, timeout).</summary>
    public void InvocationsChanged() =>
        Interlocked.Exchange(ref _changes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for an invocation change or the timeout (every waiter wakes).</summary>
    public async Task WaitForChangesAsync(TimeSpan timeout, CancellationToken ct)
    {
        var changed = Volatile.Read(ref _changes).Task;
        await Task.WhenAny(changed, Task.Delay(timeout, real, ct)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Records that the agent spoke now.</summary>
    public void Seen(string instanceId) => _lastSeenReal[instanceId] = real.GetUtcNow();

    /// <summary>Marks a long-poll open/closed.</summary>
    public void PollOpen(string instanceId, bool open) =>
        _openPolls.AddOrUpdate(instanceId, open ? 1 : 0, (_, n) => Math.Max(0, n + (open ? 1 : -1)));

    /// <summary>
    /// True when the agent is connected: a long-poll is open, or it spoke within the last <paramref name="grace"/> of real time.
    /// </summary>
    public bool IsConnected(string instanceId, TimeSpan grace) =>
        (_openPolls.TryGetValue(instanceId, out var n) && n > 0)
        || (_lastSeenReal.TryGetValue(instanceId, out var t) && real.GetUtcNow() - t < grace);

    private static void Release(SemaphoreSlim s)
    {
        try
        {
            if (s.CurrentCount == 0)
            {
                s.Release();
            }
        }
        catch (SemaphoreFullException)
        {
        }
    }
}
