using PatchLab.Emulator.Cli;

namespace PatchLab.Labs.Tests;

/// <summary>`patchlab lab …` is wired into the command line with its exit codes.</summary>
[Collection("headless-runs")]
public sealed class LabCliTests
{
    [Fact]
    public async Task LabValidate_ExitsZeroForAFixture_AndTwoForAnInvalidFile()
    {
        var good = Path.Combine(FixtureLabTests.RepoRoot(), "fixtures", "labs", "seed-weekly-production", "lab.yaml");
        Assert.Equal(0, await PatchLabCli.RunAsync(["lab", "validate", good]));
        using var bad = new TempLab("name: bad-lab\nclock: {start: 2026-11-29T00:00:00Z}\nuntil: 2026-11-30T00:00:00Z\nwindow: []\n");
        Assert.Equal(HeadlessLabRun.InvalidLab, await PatchLabCli.RunAsync(["lab", "validate", bad.File]));
    }

    [Fact]
    public async Task LabRun_WithoutHeadless_IsRefused_PointingAtLabStart() =>
        Assert.Equal(HeadlessLabRun.InvalidLab, await PatchLabCli.RunAsync(["lab", "run", "whatever.yaml"]));
}
