using PatchLab.Agent.Hosting;
using PatchLab.Agent.State;

namespace PatchLab.Agent.Messaging;

/// <summary>Runs documents in the background, at most CommandWorkersLimit at once, each at most once at a time, and
/// routes Cancel messages to the running one.</summary>
internal sealed class DocumentScheduler
{
    private readonly DocumentRunner _runner;
    private readonly AgentLog _log;
    private readonly SemaphoreSlim _workers;
    private readonly CancellationToken _shutdown;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);

    public DocumentScheduler(DocumentRunner runner, AgentLog log, int workers, CancellationToken shutdown)
    {
        _runner = runner;
        _log = log;
        _workers = new SemaphoreSlim(Math.Max(1, workers));
        _shutdown = shutdown;
    }

    /// <summary>Starts the document unless it is already running.</summary>
    public void Start(DocumentState document)
    {
        var id = document.Message.MessageId;
        lock (_lock)
        {
            if (_running.ContainsKey(id))
            {
                return;
            }
            var running = new Running(new CancellationTokenSource());
            _running[id] = running;
            // The task's own cleanup takes this lock, so it cannot remove the entry before it is complete.
            running.Task = Task.Run(() => RunAsync(document, running));
        }
    }

    /// <summary>Cancels the running document with that message id; false when it is not running.</summary>
    public bool TryCancel(string messageId)
    {
        lock (_lock)
        {
            if (!_running.TryGetValue(messageId, out var running))
            {
                return false;
            }
            running.Cancel.Cancel();
            return true;
        }
    }

    /// <summary>Waits for every document task to return (after a shutdown they return promptly).</summary>
    public Task WhenAllStoppedAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_running.Values.Select(r => r.Task));
        }
    }

    private async Task RunAsync(DocumentState document, Running running)
    {
        var id = document.Message.MessageId;
        try
        {
            var slot = false;
            try
            {
                using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(_shutdown, running.Cancel.Token);
                await _workers.WaitAsync(waitCts.Token).ConfigureAwait(false);
                slot = true;
            }
            catch (OperationCanceledException) when (!_shutdown.IsCancellationRequested)
            {
                // Cancelled while queued: the runner records the cancellation without needing a worker.
            }

            try
            {
                if (!_shutdown.IsCancellationRequested)
                {
                    await _runner.RunAsync(document, _shutdown, running.Cancel.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                if (slot)
                {
                    _workers.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _log.Error("documents", $"{id}: worker stopped: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            lock (_lock)
            {
                if (_running.TryGetValue(id, out var current) && ReferenceEquals(current, running))
                {
                    _running.Remove(id);
                }
            }
            running.Cancel.Dispose();
        }
    }

    private sealed class Running(CancellationTokenSource cancel)
    {
        public CancellationTokenSource Cancel { get; } = cancel;
        public Task Task { get; set; } = Task.CompletedTask;
    }
}
