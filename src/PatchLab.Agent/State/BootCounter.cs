using System.Globalization;

namespace PatchLab.Agent.State;

/// <summary>$STATE/boot: how many times the instance has booted. Every agent start is a boot: the agent runs as the
/// container's main process, so the container (re)starts exactly when the agent does.</summary>
internal static class BootCounter
{
    public static int Increment(string statePath)
    {
        var path = Path.Combine(statePath, "boot");
        var current = 0;
        if (File.Exists(path))
        {
            _ = int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out current);
        }
        var next = current + 1;
        AtomicFile.WriteBytes(path, System.Text.Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture) + "\n"));
        return next;
    }
}
