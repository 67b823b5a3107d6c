using PatchLab.Domain.Baselines;
using PatchLab.Emulator.Backend;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// UpdatePatchBaseline without Replace changes only the fields a request names. Two requests on one baseline at once (two
/// operators, a script and the TUI) must both take effect: neither may write back a copy read before the other stored.
/// </summary>
public sealed class BaselineUpdateRaceTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task TwoUpdatesOfDifferentFields_AtOnce_BothStick()
    {
        var backend = _emu.Get<PatchBaselineBackend>();
        var ids = Enumerable.Range(0, 40).Select(n => backend.Create(new PatchBaseline
        {
            BaselineId = "", Name = $"race-{n}", OperatingSystem = "AMAZON_LINUX_2", ApprovedPatches = ["openssl"],
        }, null, new Dictionary<string, string>()).BaselineId).ToList();

        // One request sets the description, the other the approved patches, released together.
        foreach (var id in ids)
        {
            using var start = new Barrier(2);
            await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); backend.Update(id, b => b with { Description = "described " + id }); }),
                Task.Run(() => { start.SignalAndWait(); backend.Update(id, b => b with { ApprovedPatches = ["openssl", "sudo"] }); }));
        }

        var lost = ids.Select(id => backend.Require(id))
            .Where(b => b.Description != "described " + b.BaselineId || !b.ApprovedPatches.SequenceEqual(["openssl", "sudo"]))
            .Select(b => $"{b.BaselineId}: Description={b.Description ?? "(none)"}, ApprovedPatches={string.Join(",", b.ApprovedPatches)}")
            .ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {ids.Count} baselines lost one of two updates made at once:\n{string.Join('\n', lost)}");
    }
}
