using System.Globalization;

namespace PatchLab.Agent.State;

/// <summary>One start of the agent as a boot or not: <see cref="Boot"/> is the instance's boot number, <see cref="IsBoot"/>
/// is false when the agent was only restarted (its supervisor restarted it after a crash) within the same boot.</summary>
internal readonly record struct BootStart(int Boot, bool IsBoot);

/// <summary>
/// $STATE/boot: how many times the instance has booted, and the boot id of the latest boot ("3 b1c2...\n"). The agent's
/// supervisor makes a boot id once per start of the instance (container or process start) and hands it to every agent it
/// starts (PATCHLAB_BOOT_ID); an agent start with the stored boot id is an agent restart, not a boot. Without a boot id
/// (an agent run without its supervisor, as in-process tests do) every start is a boot.
/// </summary>
internal static class BootCounter
{
    public static BootStart Start(string statePath, string? bootId)
    {
        var path = Path.Combine(statePath, "boot");
        var current = 0;
        string? storedId = null;
        if (File.Exists(path))
        {
            var fields = File.ReadAllText(path).Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
            {
                _ = int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out current);
            }
            storedId = fields.Length > 1 ? fields[1] : null;
        }
        if (bootId is { Length: > 0 } && current > 0 && string.Equals(bootId, storedId, StringComparison.Ordinal))
        {
            return new BootStart(current, IsBoot: false);
        }
        var next = current + 1;
        var text = next.ToString(CultureInfo.InvariantCulture) + (bootId is { Length: > 0 } ? " " + bootId : "") + "\n";
        AtomicFile.WriteBytes(path, System.Text.Encoding.ASCII.GetBytes(text));
        return new BootStart(next, IsBoot: true);
    }
}
