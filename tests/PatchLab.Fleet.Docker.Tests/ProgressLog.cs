using System.Collections.Concurrent;

namespace PatchLab.Fleet.Docker.Tests;

/// <summary>Collects progress lines synchronously (Progress&lt;T&gt; would post them later, on the thread pool).</summary>
public sealed class ProgressLog : IProgress<string>
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Lines in the order reported.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <inheritdoc />
    public void Report(string value) => _lines.Enqueue(value);
}
