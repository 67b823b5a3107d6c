using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// The log of one in-process emulator (<see cref="EmulatorOptions.LogSink"/>), kept in memory so a test's timeout message
/// can say what the emulator did and what it threw. Lines carry real time, as the fake agents' journals do.
/// </summary>
public sealed class MemoryLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The last <paramref name="count"/> lines, oldest first.</summary>
    public string Tail(int count = 60) => string.Join('\n', _lines.TakeLast(count));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(MemoryLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            log._lines.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel.ToString()[..4].ToLowerInvariant()} {category}: {formatter(state, exception)}"
                + (exception is null ? "" : $"\n{exception}"));
        }
    }
}
