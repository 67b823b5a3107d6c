using PatchLab.Agent.Patching;
using PatchLab.Agent.Tests.Fakes;

namespace PatchLab.Agent.Tests;

public sealed class PackageDatabaseTests
{
    [Fact]
    public void Create_AppliesOnlyAdvisoriesOlderThanTheAge()
    {
        using var directory = new TestDirectory();
        var catalog = CatalogLoader.Read(TestCatalog.Write(directory.Path));

        var database = PackageDatabaseStore.Create(catalog, "AmazonLinux2", ageDays: 100);

        // Newest advisory 2025-10-01 − 100 days = 2025-06-23: only ALAS2-2023-0001 (openssl-libs .0.6) is older.
        Assert.Equal(new DateTimeOffset(2025, 6, 23, 0, 0, 0, TimeSpan.Zero), database.Cutoff);
        var openssl = database.Packages.Single(p => p.Name == "openssl-libs");
        Assert.Equal("1.0.2k-24.amzn2.0.6", openssl.Version);
        Assert.Equal(1, openssl.Epoch);
        Assert.Equal(new DateTimeOffset(2023, 1, 11, 0, 0, 0, TimeSpan.Zero), openssl.InstalledTime);
        Assert.Equal("ALAS2-2023-0001", openssl.AdvisoryId);
        var kernel = database.Packages.Single(p => p.Name == "kernel");
        Assert.Equal("5.10.157-139.675.amzn2", kernel.Version);
        Assert.Equal(new DateTimeOffset(2022, 12, 10, 0, 0, 0, TimeSpan.Zero), kernel.InstalledTime);
        Assert.All(database.Packages, p => Assert.False(p.PendingReboot));
    }

    [Fact]
    public void Create_IsDeterministic_AndOlderInstancesMissMore()
    {
        var catalog = CatalogLoader.Read(TestCatalog.AmazonLinux2FixturePath);
        var approveAll = new Func<int, int>(age =>
        {
            var database = PackageDatabaseStore.Create(catalog, "AmazonLinux2", age);
            return PatchPlanner.BuildCandidates(database, catalog).Count(c => c.Candidate.Version != c.Candidate.InstalledVersion);
        });

        Assert.Equal(approveAll(180), approveAll(180));
        var missing = new[] { 0, 30, 180, 365, 730, 2000 }.Select(approveAll).ToList();
        // Age 0: only the newest advisory (openssl + openssl-libs, 2025-10-09) is not "older than" the cutoff.
        Assert.Equal(2, missing[0]);
        Assert.Equal(missing.Order().ToList(), missing);
        Assert.True(missing[^1] > missing[2], $"ages should matter: {string.Join(",", missing)}");
    }

    [Fact]
    public void FixtureCatalog_IsValidAndRealistic()
    {
        var catalog = CatalogLoader.Read(TestCatalog.AmazonLinux2FixturePath);

        Assert.Equal("AmazonLinux2", catalog.Os);
        Assert.Equal("Amazon Linux", catalog.PlatformName);
        Assert.InRange(catalog.Packages.Count, 70, 120);
        Assert.InRange(catalog.Updates.Count, 35, 60);
        var baseKeys = catalog.Packages.Select(p => p.Name + "." + p.Arch).ToHashSet();
        foreach (var update in catalog.Updates)
        {
            Assert.Matches(@"^ALAS2-20\d\d-\d{4}$", update.AdvisoryId);
            Assert.InRange(update.Released, new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 10, 31, 0, 0, 0, TimeSpan.Zero));
            Assert.Contains(update.Classification, new[] { "Security", "Bugfix", "Enhancement" });
            if (update.Classification == "Security")
            {
                Assert.Contains(update.Severity, new[] { "Critical", "Important", "Medium", "Low" });
                Assert.NotEmpty(update.Cves);
                Assert.All(update.Cves, cve => Assert.Matches(@"^CVE-\d{4}-\d{4,}$", cve));
            }
            else
            {
                Assert.Equal("", update.Severity);
            }
            foreach (var package in update.Packages)
            {
                // Every advisory patches an installed package with a newer version than the base one.
                Assert.Contains(package.Name + "." + package.Arch, baseKeys);
                var installed = catalog.Packages.Single(p => p.Name == package.Name && p.Arch == package.Arch);
                Assert.True(RpmVersion.Compare(package.Epoch, package.Version, installed.Epoch, installed.Version) > 0,
                    $"{update.AdvisoryId} {package.Name} {package.Version} is not newer than {installed.Version}");
                Assert.InRange(package.SizeKb, 10, 40000);
            }
            var touchesKernelGlibcSystemd = update.Packages.Any(p => p.Name is "kernel" or "glibc" or "systemd");
            Assert.Equal(touchesKernelGlibcSystemd, update.RebootRequired);
        }
        var security = catalog.Updates.Count(u => u.Classification == "Security");
        Assert.InRange(security * 100 / catalog.Updates.Count, 50, 75);
        Assert.All(catalog.Updates.Where(u => u.Packages.Any(p => p.Name == "kernel")), u => Assert.Equal("Important", u.Severity));
    }
}
