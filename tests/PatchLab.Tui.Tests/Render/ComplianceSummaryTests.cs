using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class ComplianceSummaryTests
{
    private static readonly InstanceItem[] Fleet =
    [
        new() { InstanceId = "i-1", Name = "web-1", PatchGroup = "web", Compliance = "NON_COMPLIANT" },
        new() { InstanceId = "i-2", Name = "web-2", PatchGroup = "web", Compliance = "COMPLIANT" },
        new() { InstanceId = "i-3", Name = "web-3", PatchGroup = "web" },
        new() { InstanceId = "i-4", Name = "db-1", PatchGroup = "" },
    ];

    private static ComplianceData Data(params PatchItem[] patches) => new(
        new Section<PatchStateItem>(
        [
            new PatchStateItem { InstanceId = "i-1", PatchGroup = "web", Missing = 2, Failed = 1 },
            new PatchStateItem { InstanceId = "i-2", PatchGroup = "web" },
            new PatchStateItem { InstanceId = "i-4", PatchGroup = "", InstalledPendingReboot = 1 },
        ]),
        new Section<PatchItem>(patches));

    private static string[] Text(IReadOnlyList<StyledLine> lines) => [.. lines.Select(l => l.Text)];

    [Fact]
    public void Build_DrawsOneBarPerPatchGroup_FromThePatchStates()
    {
        string[] lines = Text(ComplianceSummary.Build(Fleet, Data(), 78, 20));

        Assert.StartsWith("BY PATCH GROUP  █ compliant ▓ non-compliant ░ unreported", lines[0]);
        // names padded to the longest, "(no group)"; the bar gets what the counts leave: 78 - 11 - 47 = 20 cells,
        // a third each, the leftover to the first ones
        Assert.Equal("web        " + new string('█', 7) + new string('▓', 7) + new string('░', 6) + " 1/3 compliant · 1 non-compliant · 1 unreported", lines[1]);
        // a pending reboot is non-compliant; instances without a group come last
        Assert.Equal("(no group) " + new string('▓', 20) + " 0/1 compliant · 1 non-compliant", lines[2]);
    }

    [Fact]
    public void Build_DrawsOneBarPerSeverity_MostSevereFirst()
    {
        ComplianceData data = Data(
            new PatchItem { InstanceId = "i-1", Severity = "Low", State = "Missing" },
            new PatchItem { InstanceId = "i-1", Severity = "Critical", State = "Missing" },
            new PatchItem { InstanceId = "i-1", Severity = "Critical", State = "Failed" },
            new PatchItem { InstanceId = "i-4", Severity = "Critical", State = "Missing" },
            new PatchItem { InstanceId = "i-4", Severity = "", State = "Missing" });

        string[] lines = Text(ComplianceSummary.Build(Fleet, data, 78, 20));

        int at = Array.FindIndex(lines, l => l.StartsWith("BY SEVERITY", StringComparison.Ordinal));
        // bars scaled to the largest (3 patches): 78 - 11 - 20 = 40 → ceiling 40 cells; 2 missing █, 1 failed ▓
        Assert.Equal("Critical    " + new string('█', 27) + new string('▓', 13) + " 3 (2)", lines[at + 1]);
        Assert.Equal("Low         " + new string('█', 13) + new string('·', 27) + " 1 (1)", lines[at + 2]);
        Assert.StartsWith("Unspecified █", lines[at + 3]);
    }

    [Fact]
    public void Build_SaysSo_WhenNothingIsMissing() =>
        Assert.Equal("No missing or failed patches.", Text(ComplianceSummary.Build(Fleet, Data(), 78, 20))[^1]);

    [Fact]
    public void Build_FallsBackToTheOverview_WhenThePatchStatesAreNotAvailable()
    {
        var data = new ComplianceData(
            new Section<PatchStateItem>([], "not available yet: the emulator does not implement DescribeInstancePatchStates"),
            new Section<PatchItem>([], "not available yet: the emulator does not implement DescribeInstancePatchStates"));

        string[] lines = Text(ComplianceSummary.Build(Fleet, data, 200, 20));

        Assert.Contains("from the overview (not available yet", lines[0]);
        Assert.EndsWith("░ 1/3 compliant · 1 non-compliant · 1 unreported", lines[1]);
        Assert.Equal("not available yet: the emulator does not implement DescribeInstancePatchStates", lines[^1]);
    }

    [Fact]
    public void Build_SaysItIsLoading_BeforeTheFirstRead()
    {
        string[] lines = Text(ComplianceSummary.Build(Fleet, null, 100, 20));

        Assert.Contains("loading patch states…", lines[0]);
        Assert.Equal("loading patches…", lines[^1]);
    }

    [Fact]
    public void Build_StaysWithinTheLinesAndColumnsGiven()
    {
        IReadOnlyList<StyledLine> lines = ComplianceSummary.Build(Fleet, Data(), 40, 3);

        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.True(l.Text.Length <= 40, l.Text));
    }
}
