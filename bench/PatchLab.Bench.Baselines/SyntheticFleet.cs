using System.Globalization;
using PatchLab.Domain.Baselines;

namespace PatchLab.Bench.Baselines;

/// <summary>
/// A synthetic Amazon Linux 2023 catalog (generated in code, never committed) and a fleet of instances of different
/// ages drawn from it. Seeded: the same arguments give the same data.
/// </summary>
/// <remarks>
/// Shape, modelled on fixtures/catalogs/amazon-linux-2023.json: packages with 5 versions each, one advisory per version
/// released 10–60 days apart over about three years; 70 % Security (Critical 10 %, Important 35 %, Medium 40 %, Low 15 %),
/// 20 % Bugfix, 10 % Enhancement; every fourth package requires its "-libs" sibling at the same advisory. An instance's
/// candidates are what its agent sends: per package the installed version plus every newer one.
/// </remarks>
public sealed class SyntheticFleet
{
    /// <summary>Versions per package.</summary>
    public const int VersionsPerPackage = 5;

    private SyntheticFleet(IReadOnlyList<PatchInfo> catalog, IReadOnlyList<IReadOnlyList<PatchInfo>> instances, DateTimeOffset now)
    {
        Catalog = catalog;
        Instances = instances;
        Now = now;
    }

    /// <summary>Every patch of the catalog, package by package, oldest version first.</summary>
    public IReadOnlyList<PatchInfo> Catalog { get; }

    /// <summary>Per instance, the candidates its agent sends for evaluation.</summary>
    public IReadOnlyList<IReadOnlyList<PatchInfo>> Instances { get; }

    /// <summary>The emulator clock of the evaluation (a day after the newest advisory).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Builds a catalog of <paramref name="patches"/> patches (a multiple of <see cref="VersionsPerPackage"/>)
    /// and <paramref name="instances"/> instances.</summary>
    public static SyntheticFleet Create(int patches, int instances, int seed = 42)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2023, 3, 15, 0, 0, 0, TimeSpan.Zero);
        var packages = patches / VersionsPerPackage;
        var versions = new List<PatchInfo[]>(packages);
        var catalog = new List<PatchInfo>(patches);
        var advisory = 100;
        for (var p = 0; p < packages; p++)
        {
            var name = p % 4 == 1 ? $"pkg{p - 1:D4}-libs" : $"pkg{p:D4}";
            var released = start.AddDays(random.Next(0, 60));
            var row = new PatchInfo[VersionsPerPackage];
            for (var v = 0; v < VersionsPerPackage; v++)
            {
                var (classification, severity) = Classify(random);
                var cves = classification == "Security"
                    ? new[] { string.Create(CultureInfo.InvariantCulture, $"CVE-{released.Year}-{random.Next(1000, 60000)}") }
                    : [];
                row[v] = new PatchInfo(name, "x86_64", string.Create(CultureInfo.InvariantCulture, $"1.{v}.0-1.amzn2023.0.{v + 1}"),
                    string.Create(CultureInfo.InvariantCulture, $"ALAS2023-{released.Year}-{advisory++}"), classification, severity, released, "AmazonLinux2023", cves)
                {
                    Repository = "amazonlinux", Requires = p % 4 == 0 ? [$"pkg{p:D4}-libs"] : [],
                };
                catalog.Add(row[v]);
                released = released.AddDays(random.Next(10, 60));
            }
            versions.Add(row);
        }
        var now = catalog.Max(c => c.ReleaseDate).AddDays(1);
        var fleet = new List<IReadOnlyList<PatchInfo>>(instances);
        for (var i = 0; i < instances; i++)
        {
            // Installed version: 0 (oldest) to 4 (newest), so instances are 0 to 4 versions behind.
            var candidates = new List<PatchInfo>(patches);
            foreach (var row in versions)
            {
                var installed = random.Next(0, VersionsPerPackage);
                for (var v = installed; v < VersionsPerPackage; v++)
                {
                    candidates.Add(row[v] with { InstalledVersion = row[installed].Version });
                }
            }
            fleet.Add(candidates);
        }
        return new SyntheticFleet(catalog, fleet, now);
    }

    private static (string Classification, string Severity) Classify(Random random)
    {
        var roll = random.Next(100);
        if (roll < 70)
        {
            var s = random.Next(100);
            return ("Security", s < 10 ? "Critical" : s < 45 ? "Important" : s < 85 ? "Medium" : "Low");
        }
        return roll < 90 ? ("Bugfix", "") : ("Enhancement", "");
    }
}
