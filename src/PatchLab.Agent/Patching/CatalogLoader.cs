using System.Text.Json;
using PatchLab.Agent.State;

namespace PatchLab.Agent.Patching;

/// <summary>Reads and checks a catalog file (format: fixtures/catalogs/README.md). The catalog is read-only, so one
/// successful read is kept.</summary>
internal sealed class CatalogLoader
{
    private readonly string _path;
    private readonly Lock _lock = new();
    private PackageCatalog? _catalog;

    public CatalogLoader(string path)
    {
        _path = path;
    }

    /// <exception cref="CatalogException">The file is missing, unreadable or inconsistent.</exception>
    public PackageCatalog Load()
    {
        lock (_lock)
        {
            return _catalog ??= Read(_path);
        }
    }

    public static PackageCatalog Read(string path)
    {
        PackageCatalog? catalog;
        try
        {
            catalog = AtomicFile.ReadJson(path, AgentStateJsonContext.Default.PackageCatalog);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new CatalogException($"catalog {path} is unreadable: {ex.Message}", ex);
        }
        if (catalog is null)
        {
            throw new CatalogException($"catalog {path} does not exist");
        }
        Validate(path, catalog);
        return catalog;
    }

    private static void Validate(string path, PackageCatalog catalog)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Packages.Count; i++)
        {
            var package = catalog.Packages[i];
            if (string.IsNullOrWhiteSpace(package.Name) || string.IsNullOrWhiteSpace(package.Arch) || string.IsNullOrWhiteSpace(package.Version))
            {
                throw new CatalogException($"catalog {path}: packages[{i}] needs name, arch and version");
            }
            if (!keys.Add(package.Name + "." + package.Arch))
            {
                throw new CatalogException($"catalog {path}: packages[{i}] {package.Name}.{package.Arch} is listed twice");
            }
        }
        for (var i = 0; i < catalog.Updates.Count; i++)
        {
            var update = catalog.Updates[i];
            if (string.IsNullOrWhiteSpace(update.AdvisoryId))
            {
                throw new CatalogException($"catalog {path}: updates[{i}] needs an advisoryId");
            }
            if (update.Released == default)
            {
                throw new CatalogException($"catalog {path}: updates[{i}] ({update.AdvisoryId}) needs a released date");
            }
            if (update.Packages.Count == 0)
            {
                throw new CatalogException($"catalog {path}: updates[{i}] ({update.AdvisoryId}) lists no packages");
            }
            foreach (var package in update.Packages)
            {
                if (string.IsNullOrWhiteSpace(package.Name) || string.IsNullOrWhiteSpace(package.Version) || package.SizeKb < 0)
                {
                    throw new CatalogException($"catalog {path}: updates[{i}] ({update.AdvisoryId}) has a package without name/version or with a negative sizeKb");
                }
            }
        }
    }
}
