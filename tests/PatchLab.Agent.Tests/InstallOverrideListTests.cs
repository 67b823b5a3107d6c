using PatchLab.Agent.Patching;
using PatchLab.Agent.Tests.Fakes;

namespace PatchLab.Agent.Tests;

/// <summary>
/// AWS-RunPatchBaseline's InstallOverrideList (issue 4): the YAML patch list, which versions it selects, and the
/// PatchLinux step installing exactly those patches instead of the baseline's selection.
/// </summary>
public sealed class InstallOverrideListTests
{
    private const string ListUrl = "s3://patch-lists/al2/monthly.yaml";

    // The user guide's layout: a dash on its own line, then the entry's members; extra fields are ignored.
    private const string GuideStyle = """
        patches:
            -
                id: 'kernel.x86_64'
            -
                id: 'dhclient*'
                title: '*4.2.5-58.amzn2'
                classification: 'Bugfix'
        """;

    [Fact]
    public void Parse_ReadsIdAndTitle_InTheUserGuideLayout()
    {
        var list = OverrideList.Parse(GuideStyle);

        Assert.Equal([new OverrideEntry("kernel.x86_64", ""), new OverrideEntry("dhclient*", "*4.2.5-58.amzn2")], list.Entries);
    }

    [Fact]
    public void Parse_AcceptsFlowStyleAndAnEmptyList()
    {
        Assert.Equal([new OverrideEntry("bash.x86_64", "")], OverrideList.Parse("patches: [{id: bash.x86_64}]").Entries);
        Assert.Empty(OverrideList.Parse("patches:").Entries);
        Assert.Empty(OverrideList.Parse("patches: []").Entries);
    }

    [Theory]
    // Not YAML at all: the parser's position and the valid form.
    [InlineData("patches:\n  - id: 'a\n  - id: b", "is not valid YAML (line")]
    // YAML, but not a patch list.
    [InlineData("- id: bash.x86_64", "has no 'patches' list")]
    [InlineData("", "has no 'patches' list")]
    [InlineData("patches: bash.x86_64", "'patches' in the InstallOverrideList is not a list")]
    // An entry without the required id.
    [InlineData("patches:\n  - title: '4.2.46'", "Entry 1 of the InstallOverrideList (line 2) has no id")]
    [InlineData("patches:\n  - id: bash.x86_64\n  - kernel.x86_64", "Entry 2 of the InstallOverrideList (line 3) has no id")]
    public void Parse_Throws_NamingTheValidForm_WhenTheListIsInvalid(string yaml, string expected)
    {
        var ex = Assert.Throws<OverrideListException>(() => OverrideList.Parse(yaml));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("a YAML mapping with a 'patches' list whose entries have an id", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    // id alone: any version of that name.arch; a bare name or a wildcard also matches.
    [InlineData("id: 'bash.x86_64'", "bash", "x86_64", 0, "4.2.46-34.amzn2.0.1", false, true)]
    [InlineData("id: 'bash'", "bash", "x86_64", 0, "4.2.46-34.amzn2.0.1", false, true)]
    [InlineData("id: 'ba*'", "bash", "x86_64", 0, "4.2.46-34.amzn2.0.1", false, true)]
    [InlineData("id: 'bash.noarch'", "bash", "x86_64", 0, "4.2.46-34.amzn2.0.1", false, false)]
    [InlineData("id: 'Bash.x86_64'", "bash", "x86_64", 0, "4.2.46-34.amzn2.0.1", false, false)] // fnmatch is case-sensitive on Linux
    // title: the full yum form, epoch:version-release, version-release, or wildcards anywhere.
    [InlineData("id: 'openssl-libs.x86_64'\n    title: 'openssl-libs.x86_64:1:1.0.2k-24.amzn2.0.10'", "openssl-libs", "x86_64", 1, "1.0.2k-24.amzn2.0.10", false, true)]
    [InlineData("id: 'openssl-libs.x86_64'\n    title: '1:1.0.2k-24.amzn2.0.10'", "openssl-libs", "x86_64", 1, "1.0.2k-24.amzn2.0.10", false, true)]
    [InlineData("id: 'openssl-libs.x86_64'\n    title: '*1.0.2k-24.amzn2.0.1?'", "openssl-libs", "x86_64", 1, "1.0.2k-24.amzn2.0.10", false, true)]
    [InlineData("id: 'openssl-libs.x86_64'\n    title: '1.0.2k-24.amzn2.0.6'", "openssl-libs", "x86_64", 1, "1.0.2k-24.amzn2.0.10", false, false)]
    // apt: name.arch:version with the Debian epoch inside the version.
    [InlineData("id: 'cryptsetup.amd64'\n    title: '*2:1.6.6-5ubuntu2.1'", "cryptsetup", "amd64", 2, "1.6.6-5ubuntu2.1", true, true)]
    [InlineData("id: 'apt.amd64'\n    title: 'apt.amd64:1.2.27'", "apt", "amd64", 0, "1.2.27", true, true)]
    [InlineData("id: 'apt.amd64'\n    title: '*1.2.25'", "apt", "amd64", 0, "1.2.27", true, false)]
    public void Match_FollowsTheIdAndTitleFormats(string entry, string name, string arch, int epoch, string version, bool deb, bool expected)
    {
        var list = OverrideList.Parse($"patches:\n  - {entry}");
        var fullVersion = deb && epoch > 0 ? $"{epoch}:{version}" : version;

        Assert.Equal(expected, list.Match(name, arch, epoch, fullVersion, deb) is not null);
    }

    [Fact]
    public void Select_PicksTheNewestListedVersion_AndIgnoresTheBaseline()
    {
        var (catalog, database) = TwoVersionCatalog();
        var list = OverrideList.Parse("patches:\n  - id: 'curl.x86_64'\n  - id: 'vim*'\n    title: '*8.2-1'\n  - id: 'nothing.x86_64'");

        var targets = OverridePlanner.Select(database, catalog, list, []);

        Assert.Equal(["curl.x86_64:0:7.79-3", "vim.x86_64:0:8.2-1"], targets.Select(t => t.Title));
        Assert.Equal(["nothing.x86_64"], OverridePlanner.Unmatched(list, targets).Select(e => e.Id));
        // curl 7.79-3 needs libcurl at its advisory's version, installed with it.
        Assert.Equal(["libcurl.x86_64:0:7.79-3"], targets[0].Dependencies.Select(d => d.Title));
        Assert.Equal("", targets[0].Conflict);
    }

    [Fact]
    public void Select_ReportsAConflict_WhenTheListPinsADependencyToAnotherVersion()
    {
        // The user guide's apt example: apt 1.2.27 needs apt-utils 1.2.27, the list says apt-utils 1.2.25 → apt fails.
        var (catalog, database) = TwoVersionCatalog();
        var list = OverrideList.Parse("patches:\n  - id: 'curl.x86_64'\n  - id: 'libcurl.x86_64'\n    title: '*7.79-2'");

        var curl = Assert.Single(OverridePlanner.Select(database, catalog, list, []), t => t.Installed.Name == "curl");

        Assert.Equal("libcurl.x86_64:0:7.79-3", curl.Conflict);
    }

    [Fact]
    public async Task Install_InstallsExactlyTheListedPatches_ApprovedOrNot()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        // zlib's Bugfix update is not approved by the fake baseline; openssl-libs and kernel are approved but not listed.
        bed.Emulator.Objects[ListUrl] = "patches:\n  - id: 'zlib.x86_64'\n  - id: 'bash.x86_64'\n    title: '*4.2.46-34.amzn2.0.1'\n";
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install", "NoReboot", installOverrideList: ListUrl);
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal(("Success", "Success"), (final.DocumentStatus, final.Steps[1].Status));
        var output = final.Steps[1].StandardOutput;
        Assert.Contains($"Downloading the InstallOverrideList from {ListUrl}", output, StringComparison.Ordinal);
        Assert.Contains("Installing 2 package(s) from the InstallOverrideList:", output, StringComparison.Ordinal);
        var report = Assert.Single(bed.Emulator.Reports);
        Assert.Equal(ListUrl, report.InstallOverrideList);
        var patches = report.Patches.ToDictionary(p => p.KBId);
        // Compliance is still the baseline's: listed bash is approved → Installed; listed zlib is not → InstalledOther;
        // approved openssl-libs and kernel were not listed → still Missing.
        Assert.Equal(("Installed", TestCatalog.BashTarget), (patches["bash.x86_64"].State, patches["bash.x86_64"].Title));
        Assert.Equal(("InstalledOther", "zlib.x86_64:0:1.2.7-19.amzn2.0.3"), (patches["zlib.x86_64"].State, patches["zlib.x86_64"].Title));
        Assert.Equal(("Missing", "Missing"), (patches["openssl-libs.x86_64"].State, patches["kernel.x86_64"].State));
        using var db = TestCatalog.ReadPackages(bed.StatePath);
        var installedBy = db.RootElement.GetProperty("packages").EnumerateArray()
            .Where(p => p.GetProperty("installedBy").GetString() == "PatchManager").Select(p => p.GetProperty("name").GetString()).Order();
        Assert.Equal(["bash", "zlib"], installedBy);
    }

    [Fact]
    public async Task Install_WarnsAndSucceeds_WhenAnEntryMatchesNoAvailableUpdate()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.Emulator.Objects[ListUrl] = "patches:\n  - id: 'nginx.x86_64'\n  - id: 'bash.x86_64'\n    title: '*9.9*'\n";
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install", "NoReboot", installOverrideList: ListUrl);
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Success", final.DocumentStatus);
        var output = final.Steps[1].StandardOutput;
        Assert.Contains("[WARNING]: InstallOverrideList entry id 'nginx.x86_64' matches no update available for this instance", output, StringComparison.Ordinal);
        Assert.Contains("[WARNING]: InstallOverrideList entry id 'bash.x86_64' title '*9.9*' matches no update", output, StringComparison.Ordinal);
        Assert.Contains("No patch of the InstallOverrideList is missing: nothing to install.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PatchManager", File.ReadAllText(bed.StateFile("packages.json")), StringComparison.Ordinal);
    }

    [Theory]
    // The object is not in the store.
    [InlineData(null, "Unable to download the InstallOverrideList s3://patch-lists/al2/monthly.yaml: An error occurred (NoSuchKey)")]
    // The object is not a patch list.
    [InlineData("patches: [", "The InstallOverrideList is not valid YAML")]
    public async Task Install_FailsTheStepWithoutInstalling_WhenTheListCannotBeRead(string? content, string expected)
    {
        await using var bed = await AgentTestBed.CreateAsync();
        if (content is not null)
        {
            bed.Emulator.Objects[ListUrl] = content;
        }
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install", "NoReboot", installOverrideList: ListUrl);
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal(("Failed", "Failed", 1), (final.DocumentStatus, final.Steps[1].Status, final.Steps[1].Code));
        Assert.Contains(expected, final.Steps[1].StandardOutput, StringComparison.Ordinal);
        Assert.Empty(bed.Emulator.Reports);
        Assert.DoesNotContain("PatchManager", File.ReadAllText(bed.StateFile("packages.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_IgnoresTheList_AndDoesNotDownloadIt()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Scan", installOverrideList: ListUrl);
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal("Success", final.DocumentStatus);
        Assert.Contains("InstallOverrideList is ignored by the Scan operation.", final.Steps[1].StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Emulator.Calls, c => c.Operation == "object");
        Assert.Equal("Missing", Assert.Single(bed.Emulator.Reports).Patches.Single(p => p.KBId == "bash.x86_64").State);
    }

    [Fact]
    public async Task Install_Fails_WhenBaselineOverrideIsGivenToo()
    {
        await using var bed = await AgentTestBed.CreateAsync();
        bed.Emulator.Objects[ListUrl] = "patches:\n  - id: 'zlib.x86_64'\n";
        bed.StartAgent();
        var message = FakeEmulator.PatchBaseline(bed.Emulator.InstanceId, "Install", "NoReboot", installOverrideList: ListUrl,
            baselineOverride: "s3://patch-lists/baseline.json");
        bed.Emulator.Deliver(message);

        var final = await bed.Emulator.WaitForFinalReplyAsync(message.MessageId);

        Assert.Equal(("Failed", 1), (final.Steps[1].Status, final.Steps[1].Code));
        Assert.Contains("BaselineOverride and InstallOverrideList cannot be used together", final.Steps[1].StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Emulator.Calls, c => c.Operation is "object" or "snapshot");
    }

    /// <summary>curl and libcurl 7.79-1 installed; advisory A ships both at 7.79-2, advisory B at 7.79-3 (curl needs
    /// libcurl); vim 8.1-1 installed with 8.2-1 and 8.2-2 offered.</summary>
    private static (PackageCatalog, PackageDatabase) TwoVersionCatalog()
    {
        static CatalogUpdatePackage P(string name, string version, params string[] requires) =>
            new() { Name = name, Arch = "x86_64", Version = version, Requires = [.. requires] };
        var catalog = new PackageCatalog
        {
            Os = "AmazonLinux2",
            Updates =
            [
                new CatalogUpdate { AdvisoryId = "ALAS2-A", Classification = "Security", Packages = [P("curl", "7.79-2", "libcurl"), P("libcurl", "7.79-2")] },
                new CatalogUpdate { AdvisoryId = "ALAS2-B", Classification = "Bugfix", Packages = [P("curl", "7.79-3", "libcurl"), P("libcurl", "7.79-3")] },
                new CatalogUpdate { AdvisoryId = "ALAS2-C", Classification = "Enhancement", Packages = [P("vim", "8.2-1")] },
                new CatalogUpdate { AdvisoryId = "ALAS2-D", Classification = "Enhancement", Packages = [P("vim", "8.2-2")] },
            ],
        };
        var database = new PackageDatabase
        {
            Packages =
            [
                new InstalledPackage { Name = "curl", Version = "7.79-1" },
                new InstalledPackage { Name = "libcurl", Version = "7.79-1" },
                new InstalledPackage { Name = "vim", Version = "8.1-1" },
            ],
        };
        return (catalog, database);
    }
}
