using System.Globalization;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Patching;

/// <summary>
/// Pure patch logic of PatchLinux: which catalog updates are candidates for the installed packages, and each package's
/// state given the baseline's decisions (reference 5.2). No I/O.
/// </summary>
internal static class PatchPlanner
{
    public const string UnspecifiedCompliance = "UNSPECIFIED";
    public const string AllowAsDependency = "ALLOW_AS_DEPENDENCY";
    public const string Block = "BLOCK";

    /// <summary>Title as DescribeInstancePatches shows it on Amazon Linux: name.arch:epoch:version-release.</summary>
    public static string Title(string name, string arch, int epoch, string versionRelease) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}.{arch}:{epoch}:{versionRelease}");

    /// <summary>
    /// The title a patch is reported under: the update title (KB title) on Windows, where a "package" is a servicing
    /// component and the update the KB that moves it to a new build; name.arch:epoch:version-release elsewhere.
    /// </summary>
    public static string Title(PackageCatalog catalog, InstalledPackage installed, CatalogUpdate? update, int epoch, string version) =>
        catalog.IsWindows && update is not null
            ? (update.Title.Length > 0 ? update.Title : update.AdvisoryId)
            : Title(installed.Name, installed.Arch, epoch, version);

    /// <summary>KBId of a compliance item: the KB id on Windows, name.arch elsewhere.</summary>
    public static string KbId(PackageCatalog catalog, InstalledPackage installed, CatalogUpdate? update) =>
        catalog.IsWindows && update is { AdvisoryId.Length: > 0 } ? update.AdvisoryId : installed.Key;

    public static string DecisionKey(string name, string arch, int epoch, string versionRelease) => Title(name, arch, epoch, versionRelease);

    /// <summary>
    /// For each installed package (by name.arch): the installed version (with the advisory that shipped it, if any),
    /// then every newer update, oldest first. The installed version is sent so the baseline can say whether it is an
    /// approved patch (Installed), a rejected one (InstalledRejected under BLOCK) or neither (InstalledOther).
    /// </summary>
    public static List<CandidateEntry> BuildCandidates(PackageDatabase database, PackageCatalog catalog)
    {
        var offers = OffersByPackage(catalog);
        var byVersion = new PackageVersionComparer(catalog);
        var entries = new List<CandidateEntry>();
        foreach (var installed in database.Packages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            List<Offer> packageOffers = offers.TryGetValue(installed.Key, out var found) ? found : [];
            var current = packageOffers.Where(o => Compare(catalog, o.Package, installed) == 0).MaxBy(o => o.Update.Released);
            entries.Add(current is not null ? Entry(installed, current.Update, current.Package) : InstalledVersionEntry(installed));
            foreach (var (update, package) in packageOffers.Where(o => Compare(catalog, o.Package, installed) > 0)
                         .OrderBy(o => o.Package, byVersion))
            {
                entries.Add(Entry(installed, update, package));
            }
        }
        return entries;
    }

    /// <summary>The state of every installed package. <paramref name="decisions"/> is keyed by <see cref="DecisionKey"/>;
    /// <paramref name="failed"/> holds name.arch of packages whose install failed in this operation.</summary>
    public static List<PatchAssessment> Assess(PackageDatabase database, PackageCatalog catalog,
        IReadOnlyDictionary<string, PatchDecision> decisions, IReadOnlyCollection<string> failed, string rejectedPatchesAction = AllowAsDependency)
    {
        var offers = OffersByPackage(catalog);
        var advisories = catalog.Updates.GroupBy(u => u.AdvisoryId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var block = rejectedPatchesAction == Block;
        var byVersion = new PackageVersionComparer(catalog);
        var result = new List<PatchAssessment>();
        foreach (var installed in database.Packages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            List<Offer> packageOffers = offers.TryGetValue(installed.Key, out var found) ? found : [];

            // Rule 6: of several approved newer versions, the newest wins.
            (CatalogUpdate Update, CatalogUpdatePackage Package, PatchDecision Decision)? target = null;
            foreach (var (update, package) in packageOffers.Where(o => Compare(catalog, o.Package, installed) > 0))
            {
                if (Approved(decisions, package) is { } decision
                    && (target is null || byVersion.Compare(package, target.Value.Package) > 0))
                {
                    target = (update, package, decision);
                }
            }

            if (target is { } t)
            {
                // An approved update that needs a BLOCK-rejected package cannot be installed: Missing on Scan, Failed on Install.
                var state = failed.Contains(installed.Key) ? PatchState.Failed : PatchState.Missing;
                result.Add(new PatchAssessment(installed, state, Title(catalog, installed, t.Update, t.Package.Epoch, t.Package.Version),
                    t.Update.Classification, t.Update.Severity, null, t.Update.Cves, t.Decision.ComplianceLevel, t.Update, t.Package)
                {
                    BlockedBy = t.Decision.BlockedBy, KbId = KbId(catalog, installed, t.Update),
                });
                continue;
            }

            var current = packageOffers.Where(o => Compare(catalog, o.Package, installed) == 0).MaxBy(o => o.Update.Released);
            var installedDecision = decisions.GetValueOrDefault(Title(installed.Name, installed.Arch, installed.Epoch, installed.Version));
            var installedUpdate = advisories.GetValueOrDefault(installed.AdvisoryId) ?? current?.Update;
            var title = Title(catalog, installed, installedUpdate, installed.Epoch, installed.Version);
            var kb = KbId(catalog, installed, installedUpdate);
            if (catalog.IsWindows && installedUpdate is null)
            {
                // Windows reports updates (KBs), not components: a component no KB has touched yet is no patch.
                continue;
            }
            var approved = installedDecision is { Approved: true, Rejected: false } ? installedDecision : null;
            if (installed.PendingReboot)
            {
                // Deviation: AWS counts every package Patch Manager installed since the last boot; PatchLab only those
                // whose advisory requires a reboot (kernel, glibc, systemd).
                var advisory = installedUpdate;
                result.Add(new PatchAssessment(installed, PatchState.InstalledPendingReboot, title, advisory?.Classification ?? "",
                    advisory?.Severity ?? "", installed.InstalledTime, [], approved?.ComplianceLevel ?? UnspecifiedCompliance, null, null) { KbId = kb });
            }
            else if (installedDecision is { Rejected: true } && block)
            {
                // Installed before it was rejected, or outside Patch Manager: non-compliant under BLOCK (reference 5.2).
                result.Add(new PatchAssessment(installed, PatchState.InstalledRejected, title, current?.Update.Classification ?? "",
                    current?.Update.Severity ?? "", installed.InstalledTime, [], installedDecision.ComplianceLevel, null, null) { KbId = kb });
            }
            else if (approved is not null)
            {
                result.Add(new PatchAssessment(installed, PatchState.Installed, title, current?.Update.Classification ?? "", current?.Update.Severity ?? "",
                    installed.InstalledTime, [], approved.ComplianceLevel, null, null) { KbId = kb });
            }
            else
            {
                // Not approved, or rejected under ALLOW_AS_DEPENDENCY (InstalledRejected is always 0 then): InstalledOther.
                result.Add(new PatchAssessment(installed, PatchState.InstalledOther, title, "", "", installed.InstalledTime, [],
                    UnspecifiedCompliance, null, null) { KbId = kb });
            }
        }
        return result;
    }

    /// <summary>
    /// Candidates the baseline does not approve but an approved update needs (<see cref="PatchDecision.DependencyOf"/>),
    /// by the name of the package that needs them: they are installed with it.
    /// </summary>
    public static Dictionary<string, List<CandidateEntry>> Dependencies(IReadOnlyList<CandidateEntry> candidates, IReadOnlyList<PatchDecision> decisions)
    {
        var result = new Dictionary<string, List<CandidateEntry>>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count && i < decisions.Count; i++)
        {
            if (decisions[i].DependencyOf is { Length: > 0 } dependent)
            {
                if (!result.TryGetValue(dependent, out var list))
                {
                    result[dependent] = list = [];
                }
                list.Add(candidates[i]);
            }
        }
        return result;
    }

    private static PatchDecision? Approved(IReadOnlyDictionary<string, PatchDecision> decisions, CatalogUpdatePackage package) =>
        decisions.TryGetValue(DecisionKey(package.Name, package.Arch, package.Epoch, package.Version), out var decision)
        && decision.Approved && !decision.Rejected
            ? decision
            : null;

    private static CandidateEntry Entry(InstalledPackage installed, CatalogUpdate update, CatalogUpdatePackage package) =>
        new(installed, update, package, new PatchCandidate
        {
            Name = package.Name,
            Arch = package.Arch,
            Version = package.Version,
            InstalledVersion = installed.Version,
            AdvisoryId = update.AdvisoryId,
            Classification = update.Classification,
            Severity = update.Severity,
            ReleaseDate = update.Released,
            Cves = [.. update.Cves],
            Epoch = package.Epoch,
            Requires = [.. package.Requires],
            Priority = package.Priority,
            Section = package.Section,
            Repository = update.Repository,
        });

    /// <summary>The installed version of a package no advisory shipped (base image): offered so the baseline can judge it.</summary>
    private static CandidateEntry InstalledVersionEntry(InstalledPackage installed) =>
        Entry(installed, new CatalogUpdate { Released = installed.InstalledTime },
            new CatalogUpdatePackage { Name = installed.Name, Arch = installed.Arch, Version = installed.Version, Epoch = installed.Epoch });

    private static int Compare(PackageCatalog catalog, CatalogUpdatePackage offered, InstalledPackage installed) =>
        catalog.CompareVersions(offered.Epoch, offered.Version, installed.Epoch, installed.Version);

    private static Dictionary<string, List<Offer>> OffersByPackage(PackageCatalog catalog)
    {
        var offers = new Dictionary<string, List<Offer>>(StringComparer.Ordinal);
        foreach (var update in catalog.Updates)
        {
            foreach (var package in update.Packages)
            {
                var key = package.Name + "." + package.Arch;
                if (!offers.TryGetValue(key, out var list))
                {
                    offers[key] = list = [];
                }
                list.Add(new Offer(update, package));
            }
        }
        return offers;
    }
}
