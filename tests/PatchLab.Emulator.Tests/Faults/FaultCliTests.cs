using PatchLab.Contracts.Lab;
using PatchLab.Domain.Model;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests.Faults;

/// <summary>
/// `patchlab fault inject|list|clear` as a user types it: the real patchlab binary against a running emulator with a fake
/// fleet (scripted agents, no Docker). Exit codes: 0 done, 1 the emulator refused or nothing was done, 2 a usage error.
/// </summary>
public sealed class FaultCliTests : IAsyncLifetime
{
    private readonly FakeFleet _fleet = new();
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync()
    {
        _emu = await EmulatorFixture.StartAsync(configure: o => o with { Fleet = _fleet });
        _fleet.Endpoint = _emu.Endpoint;
    }

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        await _emu.DisposeAsync();
    }

    private Task<(int Exit, string Stdout, string Stderr)> PatchLabAsync(params string[] args) =>
        CliRunner.RunAsync("dotnet", new[] { typeof(EmulatorHost).Assembly.Location }.Concat(args).Concat(["--endpoint", _emu.Endpoint.ToString()]));

    private async Task<List<string>> LaunchAsync(int count) =>
        (await _emu.LaunchAsync(new FleetLaunchRequest { Count = count, NamePrefix = "web", Tags = new() { ["Environment"] = "Production" } })).Ids;

    private static string FaultIdOf(string line) => line.Split(' ', 2)[0];

    [Fact]
    public async Task Inject_List_Clear_PrintOneLinePerFault_AndTheLabApiSeesTheSameFaults()
    {
        var ids = await LaunchAsync(3);

        var byName = await PatchLabAsync("fault", "inject", "patch-install-failure", "--target", "web-2", "--patch", "openssl");
        var seeded = await PatchLabAsync("fault", "inject", "disk-full", "--target", "tag:Environment=Production", "--random", "2", "--seed", "7");
        var later = await PatchLabAsync("fault", "inject", "slow-reboot", "--target", ids[0], "--at", "2099-01-01T02:00:00Z", "--duration", "1h30m");

        Assert.True(byName.Exit == 0, byName.Stderr);
        Assert.Matches($@"^flt-[0-9a-f]+  patch-install-failure +active +{ids[1]} patch=openssl since \d{{4}}-\d\d-\d\dT", byName.Stdout.Trim());
        Assert.True(seeded.Exit == 0, seeded.Stderr);
        // The seeded choice is the API's: the same seed and fleet always pick the same two.
        var chosen = PatchLab.Emulator.Faults.FaultTargets.Resolve(_emu.Get<Storage.InstanceRepository>().List(), ["tag:Environment=Production"], 2, 7);
        Assert.Contains($" active    {string.Join(",", chosen)} random=2 seed=7 since ", seeded.Stdout, StringComparison.Ordinal);
        Assert.True(later.Exit == 0, later.Stderr);
        Assert.Matches(@"^flt-[0-9a-f]+  slow-reboot +scheduled - duration=1h30m at 2099-01-01T02:00:00Z$", later.Stdout.Trim());

        var cleared = await PatchLabAsync("fault", "clear", FaultIdOf(byName.Stdout));
        var list = await PatchLabAsync("fault", "list");

        Assert.True(cleared.Exit == 0, cleared.Stderr);
        Assert.Matches($@"^{FaultIdOf(byName.Stdout)}  patch-install-failure +ended +{ids[1]} patch=openssl ended ", cleared.Stdout.Trim());
        Assert.True(list.Exit == 0, list.Stderr);
        var lines = list.Stdout.Trim().Split('\n');
        Assert.Equal([FaultIdOf(byName.Stdout), FaultIdOf(seeded.Stdout), FaultIdOf(later.Stdout)], lines.Select(FaultIdOf));
        var api = (await _emu.Lab.ListFaultsAsync(CancellationToken.None)).Faults;
        Assert.Equal([FaultStates.Ended, FaultStates.Active, FaultStates.Scheduled], api.Select(f => f.State));
        Assert.Equal(TimeSpan.FromMinutes(90), api[2].Spec.Duration);
    }

    [Fact]
    public async Task Inject_AnUnknownKind_IsAUsageError_ListingTheSixKinds_AndStoresNothing()
    {
        var (exit, stdout, stderr) = await PatchLabAsync("fault", "inject", "network-partition");

        Assert.Equal(2, exit);
        Assert.Contains("Argument 'network-partition' not recognized. Must be one of:", stderr, StringComparison.Ordinal);
        Assert.All(FaultApi.Kinds, k => Assert.Contains($"'{k}'", stderr, StringComparison.Ordinal));
        Assert.DoesNotContain("flt-", stdout, StringComparison.Ordinal);
        Assert.Empty((await _emu.Lab.ListFaultsAsync(CancellationToken.None)).Faults);
    }

    [Fact]
    public async Task Inject_WithABadTarget_IsRefusedByTheEmulator_WithTheValidForm()
    {
        await LaunchAsync(1);

        var tag = await PatchLabAsync("fault", "inject", "disk-full", "--target", "tag:Environment");
        var empty = await PatchLabAsync("fault", "inject", "disk-full", "--target", " ");
        var engine = await PatchLabAsync("fault", "inject", "engine-restart", "--target", "web-1");

        Assert.Equal((1, "error (ValidationException): Target 'tag:Environment' must be tag:Key=Value, e.g. tag:Environment=Production."), (tag.Exit, tag.Stderr.Trim()));
        Assert.Equal(1, empty.Exit);
        Assert.Contains("error (ValidationException): Targets entries must be an instance id (i-...), a Name tag value or tag:Key=Value", empty.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, engine.Exit);
        Assert.Contains("engine-restart restarts the whole instance runtime: Targets and Random must be left out.", engine.Stderr, StringComparison.Ordinal);
        Assert.Empty((await _emu.Lab.ListFaultsAsync(CancellationToken.None)).Faults);
    }

    [Fact]
    public async Task Inject_ATargetThatMatchesNoInstance_ExitsOne_AndSaysNothingWasDone()
    {
        await LaunchAsync(1);

        var (exit, stdout, stderr) = await PatchLabAsync("fault", "inject", "disk-full", "--target", "db-9");

        Assert.Equal(1, exit);
        Assert.Matches(@"^flt-[0-9a-f]+  disk-full +ended +- ended ", stdout.Trim());
        Assert.Contains($"error: fault {FaultIdOf(stdout)} ended at once without hitting any instance: no instance matched db-9", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inject_WithAnUnparsableDurationOrTime_IsAUsageError_NamingTheValidForm()
    {
        var duration = await PatchLabAsync("fault", "inject", "offline", "--duration", "5 minutes");
        var at = await PatchLabAsync("fault", "inject", "offline", "--at", "next sunday");
        var random = await PatchLabAsync("fault", "inject", "offline", "--random", "0");

        Assert.Equal((2, "error: --duration '5 minutes' is not a duration; e.g. 90s, 10m, 2h, 1h30m"), (duration.Exit, duration.Stderr.Trim()));
        Assert.Equal(2, at.Exit);
        Assert.Contains("--at 'next sunday' is not a time; use ISO-8601, e.g. --at 2026-03-01T02:00:00Z", at.Stderr, StringComparison.Ordinal);
        Assert.Equal((1, "error (ValidationException): Random must be at least 1 (how many of the matching instances to pick), got 0."), (random.Exit, random.Stderr.Trim()));
        Assert.Empty((await _emu.Lab.ListFaultsAsync(CancellationToken.None)).Faults);
    }

    [Fact]
    public async Task Clear_WithoutAnId_IsAUsageError_AndAnUnknownIdDoesNotExist()
    {
        var missing = await PatchLabAsync("fault", "clear");
        var unknown = await PatchLabAsync("fault", "clear", "flt-0123456789abcdef0");

        Assert.Equal(2, missing.Exit);
        Assert.Contains("Required argument missing for command: 'clear'.", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("<fault-id>  Fault id (flt-…)", missing.Stdout + missing.Stderr, StringComparison.Ordinal);
        Assert.Equal((1, "error (DoesNotExistException): Fault flt-0123456789abcdef0 does not exist."), (unknown.Exit, unknown.Stderr.Trim()));
    }

    [Fact]
    public async Task List_WhenTheEmulatorIsNotRunning_SaysHowToStartIt()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("dotnet", [typeof(EmulatorHost).Assembly.Location, "fault", "list", "--endpoint", "http://127.0.0.1:9"]);

        Assert.Equal(1, exit);
        Assert.Contains("error: cannot reach the emulator at http://127.0.0.1:9/", stderr, StringComparison.Ordinal);
        Assert.Contains("Start it with `patchlab serve` or `patchlab up`.", stderr, StringComparison.Ordinal);
    }
}
