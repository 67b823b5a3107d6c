namespace PatchLab.Tui.Models;

/// <summary>
/// Loads one detail screen's data on demand and again on every <see cref="Reload"/> (the view calls it on each poll),
/// skipping a reload while the previous one still runs, as the dashboard model skips ticks. Results and failures are
/// raised on whatever thread the load finished on; nothing is raised after <see cref="Dispose"/>.
/// </summary>
/// <typeparam name="T">What is loaded.</typeparam>
public sealed class DetailLoader<T> : IDisposable where T : class
{
    private readonly Func<CancellationToken, Task<T>> _load;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private bool _running;
    private bool _disposed;
    private T? _current;

    /// <summary>Creates an idle loader; nothing is loaded before the first <see cref="Reload"/>.</summary>
    public DetailLoader(Func<CancellationToken, Task<T>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
    }

    /// <summary>A load finished.</summary>
    public event EventHandler<T>? Loaded;

    /// <summary>A load failed as a whole (no emulator); the next reload tries again.</summary>
    public event EventHandler<Exception>? Failed;

    /// <summary>The last loaded value, null before the first.</summary>
    public T? Current => Volatile.Read(ref _current);

    /// <summary>Starts a load unless one is running or the loader is disposed; true when one was started.</summary>
    public bool Reload()
    {
        lock (_gate)
        {
            if (_disposed || _running)
            {
                return false;
            }

            _running = true;
        }

        _ = RunAsync();
        return true;
    }

    /// <summary>Cancels a running load; no event is raised afterwards.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stop.Cancel();
            if (_running)
            {
                return; // the running load disposes the token source when it ends
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        T? result = null;
        Exception? error = null;
        try
        {
            result = await _load(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Closed while loading.
        }
#pragma warning disable CA1031 // A failed load is shown as a flash; the screen stays and retries on the next poll.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
        }

        bool disposed;
        lock (_gate)
        {
            _running = false;
            disposed = _disposed;
        }

        if (disposed)
        {
            _stop.Dispose();
            return;
        }

        if (result is not null)
        {
            Volatile.Write(ref _current, result);
            Loaded?.Invoke(this, result);
        }
        else if (error is not null)
        {
            Failed?.Invoke(this, error);
        }
    }
}
