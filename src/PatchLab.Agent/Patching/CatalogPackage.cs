namespace PatchLab.Agent.Patching;

/// <summary>A base package of the image.</summary>
internal sealed class CatalogPackage
{
    public string Name { get; set; } = "";
    public string Arch { get; set; } = "x86_64";

    /// <summary>version-release, e.g. 1.0.2k-24.amzn2.0.6.</summary>
    public string Version { get; set; } = "";

    public int Epoch { get; set; }
}
