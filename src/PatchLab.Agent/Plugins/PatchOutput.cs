using System.Globalization;
using System.Text;
using PatchLab.Agent.Timing;

namespace PatchLab.Agent.Plugins;

/// <summary>PatchLinux output: timestamped lines in the style of AWS's patch-baseline-operations payload
/// (<c>MM/dd/yyyy HH:mm:ss root [INFO]: ...</c>), stamped with emulator time.</summary>
internal sealed class PatchOutput
{
    private readonly StringBuilder _text = new();
    private readonly EmulatorClock _clock;

    public PatchOutput(EmulatorClock clock)
    {
        _clock = clock;
    }

    public void Raw(string line) => _text.Append(line).Append('\n');

    public void Info(string message) => Line("INFO", message);

    public void Warn(string message) => Line("WARNING", message);

    public void Error(string message) => Line("ERROR", message);

    public override string ToString() => _text.ToString();

    private void Line(string level, string message)
    {
        var stamp = _clock.Now.UtcDateTime.ToString("MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
        _text.Append(CultureInfo.InvariantCulture, $"{stamp} root [{level}]: {message}\n");
    }
}
