namespace PatchLab.Agent.Patching;

/// <summary>
/// Pure selection for InstallOverrideList (reference 5.2 step 0; user guide "Parameter name: InstallOverrideList"): on
/// Linux the listed patches available from the repository are installed whether or not the baseline approves them; on
/// Windows a listed update is installed only if the baseline also approves it. No I/O.
/// </summary>
internal static class OverridePlanner
{
    /// <summary>
    /// The patches to install: on Linux, per installed package, the newest newer version some entry matches; on
    /// Windows, the Missing/Failed (approved) updates whose KB id is listed. <paramref name="assessments"/> are the
    /// baseline's verdicts (used on Windows only).
    /// </summary>
    public static List<OverrideTarget> Select(PackageDatabase database, PackageCatalog catalog, OverrideList list, IReadOnlyList<PatchAssessment> assessments)
    {
        var result = new List<OverrideTarget>();
        if (catalog.IsWindows)
        {
            foreach (var a in assessments.Where(a => a.State is PatchState.Missing or PatchState.Failed && a.TargetUpdate is not null && a.Target is not null))
            {
                if (list.MatchId(a.TargetUpdate!.AdvisoryId) is { } entry)
                {
                    result.Add(new OverrideTarget(a.Package, a.TargetUpdate, a.Target!, entry, a.Title));
                }
            }
            return result;
        }

        var deb = catalog.VersionScheme == PackageCatalog.DebScheme;
        var byVersion = new PackageVersionComparer(catalog);
        foreach (var installed in database.Packages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            (CatalogUpdate Update, CatalogUpdatePackage Package, OverrideEntry Entry)? best = null;
            foreach (var update in catalog.Updates)
            {
                foreach (var package in update.Packages.Where(p => p.Name == installed.Name && p.Arch == installed.Arch))
                {
                    if (catalog.CompareVersions(package.Epoch, package.Version, installed.Epoch, installed.Version) > 0
                        && list.Match(package.Name, package.Arch, package.Epoch, FullVersion(package, deb), deb) is { } entry
                        && (best is null || byVersion.Compare(package, best.Value.Package) > 0))
                    {
                        best = (update, package, entry);
                    }
                }
            }
            if (best is { } b)
            {
                result.Add(WithDependencies(new OverrideTarget(installed, b.Update, b.Package, b.Entry,
                    PatchPlanner.Title(installed.Name, installed.Arch, b.Package.Epoch, b.Package.Version)), database, catalog, list, deb));
            }
        }
        return result;
    }

    /// <summary>Entries that selected nothing (no available, applicable update matches them).</summary>
    public static List<OverrideEntry> Unmatched(OverrideList list, IEnumerable<OverrideTarget> targets)
    {
        var used = targets.Select(t => t.Entry).ToHashSet();
        return [.. list.Entries.Where(e => !used.Contains(e))];
    }

    /// <summary>Debian versions carry their epoch in the title (2:1.6.6-5ubuntu2.1); rpm titles spell it separately.</summary>
    private static string FullVersion(CatalogUpdatePackage package, bool deb) =>
        deb && package.Epoch > 0 ? $"{package.Epoch}:{package.Version}" : package.Version;

    /// <summary>
    /// The packages the update needs at its advisory's version (<see cref="CatalogUpdatePackage.Requires"/>) that are
    /// older on the node. When the list names such a package but at another version, the install cannot go ahead
    /// (user guide: apt 1.2.27 needing apt-utils 1.2.27 while the list says apt-utils 1.2.25 is Failed).
    /// </summary>
    private static OverrideTarget WithDependencies(OverrideTarget target, PackageDatabase database, PackageCatalog catalog, OverrideList list, bool deb)
    {
        var dependencies = new List<(InstalledPackage, CatalogUpdatePackage, string)>();
        foreach (var required in target.Package.Requires)
        {
            var needed = target.Update.Packages.FirstOrDefault(p => p != target.Package && (p.Name == required || p.Name + "." + p.Arch == required));
            var installed = needed is null ? null : database.Packages.FirstOrDefault(p => p.Name == needed.Name && p.Arch == needed.Arch);
            if (needed is null || installed is null || catalog.CompareVersions(needed.Epoch, needed.Version, installed.Epoch, installed.Version) <= 0)
            {
                continue;
            }
            var title = PatchPlanner.Title(needed.Name, needed.Arch, needed.Epoch, needed.Version);
            if (list.Names(needed.Name, needed.Arch) && list.Match(needed.Name, needed.Arch, needed.Epoch, FullVersion(needed, deb), deb) is null)
            {
                return target with { Conflict = title };
            }
            dependencies.Add((installed, needed, title));
        }
        return target with { Dependencies = dependencies };
    }
}
