namespace PatchLab.Agent.Patching;

/// <summary>The fake package repository of one OS flavour (fixtures/catalogs/*.json, format in its README): the base
/// packages an image ships and the advisories published since.</summary>
internal sealed class PackageCatalog
{
    public string Os { get; set; } = "";
    public string PlatformName { get; set; } = "";
    public string PlatformVersion { get; set; } = "";
    public string Product { get; set; } = "";

    /// <summary>When the image's base packages were installed; default: one day before the oldest advisory.</summary>
    public DateTimeOffset? BaseDate { get; set; }

    public List<CatalogPackage> Packages { get; set; } = [];
    public List<CatalogUpdate> Updates { get; set; } = [];
}
