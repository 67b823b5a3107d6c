using PatchLab.Agent.Hosting;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Plugins;

/// <summary>
/// Why an install fails on purpose (issue 7): faults the emulator sent with the patch snapshot (patch-install-failure,
/// disk-full) and the instance's own $STATE/faults/fail-install file (package names or name.arch, one per line, # comments).
/// Shared by every OS's install step, so the failure text is the same wherever a fault hits.
/// </summary>
internal sealed class InstallFaults
{
    /// <summary>What the package manager prints when the disk is full (yum/dnf/apt all end in errno 28).</summary>
    public const string NoSpace = "[Errno 28] No space left on device";

    private readonly HashSet<string> _failing;
    private readonly bool _diskFull;
    private readonly string _path;

    private InstallFaults(HashSet<string> failing, bool diskFull, string path)
    {
        _failing = failing;
        _diskFull = diskFull;
        _path = path;
    }

    /// <summary>Reads the file faults and merges the emulator's.</summary>
    public static InstallFaults Read(string statePath, AgentInstallFaults? injected, AgentLog log)
    {
        var path = Path.Combine(statePath, "faults", "fail-install");
        var failing = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                failing.UnionWith(File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
            }
        }
        catch (IOException ex)
        {
            log.Warn("patch", $"cannot read {path}: {ex.Message}");
        }
        failing.UnionWith(injected?.FailPatches ?? []);
        return new InstallFaults(failing, injected?.DiskFull == true, path);
    }

    /// <summary>The error the install of this package ends with, or null when it installs.</summary>
    /// <param name="name">Package name.</param>
    /// <param name="key">name.arch.</param>
    /// <param name="advisoryId">The update's advisory (ALAS-…, USN-…, KB…), or null.</param>
    public string? FailureFor(string name, string key, string? advisoryId)
    {
        if (_diskFull)
        {
            return $"Error: {NoSpace}: '/var/cache/yum/x86_64/2/amzn2-core/packages/{key}.rpm'";
        }
        return _failing.Contains("*") || _failing.Contains(name) || _failing.Contains(key) || (advisoryId is { Length: > 0 } a && _failing.Contains(a))
            ? $"Error: transaction check vs depsolve (fault injected{(File.Exists(_path) ? $" by {_path}" : "")})"
            : null;
    }
}
