using PatchLab.Contracts.Lab;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>`fleet launch --age-days MIN-MAX`: a seeded spread of ages, so a fleet starts realistically uneven.</summary>
public sealed class AgeSpreadTests : IAsyncLifetime
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

    private async Task<List<int>> LaunchAsync(string prefix, int seed, int? max)
    {
        var progress = new List<FleetLaunchProgress>();
        var last = await _emu.Lab.LaunchAsync(new FleetLaunchRequest { Count = 8, Os = "Ubuntu2204", NamePrefix = prefix, AgeDays = 30, AgeDaysMax = max, AgeSeed = seed },
            new SyncProgress<FleetLaunchProgress>(progress.Add), CancellationToken.None);
        Assert.Equal("done", last.Stage);
        var repo = _emu.Get<InstanceRepository>();
        // Instances launch a few at a time, but "launched" is reported in name order with a running count.
        var launched = progress.Where(p => p.Stage == "launched").ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"{prefix}-{n}"), launched.Select(p => repo.Get(p.InstanceId!)!.Name));
        Assert.Equal(Enumerable.Range(1, 8), launched.Select(p => p.Done));
        return [.. launched.Select(p => repo.Get(p.InstanceId!)!.AgeDays)];
    }

    [Fact]
    public async Task Launch_SpreadsAgesWithinTheRange_AndTheSameSeedGivesTheSameAges()
    {
        var first = await LaunchAsync("spread-a", seed: 7, max: 400);
        var again = await LaunchAsync("spread-b", seed: 7, max: 400);
        var other = await LaunchAsync("spread-c", seed: 8, max: 400);
        var fixedAge = await LaunchAsync("fixed", seed: 7, max: null);

        Assert.All(first, a => Assert.InRange(a, 30, 400));
        Assert.True(first.Distinct().Count() > 1, $"a spread, got {string.Join(",", first)}");
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(fixedAge, a => Assert.Equal(30, a));
    }

    [Fact]
    public async Task Launch_RefusesARangeUpsideDown()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => _emu.Lab.LaunchAsync(new FleetLaunchRequest { Os = "Debian12", AgeDays = 400, AgeDaysMax = 30 },
            new Progress<FleetLaunchProgress>(_ => { }), CancellationToken.None));
        Assert.Contains("AgeDaysMax must be from AgeDays (400) to 3650, got 30.", e.Message, StringComparison.Ordinal);
    }
}
