using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Baselines;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Cli;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// Issues 4 and 5: every modelled OS. The predefined baseline of each OS approves the right patches of its catalog, and
/// an instance of each flavour reports its platform and scans against its own catalog through the real agent.
/// </summary>
public sealed class OsFlavourTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<PatchCatalogs> Catalogs = new(() => new PatchCatalogs(Path.Combine(EmulatorFixture.RepoRoot(), "fixtures", "catalogs")));

    private EmulatorFixture? _emu;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _emu.DownAndDisposeAsync();

    [Fact]
    public void OsFlavors_CoverEveryModelledOs_WithTheirSsmValues()
    {
        Assert.Equal(
            [
                ("AmazonLinux2", "AMAZON_LINUX_2", "Linux", "Amazon Linux", "2"),
                ("AmazonLinux2023", "AMAZON_LINUX_2023", "Linux", "Amazon Linux", "2023"),
                ("Ubuntu2204", "UBUNTU", "Linux", "Ubuntu", "22.04"),
                ("Debian12", "DEBIAN", "Linux", "Debian GNU/Linux", "12"),
                ("WindowsServer2022", "WINDOWS", "Windows", "Microsoft Windows Server 2022 Datacenter", "10.0.20348"),
            ],
            OsFlavor.All.Select(f => (f.Name, f.OperatingSystem, f.PlatformType, f.PlatformName, f.PlatformVersion)));
        foreach (var flavour in OsFlavor.All)
        {
            Assert.True(File.Exists(Path.Combine(EmulatorFixture.RepoRoot(), "fixtures", "catalogs", flavour.CatalogFile)), flavour.CatalogFile);
            Assert.True(File.Exists(Path.Combine(EmulatorFixture.RepoRoot(), "emulator", "image", "os-release", flavour.Name)), flavour.Name);
            Assert.NotEmpty(Catalogs.Value.ForOperatingSystem(flavour.OperatingSystem));
        }
    }

    [Theory]
    // Amazon Linux 2023 (AWS-AmazonLinux2023DefaultPatchBaseline): Security Critical/Important and Bugfix, 7 days after release.
    [InlineData("AMAZON_LINUX_2023", "ALAS2023-2024-671", "openssh-server", true)]   // Security/Critical (regreSSHion)
    [InlineData("AMAZON_LINUX_2023", "ALAS2023-2024-598", "glibc", true)]            // Security/Important
    [InlineData("AMAZON_LINUX_2023", "ALAS2023-2023-151", "amazon-ssm-agent", true)] // Bugfix, any severity
    [InlineData("AMAZON_LINUX_2023", "ALAS2023-2024-531", "libxml2", false)]         // Security/Medium
    [InlineData("AMAZON_LINUX_2023", "ALAS2023-2024-689", "openssl", false)]         // Security/Low
    [InlineData("AMAZON_LINUX_2023", "ALAS2023-2024-546", "system-release", false)]  // Enhancement
    [InlineData("AMAZON_LINUX_2023", "ALAS2023-2025-969", "kernel", true)]           // released 2025-10-21: 11 days old on 2025-11-01
    // Ubuntu (AWS-UbuntuDefaultPatchBaseline): the security pocket, any priority, no delay.
    [InlineData("UBUNTU", "USN-7604-1", "sudo", true)]
    [InlineData("UBUNTU", "USN-7281-1", "openssh-server", true)]                     // priority optional counts too
    [InlineData("UBUNTU", "USN-7802-1", "nginx-core", true)]                         // released 2025-10-14: no ApproveAfterDays on apt
    [InlineData("UBUNTU", "jammy-updates:tzdata_2024b", "tzdata", false)]            // jammy-updates is not the security pocket
    [InlineData("UBUNTU", "jammy-updates:python-apt_2.4.0ubuntu4", "python3-apt", false)]
    // Windows (AWS-DefaultPatchBaseline): CriticalUpdates and SecurityUpdates rated Critical/Important, 7 days.
    [InlineData("WINDOWS", "KB5066782", "KB5066782", true)]                          // 2025-10 cumulative update, Critical, 18 days old
    [InlineData("WINDOWS", "KB5033118", "KB5033118", true)]                          // 2023-12 cumulative update, Important
    [InlineData("WINDOWS", "KB5034439", "KB5034439", true)]                          // CriticalUpdates/Important (WinRE)
    [InlineData("WINDOWS", "KB5065306", "KB5065306", false)]                         // Updates: optional preview
    [InlineData("WINDOWS", "KB5011048", "KB5011048", false)]                         // FeaturePacks
    [InlineData("WINDOWS", "KB890830", "KB890830", false)]                           // UpdateRollups (MSRT)
    [InlineData("WINDOWS", "KB2267602", "KB2267602", false)]                         // DefinitionUpdates
    public void PredefinedBaseline_ApprovesTheRightPatches_OnTheOsCatalog(string os, string advisory, string name, bool approved)
    {
        var patches = Catalogs.Value.ForOperatingSystem(os).Where(p => p.Info.AdvisoryId == advisory && p.Info.Name == name).ToList();
        Assert.NotEmpty(patches);

        foreach (var patch in patches)
        {
            var decision = BaselineEvaluator.Evaluate(PredefinedBaselines.ForOperatingSystem(os), patch.Info, Now);
            Assert.True(approved == decision.Approved, $"{os} {advisory} {name}: {decision.Reason}");
        }
    }

    [Theory]
    [InlineData("UBUNTU")]
    [InlineData("DEBIAN")]
    public void AptDefaultBaseline_ApprovesExactlyTheSecurityPocket(string os)
    {
        var baseline = PredefinedBaselines.ForOperatingSystem(os);
        var evaluation = new BaselineEvaluation(baseline, Now);

        foreach (var patch in Catalogs.Value.ForOperatingSystem(os))
        {
            var security = patch.Info.Repository.EndsWith("-security", StringComparison.Ordinal);
            Assert.True(security == evaluation.Evaluate(patch.Info).Approved, $"{patch.Id} from {patch.Info.Repository}");
        }
    }

    [Fact]
    public void DebianCatalog_ListsRealBookwormSecurityPackages_WithoutReleaseDatesOnTheWire()
    {
        var debian = Catalogs.Value.ForOperatingSystem("DEBIAN");

        Assert.Contains(debian, p => p.Info.Name == "libssl3" && p.Info.Repository == "bookworm-security" && p.Info.Version.Contains("deb12u", StringComparison.Ordinal));
        Assert.All(debian, p => Assert.NotEmpty(p.Info.Priority));
        var wire = System.Text.Json.JsonSerializer.SerializeToElement(Ssm.PatchOperations.ToWire(debian[0]));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, wire.GetProperty("ReleaseDate").ValueKind);
    }

    [Theory]
    [InlineData("365", true, 365, 365)]
    [InlineData("30-400", true, 30, 400)]
    [InlineData("0", true, 0, 0)]
    [InlineData("400-30", false, 0, 0)]   // MIN above MAX
    [InlineData("5000", false, 0, 0)]     // beyond 3650
    [InlineData("-3", false, 0, 0)]
    [InlineData("ten", false, 0, 0)]
    public void AgeRange_ParsesADayCountOrASpread(string text, bool valid, int min, int max)
    {
        Assert.Equal(valid, AgeRange.TryParse(text, out var lo, out var hi));
        if (valid)
        {
            Assert.Equal((min, max), (lo, hi));
        }
    }

    [Fact]
    public async Task Launch_RefusesAnUnknownOs_ListingTheValidFlavours()
    {
        _emu = await EmulatorFixture.StartAsync(configure: o => o with { UseDocker = true, Runtime = "process" });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => _emu.Lab.LaunchAsync(new FleetLaunchRequest { Os = "Windows95" },
            new Progress<FleetLaunchProgress>(_ => { }), CancellationToken.None));

        Assert.Contains("Unknown OS 'Windows95'. Valid flavours: AmazonLinux2, AmazonLinux2023, Ubuntu2204, Debian12, WindowsServer2022.", error.Message, StringComparison.Ordinal);
    }

    [AgentFact]
    public async Task ProcessRuntime_EachFlavour_ReportsItsPlatform_AndScansItsOwnCatalog()
    {
        _emu = await EmulatorFixture.StartAsync(speed: 600, configure: o => o with { UseDocker = true, Runtime = "process" });
        var flavours = OsFlavor.All.Where(f => f != OsFlavor.AmazonLinux2).ToList();
        var ids = new Dictionary<string, OsFlavor>();
        foreach (var flavour in flavours)
        {
            var progress = new List<FleetLaunchProgress>();
            var last = await _emu.Lab.LaunchAsync(new FleetLaunchRequest { Count = 1, Os = flavour.Name, AgeDays = 400, NamePrefix = flavour.Name.ToLowerInvariant() },
                new SyncProgress<FleetLaunchProgress>(progress.Add), CancellationToken.None);
            Assert.True(last.Stage == "done" && last.Done == 1, $"{flavour.Name}: {last.Stage} {last.Message}");
            ids[progress.Single(p => p.Stage == "launched").InstanceId!] = flavour;
        }

        var info = (await _emu.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList.ToDictionary(i => i.InstanceId);
        foreach (var (id, flavour) in ids)
        {
            Assert.Equal((flavour.PlatformType, flavour.PlatformName, flavour.PlatformVersion), (info[id].PlatformType.Value, info[id].PlatformName, info[id].PlatformVersion));
        }

        var sent = await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunPatchBaseline", InstanceIds = [.. ids.Keys], Parameters = new() { ["Operation"] = ["Scan"] },
        });
        foreach (var (id, flavour) in ids)
        {
            var step = flavour.IsWindows ? "PatchWindows" : "PatchLinux";
            var skipped = flavour.IsWindows ? "PatchLinux" : "PatchWindows";
            var run = await _emu!.WaitForPluginAsync(sent.Command.CommandId, id, step);
            Assert.True(run.Status == CommandInvocationStatus.Success, $"{flavour.Name}: {run.Status} {run.StandardOutputContent} {run.StandardErrorContent}");
            var product = Catalogs.Value.ProductOf(flavour.Name);
            Assert.Contains($"Product: {product}", run.StandardOutputContent, StringComparison.Ordinal);
            // On Windows the skipped PatchLinux step comes after PatchWindows: wait for it too.
            var other = await _emu.WaitForPluginAsync(sent.Command.CommandId, id, skipped);
            Assert.Equal(
                $"Step execution skipped due to unsatisfied preconditions: '\"StringEquals\": [platformType, {(flavour.IsWindows ? "Linux" : "Windows")}]'. Step name: {skipped}",
                other.StandardOutputContent.Trim());
        }

        var states = (await _emu.Ssm.DescribeInstancePatchStatesAsync(new DescribeInstancePatchStatesRequest { InstanceIds = [.. ids.Keys] }))
            .InstancePatchStates.ToDictionary(s => s.InstanceId);
        foreach (var (id, flavour) in ids)
        {
            var state = states[id];
            Assert.Equal(PredefinedBaselines.ForOperatingSystem(flavour.OperatingSystem).BaselineId, state.BaselineId);
            Assert.True(state.MissingCount > 0, $"{flavour.Name} 400 days behind should miss approved patches");
            var patches = await _emu.AllPatchesAsync(id);
            var missing = patches.Where(p => p.State == PatchComplianceDataState.MISSING).ToList();
            Assert.Equal(state.MissingCount, missing.Count);
            if (flavour.IsWindows)
            {
                // KBs, not components; superseded cumulative updates are not listed.
                Assert.All(patches, p => Assert.Matches(@"^KB\d+$", p.KBId));
                Assert.Single(missing, p => p.Title.Contains("Cumulative Update for Microsoft server operating system", StringComparison.Ordinal));
            }
            else
            {
                // Every Missing patch is a package version of this OS's catalog.
                var catalog = Catalogs.Value.ForOperatingSystem(flavour.OperatingSystem);
                Assert.All(missing, p => Assert.Contains(catalog, c => p.KBId == $"{c.Info.Name}.{c.Info.Arch}"));
            }
        }
    }
}
