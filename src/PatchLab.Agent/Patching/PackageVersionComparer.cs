namespace PatchLab.Agent.Patching;

/// <summary>Orders update packages by the catalog's version scheme (rpm or dpkg: epoch, version, release).</summary>
internal sealed class PackageVersionComparer : IComparer<CatalogUpdatePackage>
{
    private readonly PackageCatalog _catalog;

    public PackageVersionComparer(PackageCatalog catalog)
    {
        _catalog = catalog;
    }

    public int Compare(CatalogUpdatePackage? x, CatalogUpdatePackage? y) =>
        x is null || y is null ? (x is null ? (y is null ? 0 : -1) : 1) : _catalog.CompareVersions(x.Epoch, x.Version, y.Epoch, y.Version);
}
