namespace PatchLab.Emulator.Tests;

/// <summary>
/// An IProgress that reports on the caller's thread. Progress&lt;T&gt; posts to the thread pool, so a list it fills may
/// still miss the last lines when the call that reported them has returned.
/// </summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
