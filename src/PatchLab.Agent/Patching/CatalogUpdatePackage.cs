namespace PatchLab.Agent.Patching;

/// <summary>One package version an advisory ships.</summary>
internal sealed class CatalogUpdatePackage
{
    public string Name { get; set; } = "";
    public string Arch { get; set; } = "x86_64";

    /// <summary>version-release.</summary>
    public string Version { get; set; } = "";

    public int Epoch { get; set; }

    /// <summary>Download size; install time is 3 + SizeKb/10240 emulator seconds.</summary>
    public int SizeKb { get; set; }

    /// <summary>Packages (name or name.arch) this version needs at the version the same advisory ships, e.g. openssl → openssl-libs.</summary>
    public List<string> Requires { get; set; } = [];

    /// <summary>apt Priority (required, important, standard, optional, extra); empty elsewhere.</summary>
    public string Priority { get; set; } = "";

    /// <summary>apt Section (libs, net, admin, …); empty elsewhere.</summary>
    public string Section { get; set; } = "";
}
