namespace PatchLab.Agent.Patching;

/// <summary>
/// A patch an InstallOverrideList selects: the installed package, the update version to install, the entry that chose
/// it, its report title, the older packages its update needs at the same advisory's version, and
/// <see cref="Conflict"/> when the list itself pins one of those to another version (the install fails).
/// </summary>
internal sealed record OverrideTarget(InstalledPackage Installed, CatalogUpdate Update, CatalogUpdatePackage Package, OverrideEntry Entry, string Title)
{
    public IReadOnlyList<(InstalledPackage Installed, CatalogUpdatePackage Package, string Title)> Dependencies { get; init; } = [];

    /// <summary>name.arch:version of a needed package the list asks for at another version; "" when none.</summary>
    public string Conflict { get; init; } = "";
}
