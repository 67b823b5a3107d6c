namespace PatchLab.Tui.Models;

/// <summary>A poll of the emulator failed; the model retries after <see cref="RetryIn"/>.</summary>
public sealed class LoadFailedEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    public LoadFailedEventArgs(Exception error, int consecutiveFailures, TimeSpan retryIn)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
        ConsecutiveFailures = consecutiveFailures;
        RetryIn = retryIn;
    }

    /// <summary>What went wrong.</summary>
    public Exception Error { get; }
    /// <summary>Failures in a row, this one included (1 for the first).</summary>
    public int ConsecutiveFailures { get; }
    /// <summary>How long the model waits before the next poll.</summary>
    public TimeSpan RetryIn { get; }
}
