namespace PatchLab.Agent.Patching;

/// <summary>Orders update packages by rpm version (epoch, version, release).</summary>
internal sealed class PackageVersionComparer : IComparer<CatalogUpdatePackage>
{
    public static readonly PackageVersionComparer Instance = new();

    public int Compare(CatalogUpdatePackage? x, CatalogUpdatePackage? y) =>
        x is null || y is null ? (x is null ? (y is null ? 0 : -1) : 1) : RpmVersion.Compare(x.Epoch, x.Version, y.Epoch, y.Version);
}
