namespace PatchLab.Labs.Tests;

/// <summary>A lab file (and a report directory) in a fresh temporary directory, deleted afterwards.</summary>
public sealed class TempLab : IDisposable
{
    public TempLab(string yaml)
    {
        Directory = Path.Combine(Path.GetTempPath(), "patchlab-labtest-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(Directory);
        File = Path.Combine(Directory, "lab.yaml");
        System.IO.File.WriteAllText(File, yaml);
        ReportDirectory = Path.Combine(Directory, "report");
    }

    public string Directory { get; }
    public string File { get; }
    public string ReportDirectory { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
