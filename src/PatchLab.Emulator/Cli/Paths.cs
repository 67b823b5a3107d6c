namespace PatchLab.Emulator.Cli;

/// <summary>Where things are: repository root, state directory, emulator endpoint.</summary>
public static class Paths
{
    /// <summary>Repository root: PATCHLAB_ROOT, else the nearest directory above the binary or the current directory holding PatchLab.sln.</summary>
    public static string RepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("PATCHLAB_ROOT") is { Length: > 0 } root)
        {
            return root;
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "PatchLab.sln")))
                {
                    return d.FullName;
                }
            }
        }
        throw new InvalidOperationException("Cannot find the PatchLab repository (PatchLab.sln). Run from inside it or set PATCHLAB_ROOT.");
    }

    /// <summary>State directory: PATCHLAB_STATE_DIR, else ~/.local/state/patchlab.</summary>
    public static string DefaultStateDirectory() =>
        Environment.GetEnvironmentVariable("PATCHLAB_STATE_DIR") is { Length: > 0 } s
            ? s
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "patchlab");

    /// <summary>Emulator endpoint: PATCHLAB_ENDPOINT, else http://127.0.0.1:4580.</summary>
    public static Uri DefaultEndpoint() =>
        new(Environment.GetEnvironmentVariable("PATCHLAB_ENDPOINT") is { Length: > 0 } e ? e : "http://127.0.0.1:4580");
}
