using System.Collections.Concurrent;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// What a fake agent did and what went wrong on its side, in real time, for a test's timeout message: the fake agents
/// run in background tasks nobody awaits, so a failure they swallowed would otherwise leave only "stayed InProgress".
/// </summary>
public sealed class AgentJournal
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly Lock _lock = new();
    private string? _lastProblem;
    private int _repeats;

    /// <summary>Every problem so far: answers that were not 2xx (with their bodies) and exceptions, repeats folded.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems, .. _repeats > 0 ? [$"  (the line above {_repeats} more time(s))"] : Array.Empty<string>()];
            }
        }
    }

    /// <summary>Records a step of the protocol (received, acknowledged, replied and the answer).</summary>
    public void Note(string line) => _lines.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");

    /// <summary>Records a failure; the same line again only bumps its count (a poll refused while the emulator restarts).</summary>
    public void Problem(string line)
    {
        lock (_lock)
        {
            if (line == _lastProblem)
            {
                _repeats++;
                return;
            }
            if (_repeats > 0)
            {
                _problems.Enqueue($"  (the line above {_repeats} more time(s))");
            }
            _lastProblem = line;
            _repeats = 0;
            _problems.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");
        }
    }

    /// <summary>The last 30 steps and the last 30 problems of <paramref name="instanceId"/>'s agent.</summary>
    public string Describe(string instanceId)
    {
        var problems = Problems;
        return $"  {instanceId} journal:\n      {string.Join("\n      ", _lines.TakeLast(30))}\n"
            + (problems.Count == 0 ? "    problems: none" : $"    problems:\n      {string.Join("\n      ", problems.TakeLast(30))}");
    }
}
