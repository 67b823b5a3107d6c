using System.Text.Json;
using PatchLab.Agent.State;

namespace PatchLab.Agent.Patching;

/// <summary>
/// $STATE/packages.json, the instance's rpm database. Created on first boot from the catalog: base packages at their base
/// versions, then every advisory released before (min(emulator clock, newest advisory) − AgeDays) applied (installed a day after release), so
/// an older instance misses more updates. Deterministic: same catalog and age, same database. Written temp + rename.
/// </summary>
internal sealed class PackageDatabaseStore
{
    private readonly string _path;

    public PackageDatabaseStore(string statePath)
    {
        _path = Path.Combine(statePath, "packages.json");
    }

    public bool Exists => File.Exists(_path);

    /// <exception cref="CatalogException">The file exists but cannot be read.</exception>
    public PackageDatabase? Load()
    {
        try
        {
            return AtomicFile.ReadJson(_path, AgentStateJsonContext.Default.PackageDatabase);
        }
        catch (JsonException ex)
        {
            throw new CatalogException($"package database {_path} is unreadable: {ex.Message}", ex);
        }
    }

    public void Save(PackageDatabase database) => AtomicFile.WriteJson(_path, database, AgentStateJsonContext.Default.PackageDatabase);

    /// <summary>The database, created from the catalog when this instance has none yet.</summary>
    public PackageDatabase LoadOrCreate(PackageCatalog catalog, string os, int ageDays, DateTimeOffset? now = null)
    {
        if (Load() is { } existing)
        {
            return existing;
        }
        var created = Create(catalog, os, ageDays, now);
        Save(created);
        return created;
    }

    /// <summary>A boot takes pending installs into effect. Returns how many packages were pending.</summary>
    public int ClearPendingReboot()
    {
        if (Load() is not { } database)
        {
            return 0;
        }
        var pending = database.Packages.Count(p => p.PendingReboot);
        if (pending > 0)
        {
            foreach (var package in database.Packages)
            {
                package.PendingReboot = false;
            }
            Save(database);
        }
        return pending;
    }

    /// <summary>
    /// The first-boot database. The age counts back from the emulator clock (<paramref name="now"/>), or from the
    /// catalog's newest advisory when the clock is past it (a fixed catalog ends; a lab clock set to today must not make
    /// every instance up to date): everything released in the last <paramref name="ageDays"/> days is missing.
    /// </summary>
    public static PackageDatabase Create(PackageCatalog catalog, string os, int ageDays, DateTimeOffset? now = null)
    {
        var newest = catalog.Updates.Count > 0 ? catalog.Updates.Max(u => u.Released) : catalog.BaseDate ?? DateTimeOffset.UnixEpoch;
        var reference = now is { } clock && clock < newest ? clock : newest;
        var cutoff = reference - TimeSpan.FromDays(ageDays);
        var baseTime = catalog.BaseDate
            ?? (catalog.Updates.Count > 0 ? catalog.Updates.Min(u => u.Released) - TimeSpan.FromDays(1) : DateTimeOffset.UnixEpoch);

        var packages = catalog.Packages
            .Select(p => new InstalledPackage
            {
                Name = p.Name,
                Arch = p.Arch,
                Epoch = p.Epoch,
                Version = p.Version,
                InstalledTime = baseTime,
                InstalledBy = InstalledPackage.InstalledByImage,
            })
            .ToDictionary(p => p.Key, StringComparer.Ordinal);

        foreach (var update in catalog.Updates.Where(u => u.Released < cutoff).OrderBy(u => u.Released).ThenBy(u => u.AdvisoryId, StringComparer.Ordinal))
        {
            foreach (var offered in update.Packages)
            {
                if (packages.TryGetValue(offered.Name + "." + offered.Arch, out var installed)
                    && catalog.CompareVersions(offered.Epoch, offered.Version, installed.Epoch, installed.Version) > 0)
                {
                    installed.Epoch = offered.Epoch;
                    installed.Version = offered.Version;
                    installed.InstalledTime = update.Released + TimeSpan.FromDays(1);
                    installed.AdvisoryId = update.AdvisoryId;
                }
            }
        }

        return new PackageDatabase
        {
            Os = os,
            AgeDays = ageDays,
            Cutoff = cutoff,
            Packages = packages.Values.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
        };
    }
}
