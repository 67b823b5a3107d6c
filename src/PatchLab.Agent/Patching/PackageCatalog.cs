namespace PatchLab.Agent.Patching;

/// <summary>The fake package repository of one OS flavour (fixtures/catalogs/*.json, format in its README): the base
/// packages an image ships and the advisories published since.</summary>
internal sealed class PackageCatalog
{
    /// <summary><see cref="VersionScheme"/> of rpm-based catalogs (Amazon Linux) and of Windows builds (10.0.20348.2227).</summary>
    public const string RpmScheme = "rpm";

    /// <summary><see cref="VersionScheme"/> of apt-based catalogs (Ubuntu, Debian).</summary>
    public const string DebScheme = "deb";

    public string Os { get; set; } = "";
    public string PlatformName { get; set; } = "";
    public string PlatformVersion { get; set; } = "";

    /// <summary>Linux (default) or Windows: reported at registration; Windows runs the PatchWindows step and reboots with 3010.</summary>
    public string PlatformType { get; set; } = "Linux";

    /// <summary>How versions are ordered: "rpm" (default) or "deb".</summary>
    public string VersionScheme { get; set; } = RpmScheme;

    public string Product { get; set; } = "";

    /// <summary>When the image's base packages were installed; default: one day before the oldest advisory.</summary>
    public DateTimeOffset? BaseDate { get; set; }

    public List<CatalogPackage> Packages { get; set; } = [];
    public List<CatalogUpdate> Updates { get; set; } = [];

    public bool IsWindows => string.Equals(PlatformType, "Windows", StringComparison.OrdinalIgnoreCase);

    /// <summary>Compares (epoch, version) pairs under <see cref="VersionScheme"/>: negative when a is older.</summary>
    public int CompareVersions(int epochA, string versionA, int epochB, string versionB) =>
        VersionScheme == DebScheme
            ? DebVersion.Compare(epochA, versionA, epochB, versionB)
            : RpmVersion.Compare(epochA, versionA, epochB, versionB);
}
