using System.Net;
using System.Text;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Faults;
using PatchLab.Storage;

namespace PatchLab.Emulator.Tests.Faults;

/// <summary>
/// Issue 7 through the lab HTTP API on a fake fleet (scripted agents): bad specs are refused with the field and the valid
/// values, faults persist across an emulator restart, start and end on the lab clock, and every start and end is an event.
/// </summary>
public sealed class FaultApiTests : IAsyncLifetime
{
    private readonly FakeFleet _fleet = new();
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync()
    {
        _emu = await EmulatorFixture.StartAsync(configure: o => o with { Fleet = _fleet, AgentSilenceGrace = TimeSpan.FromSeconds(1) });
        _fleet.Endpoint = _emu.Endpoint;
    }

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        await _emu.DisposeAsync();
    }

    private async Task<List<string>> LaunchAsync(int count, string env)
    {
        var (last, ids) = await _emu.LaunchAsync(new FleetLaunchRequest { Count = count, Tags = new() { ["Environment"] = env }, NamePrefix = env.ToLowerInvariant() });
        Assert.Equal("done", last.Stage);
        return ids;
    }

    private async Task<FaultDto> WaitStateAsync(string faultId, string state)
    {
        FaultDto? last = null;
        for (var i = 0; i < 200; i++)
        {
            last = (await _emu.Lab.ListFaultsAsync(CancellationToken.None)).Faults.Single(f => f.FaultId == faultId);
            if (last.State == state)
            {
                return last;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{faultId} stayed {last?.State}");
    }

    private async Task JumpAsync(TimeSpan by)
    {
        var clock = await _emu.Lab.GetClockAsync(CancellationToken.None);
        await _emu.Lab.ChangeClockAsync(new ClockChangeRequest { JumpTo = clock.Now + by }, CancellationToken.None);
    }

    private List<string> FaultEvents() => [.. _emu.Get<EventRepository>().Latest(10_000).Where(e => e.Kind == "fault").Select(e => e.Message)];

    [Theory]
    // field named, valid values listed
    [InlineData("""{"Kind":"meteor"}""", "Kind 'meteor' is not a fault kind. Valid kinds: patch-install-failure, agent-crash, offline, slow-reboot, disk-full, engine-restart.")]
    [InlineData("""{"kind":"offline","random":0}""", "Random must be at least 1")]
    [InlineData("""{"targets":["web-1"]}""", "Kind is required. Valid kinds: patch-install-failure, agent-crash, offline, slow-reboot, disk-full, engine-restart.")]
    [InlineData("""{"Kind":"offline","Duration":"-00:05:00"}""", "Duration must be more than 0 and at most 30 days")]
    [InlineData("""{"Kind":"offline","Patch":"bash"}""", "Patch applies to patch-install-failure only, not to offline.")]
    [InlineData("""{"Kind":"slow-reboot"}""", "slow-reboot needs Duration")]
    [InlineData("""{"Kind":"engine-restart","Targets":["web-1"]}""", "engine-restart restarts the whole instance runtime: Targets and Random must be left out.")]
    [InlineData("""{"Kind":"disk-full","Targets":["tag:Environment"]}""", "Target 'tag:Environment' must be tag:Key=Value")]
    [InlineData("""{"Kind":"disk-full","Targets":[""]}""", "Targets entries must be an instance id")]
    public async Task Inject_RefusesABadSpec_With400NamingTheFieldAndTheValidValues(string body, string message)
    {
        using var http = new HttpClient();
        using var resp = await http.PostAsync(new Uri(_emu.Endpoint, FaultApi.Faults), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        var error = System.Text.Json.JsonSerializer.Deserialize(await resp.Content.ReadAsStringAsync(), Contracts.PatchLabJsonContext.Default.LabError)!;
        Assert.Equal("ValidationException", error.Type);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Empty((await _emu.Lab.ListFaultsAsync(CancellationToken.None)).Faults);
    }

    [Fact]
    public async Task Inject_RefusesMalformedJson_AndClearOfAnUnknownFaultSaysItDoesNotExist()
    {
        using var http = new HttpClient();
        using var resp = await http.PostAsync(new Uri(_emu.Endpoint, FaultApi.Faults), new StringContent("{\"Kind\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        Assert.Contains("SerializationException", await resp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<LabApiException>(() => _emu.Lab.ClearFaultAsync("flt-00000000000000000", CancellationToken.None));
        Assert.Equal("DoesNotExistException", e.Code);
        Assert.Equal("Fault flt-00000000000000000 does not exist.", e.Message);
    }

    [Fact]
    public async Task PatchInstallFailure_StartsNow_OnTheTargets_AndEndsWhenItsDurationIsUp()
    {
        var prod = await LaunchAsync(2, "Production");
        var staging = await LaunchAsync(1, "Staging");
        var f = await _emu.Lab.InjectFaultAsync(new FaultSpec
        {
            Kind = FaultApi.PatchInstallFailure, Targets = ["tag:Environment=Production"], Patch = "openssl", Duration = TimeSpan.FromHours(1),
        }, CancellationToken.None);

        Assert.Equal(FaultStates.Active, f.State);
        Assert.Equal(prod.Order(StringComparer.Ordinal), f.InstanceIds);
        var holds = _emu.Get<FaultHolds>();
        Assert.Equal(["openssl"], holds.InstallFaultsFor(prod[0])!.FailPatches);
        Assert.Null(holds.InstallFaultsFor(staging[0]));
        Assert.Contains(FaultEvents(), m => m.StartsWith($"Fault {f.FaultId} (patch-install-failure) started on ", StringComparison.Ordinal) && m.Contains("patch openssl", StringComparison.Ordinal));

        await JumpAsync(TimeSpan.FromMinutes(61));
        var ended = await WaitStateAsync(f.FaultId, FaultStates.Ended);
        Assert.NotNull(ended.EndedAt);
        Assert.Null(holds.InstallFaultsFor(prod[0]));
        Assert.Contains(FaultEvents(), m => m.StartsWith($"Fault {f.FaultId} (patch-install-failure) ended (duration over)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScheduledFault_SurvivesAnEmulatorRestart_AndStartsOnTheLabClock_ResolvingTargetsThen()
    {
        var ids = await LaunchAsync(3, "Production");
        var at = (await _emu.Lab.GetClockAsync(CancellationToken.None)).Now.AddHours(2);
        var f = await _emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.DiskFull, Random = 2, Seed = 7, At = at }, CancellationToken.None);
        Assert.Equal(FaultStates.Scheduled, f.State);
        Assert.Empty(f.InstanceIds);

        // The emulator dies; a new one on the same state directory still has the fault.
        var stateDir = _emu.StateDirectory;
        await _emu.StopAsync();
        _emu = await EmulatorFixture.StartAsync(stateDir: stateDir, configure: o => o with { Fleet = _fleet, AgentSilenceGrace = TimeSpan.FromSeconds(1) });
        _fleet.Endpoint = _emu.Endpoint;
        var listed = (await _emu.Lab.ListFaultsAsync(CancellationToken.None)).Faults.Single();
        Assert.Equal((f.FaultId, FaultStates.Scheduled, 2, 7), (listed.FaultId, listed.State, listed.Spec.Random, listed.Spec.Seed));

        await JumpAsync(TimeSpan.FromHours(2));
        var started = await WaitStateAsync(f.FaultId, FaultStates.Active);
        Assert.Equal(FaultTargets.Resolve(_emu.Get<InstanceRepository>().List(), [], 2, 7), started.InstanceIds);
        Assert.Equal(2, started.InstanceIds.Count);
        Assert.All(started.InstanceIds, id => Assert.Contains(id, ids));
        Assert.True(_emu.Get<FaultHolds>().InstallFaultsFor(started.InstanceIds[0])!.DiskFull);

        // Until cleared (no Duration): clear ends it, and clearing again changes nothing.
        var cleared = await _emu.Lab.ClearFaultAsync(f.FaultId, CancellationToken.None);
        Assert.Equal(FaultStates.Ended, cleared.State);
        Assert.Equal(cleared.EndedAt, (await _emu.Lab.ClearFaultAsync(f.FaultId, CancellationToken.None)).EndedAt);
        Assert.Null(_emu.Get<FaultHolds>().InstallFaultsFor(started.InstanceIds[0]));
        var events = FaultEvents();
        Assert.Contains(events, m => m.StartsWith($"Fault {f.FaultId} (disk-full) scheduled for ", StringComparison.Ordinal));
        Assert.Contains(events, m => m.StartsWith($"Fault {f.FaultId} (disk-full) ended (cleared)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RuntimeFaults_EndAtOnceWithAnEvent_WhenTheRuntimeCannotInjectThem()
    {
        // The fake runtime implements IFleet only: an offline fault cannot pause anything, and says so.
        var ids = await LaunchAsync(1, "Production");
        var f = await _emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.Offline, Targets = [ids[0]] }, CancellationToken.None);
        Assert.Equal(FaultStates.Ended, f.State);
        Assert.Contains(FaultEvents(), m => m.StartsWith($"Fault {f.FaultId} (offline) could not start: no instance runtime supports it", StringComparison.Ordinal));

        var none = await _emu.Lab.InjectFaultAsync(new FaultSpec { Kind = FaultApi.DiskFull, Targets = ["no-such-name"] }, CancellationToken.None);
        Assert.Equal(FaultStates.Ended, none.State);
        Assert.Contains(FaultEvents(), m => m == $"Fault {none.FaultId} (disk-full) matched no instance (targets no-such-name): nothing to do");
    }
}
