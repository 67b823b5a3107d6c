using PatchLab.Contracts.Lab;
using PatchLab.Tui.Tests.Fakes;
using PatchLab.Tui.Views;
using Terminal.Gui.Input;

namespace PatchLab.Tui.Tests.Views;

/// <summary>Issue 7: the <c>:fault</c> command injects faults on the marked or selected instances; read-only dashboards refuse it.</summary>
[Collection(TerminalCollection.Name)]
public sealed class FaultPromptTests
{
    [Theory]
    // kind only; kind + duration; patch-install-failure takes a patch too, in either order
    [InlineData(":fault offline", "offline", null, null)]
    [InlineData("fault offline 10m", "offline", "00:10:00", null)]
    [InlineData(":fault patch-install-failure openssl 1h30m", "patch-install-failure", "01:30:00", "openssl")]
    [InlineData(":fault patch-install-failure 2h kernel", "patch-install-failure", "02:00:00", "kernel")]
    public void Parse_ReadsKindDurationAndPatch(string text, string kind, string? duration, string? patch)
    {
        (FaultSpec? spec, string? error) = FaultPrompt.Parse(text);
        Assert.Null(error);
        Assert.Equal((kind, duration, patch), (spec!.Kind, spec.Duration?.ToString(), spec.Patch));
    }

    [Theory]
    [InlineData(":fault", "which fault?")]
    [InlineData(":fault meteor", "unknown fault kind 'meteor'")]
    [InlineData(":fault offline soon", "'soon' is neither a duration")]
    public void Parse_SaysWhatIsWrong_WithTheUsage(string text, string start)
    {
        (FaultSpec? spec, string? error) = FaultPrompt.Parse(text);
        Assert.Null(spec);
        Assert.StartsWith(start, error, StringComparison.Ordinal);
        Assert.EndsWith(FaultPrompt.Usage, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FaultCommand_InjectsOnTheMarkedInstances_AndFlashesTheFault()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(data: data);
        ui.Press(' '); // mark web-1, down to web-2
        ui.Press(' '); // mark web-2

        ui.Press(':');
        ui.Type("fault offline 10m");
        ui.Press(Key.Enter);

        FaultSpec spec = Assert.Single(data.Faults);
        Assert.Equal((FaultApi.Offline, TimeSpan.FromMinutes(10)), (spec.Kind, spec.Duration));
        Assert.Equal([LabFixture.Web1, LabFixture.Web2], spec.Targets);
        Assert.Contains("✓ fault flt-00000000000000001 (offline) active on web-1, web-2", ui.Screen);
    }

    [Fact]
    public void FaultCommand_UsesTheSelectedInstance_WhenNothingIsMarked_AndEngineRestartNeedsNone()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(data: data);
        ui.Press(Key.CursorDown);
        ui.Press(':');
        ui.Type("fault patch-install-failure openssl");
        ui.Press(Key.Enter);
        ui.Press(':');
        ui.Type("fault engine-restart");
        ui.Press(Key.Enter);

        Assert.Equal([(FaultApi.PatchInstallFailure, "openssl", LabFixture.Web2), (FaultApi.EngineRestart, null, null)],
            data.Faults.Select(f => (f.Kind, f.Patch, f.Targets.SingleOrDefault())));
        Assert.Contains("(engine-restart) active on every instance", ui.Screen);
    }

    [Fact]
    public void FaultCommand_IsRefused_InReadOnlyMode()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(readOnly: true, data: data);
        ui.Press(':');
        ui.Type("fault offline");
        ui.Press(Key.Enter);

        Assert.Empty(data.Faults);
        Assert.Contains("✗ read-only dashboard: faults cannot be injected", ui.Screen);
    }
}
