using System.Globalization;
using PatchLab.Agent.Timing;

namespace PatchLab.Agent.Hosting;

/// <summary>One-line log records on stderr: <c>&lt;emulator time&gt; &lt;LEVEL&gt; &lt;area&gt;: message</c>. Emulator time reads
/// "-" until the first answer carried the clock; docker adds its own real timestamps.</summary>
internal sealed class AgentLog
{
    private readonly TextWriter _writer;
    private readonly EmulatorClock _clock;
    private readonly Lock _lock = new();

    public AgentLog(TextWriter writer, EmulatorClock clock)
    {
        _writer = writer;
        _clock = clock;
    }

    public void Info(string area, string message) => Write("INFO ", area, message);

    public void Warn(string area, string message) => Write("WARN ", area, message);

    public void Error(string area, string message) => Write("ERROR", area, message);

    private void Write(string level, string area, string message)
    {
        var time = _clock.IsKnown ? _clock.Now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) : "-";
        var line = $"{time} {level} {area}: {message.ReplaceLineEndings(" | ")}";
        lock (_lock)
        {
            try
            {
                _writer.WriteLine(line);
                _writer.Flush();
            }
            catch (IOException)
            {
                // stderr gone (container detached): logging must never take the agent down.
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
