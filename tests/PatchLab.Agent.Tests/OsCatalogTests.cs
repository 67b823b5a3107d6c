using PatchLab.Agent.Patching;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Tests;

/// <summary>The catalogs of every modelled OS (fixtures/catalogs, README): they load, hold realistic metadata, and age
/// instances the same way.</summary>
public sealed class OsCatalogTests
{
    private static PackageCatalog Load(string file) => CatalogLoader.Read(Path.Combine(AppContext.BaseDirectory, "catalogs", file));

    public static TheoryData<string, string, string, string> Catalogs => new()
    {
        // file, PATCHLAB_OS, PlatformType, version scheme
        { "amazon-linux-2.json", "AmazonLinux2", "Linux", "rpm" },
        { "amazon-linux-2023.json", "AmazonLinux2023", "Linux", "rpm" },
        { "ubuntu-22.04.json", "Ubuntu2204", "Linux", "deb" },
        { "debian-12.json", "Debian12", "Linux", "deb" },
        { "windows-server-2022.json", "WindowsServer2022", "Windows", "rpm" },
    };

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Catalog_LoadsAndEveryUpdateIsNewerThanTheBase(string file, string os, string platformType, string scheme)
    {
        var catalog = Load(file);

        Assert.Equal(os, catalog.Os);
        Assert.Equal(platformType, catalog.PlatformType);
        Assert.Equal(scheme, catalog.VersionScheme);
        Assert.NotEmpty(catalog.PlatformName);
        Assert.NotEmpty(catalog.Product);
        var installed = catalog.Packages.ToDictionary(p => p.Name + "." + p.Arch);
        foreach (var update in catalog.Updates)
        {
            foreach (var package in update.Packages)
            {
                Assert.True(installed.TryGetValue(package.Name + "." + package.Arch, out var base_), $"{update.AdvisoryId}: {package.Name}.{package.Arch} is not a base package");
                Assert.True(catalog.CompareVersions(package.Epoch, package.Version, base_!.Epoch, base_.Version) >= 0,
                    $"{update.AdvisoryId}: {package.Name} {package.Version} is older than the base {base_.Version}");
                // Windows cumulative updates weigh 350–450 MB; Linux packages a few KB to 40 MB.
                Assert.InRange(package.SizeKb, 1, 600_000);
            }
        }
    }

    [Fact]
    public void AmazonLinux2023_HasAlas2023AdvisoriesWithSeveritiesAndCves()
    {
        var catalog = Load("amazon-linux-2023.json");

        Assert.InRange(catalog.Packages.Count, 40, 120);
        Assert.InRange(catalog.Updates.Count, 35, 80);
        Assert.All(catalog.Packages, p => Assert.Contains("amzn2023", p.Version, StringComparison.Ordinal));
        foreach (var update in catalog.Updates)
        {
            Assert.Matches(@"^ALAS2023-20\d\d-\d{3,4}$", update.AdvisoryId);
            Assert.Contains(update.Classification, new[] { "Security", "Bugfix", "Enhancement" });
            if (update.Classification == "Security")
            {
                Assert.Contains(update.Severity, new[] { "Critical", "Important", "Medium", "Low" });
                Assert.All(update.Cves, cve => Assert.Matches(@"^CVE-\d{4}-\d{4,}$", cve));
                Assert.NotEmpty(update.Cves);
            }
            Assert.Equal(update.Packages.Any(p => p.Name is "kernel" or "glibc" or "systemd"), update.RebootRequired);
        }
        Assert.Equal(["Critical", "Important", "Low", "Medium"], catalog.Updates.Where(u => u.Severity.Length > 0).Select(u => u.Severity).Distinct().Order());
    }

    [Fact]
    public void Ubuntu_HasPrioritySectionAndPocketOnEveryPackage()
    {
        var catalog = Load("ubuntu-22.04.json");

        foreach (var update in catalog.Updates)
        {
            Assert.Contains(update.Repository, new[] { "jammy-security", "jammy-updates" });
            // Security pocket updates carry a USN; jammy-updates ones do not (not a security notice).
            if (update.Repository == "jammy-security")
            {
                Assert.Matches(@"^USN-\d{4}-\d$", update.AdvisoryId);
            }
            Assert.All(update.Packages, p =>
            {
                Assert.Contains(p.Priority, new[] { "required", "important", "standard", "optional", "extra" });
                Assert.NotEmpty(p.Section);
            });
        }
        Assert.Contains(catalog.Packages, p => p.Version.Contains("ubuntu0.22.04.", StringComparison.Ordinal));
        Assert.InRange(catalog.Updates.Count(u => u.Repository == "jammy-updates"), 3, 20);
    }

    [Fact]
    public void Debian_IsGeneratedFromTheRealBookwormLists()
    {
        var catalog = Load("debian-12.json");

        // A curated few hundred packages: the required/important/standard base plus common server packages.
        Assert.InRange(catalog.Packages.Count, 150, 500);
        Assert.Contains(catalog.Packages, p => p.Name == "libc6");
        Assert.Contains(catalog.Packages, p => p.Name == "openssh-server");
        Assert.All(catalog.Packages, p => Assert.Contains(p.Arch, new[] { "amd64", "all" }));
        Assert.NotEmpty(catalog.Updates);
        foreach (var update in catalog.Updates)
        {
            Assert.Contains(update.Repository, new[] { "bookworm-security", "bookworm-updates" });
            Assert.StartsWith(update.Repository + ":", update.AdvisoryId, StringComparison.Ordinal);
            Assert.All(update.Packages, p => Assert.Contains(p.Priority, new[] { "required", "important", "standard", "optional", "extra" }));
        }
        // bookworm-security versions are Debian stable updates: +debNuM or ~debNuM.
        Assert.All(catalog.Updates.Where(u => u.Repository == "bookworm-security").SelectMany(u => u.Packages).Where(p => !p.Name.StartsWith("linux-", StringComparison.Ordinal)),
            p => Assert.Matches(@"deb12u\d+|^\d", p.Version));
    }

    [Fact]
    public void Windows_HasKbIdsMsrcSeveritiesAndClassifications()
    {
        var catalog = Load("windows-server-2022.json");

        Assert.True(catalog.IsWindows);
        var classifications = new[] { "CriticalUpdates", "DefinitionUpdates", "FeaturePacks", "SecurityUpdates", "ServicePacks", "UpdateRollups", "Updates" };
        foreach (var update in catalog.Updates)
        {
            Assert.Matches(@"^KB\d{6,7}$", update.AdvisoryId);
            Assert.Contains(update.Classification, classifications);
            Assert.Contains(update.Severity, new[] { "Critical", "Important", "Moderate", "Low", "Unspecified" });
            Assert.Contains(update.AdvisoryId, update.Title, StringComparison.Ordinal);
        }
        Assert.All(catalog.Updates.Where(u => u.Classification == "SecurityUpdates" && u.Title.Contains("Cumulative Update for Microsoft server", StringComparison.Ordinal)),
            u => Assert.True(u.RebootRequired));
        Assert.InRange(catalog.Updates.Select(u => u.Classification).Distinct().Count(), 5, 7);
    }

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Create_OlderInstancesMissMore(string file, string os, string platformType, string scheme)
    {
        _ = (platformType, scheme);
        var catalog = Load(file);
        int Offered(int age)
        {
            var database = PackageDatabaseStore.Create(catalog, os, age);
            return PatchPlanner.BuildCandidates(database, catalog).Count(c => c.Candidate.Version != c.Candidate.InstalledVersion);
        }

        var missing = new[] { 0, 30, 90, 180, 365, 730, 1500 }.Select(Offered).ToList();

        Assert.Equal(missing.Order().ToList(), missing);
        Assert.True(missing[^1] > missing[1], $"age should matter for {file}: {string.Join(",", missing)}");
        Assert.Equal(Offered(200), Offered(200));
    }

    [Fact]
    public void Create_CountsTheAgeBackFromTheEmulatorClock_WhenItIsInsideTheCatalog()
    {
        var catalog = Load("amazon-linux-2023.json");
        var now = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

        var database = PackageDatabaseStore.Create(catalog, "AmazonLinux2023", 30, now);
        var later = PackageDatabaseStore.Create(catalog, "AmazonLinux2023", 30, now.AddYears(5));

        Assert.Equal(now.AddDays(-30), database.Cutoff);
        // Past the newest advisory the catalog's end stands in for "now" (a lab clock at today must not patch everything).
        Assert.Equal(catalog.Updates.Max(u => u.Released).AddDays(-30), later.Cutoff);
        // Everything released in the 30 days before the clock is missing: krb5 (2024-05-09) is still at the image's
        // version, libxml2 (2024-02-21) was applied before launch.
        Assert.Equal("1.20.1-8.amzn2023.0.1", database.Packages.Single(p => p.Name == "krb5-libs").Version);
        Assert.Equal("2.10.4-1.amzn2023.0.5", database.Packages.Single(p => p.Name == "libxml2").Version);
    }

    [Fact]
    public void Windows_ReportsKbsNotComponents()
    {
        var catalog = Load("windows-server-2022.json");
        var database = PackageDatabaseStore.Create(catalog, "WindowsServer2022", 120);
        var candidates = PatchPlanner.BuildCandidates(database, catalog);
        // Approve every security update, as AWS-DefaultPatchBaseline would once they are old enough.
        var decisions = candidates.ToDictionary(c => c.DecisionKey, c => new PatchDecision { Approved = c.Update.Classification == "SecurityUpdates" });

        var assessments = PatchPlanner.Assess(database, catalog, decisions, []);

        var records = assessments.Select(a => a.ToRecord()).ToList();
        Assert.All(records, r => Assert.Matches(@"^KB\d+$", r.KBId));
        // The newest approved cumulative update supersedes the older ones: one Missing LCU, named by its KB title.
        var lcu = Assert.Single(records, r => r.State == "Missing" && r.Title.Contains("Cumulative Update for Microsoft server", StringComparison.Ordinal));
        Assert.Equal("KB5066782", lcu.KBId);
        // One record per servicing component, superseded KBs are not listed; definitions nobody approved are InstalledOther.
        Assert.Equal(catalog.Packages.Count, records.Count);
        Assert.Equal("InstalledOther", Assert.Single(records, r => r.KBId == "KB2267602").State);
    }
}
