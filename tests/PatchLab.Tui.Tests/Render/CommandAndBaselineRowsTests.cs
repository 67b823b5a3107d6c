using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using PatchLab.Tui.Tests.Fakes;

namespace PatchLab.Tui.Tests.Render;

/// <summary>The Commands and Baselines renderers as pure functions.</summary>
public sealed class CommandAndBaselineRowsTests
{
    private readonly FakeSsmConsole _ssm = new();

    [Fact]
    public void CommandRows_OneRowPerCommand_KeyedByCommandId_WithCounts()
    {
        TableRows rows = CommandRows.Build(_ssm.Commands);

        Assert.Equal([LabFixture.Command1, FakeSsmConsole.Command2], rows.Rows.Select(r => r.Key));
        Assert.Equal("c2c2c2c2", rows.Cell(1, "COMMAND"));
        Assert.Equal("Failed", rows.Cell(1, "STATUS"));
        Assert.Equal("1", rows.Cell(1, "ERRORS"));
        Assert.Equal("2", rows.Cell(0, "TARGETS"));
        Assert.Equal("1", rows.Cell(0, "DONE"));
        Assert.Equal("12-06 01:57:13", rows.Cell(0, "REQUESTED"));
        Assert.Equal("patch-weekly", rows.Cell(0, "COMMENT"));
    }

    [Fact]
    public void CommandRows_Invocations_ListEachPlugin_AndTheLastOutputLine()
    {
        TableRows rows = CommandRows.Invocations(_ssm.Invocations(LabFixture.Command1));

        Assert.Equal("ConfigureStep:Success PatchLinux:Success", rows.Cell(0, "PLUGINS"));
        Assert.Equal("Installed 3 patches", rows.Cell(0, "OUTPUT"));
        Assert.Equal("-", rows.Cell(1, "OUTPUT")); // nothing yet
    }

    [Theory]
    // InstanceIds win over Targets in the summary when the command was sent to ids
    [InlineData(0, "targets tag:env=prod")]
    [InlineData(1, "targets InstanceIds=i-0aaaabbbbccccdddd")]
    public void CommandRows_Summary_SaysHowItWasTargeted(int index, string expected) =>
        Assert.Contains(expected, CommandRows.Summary(_ssm.Commands[index]));

    [Theory]
    // AWS-owned baselines come as ARNs; custom ones as bare pb- ids
    [InlineData("arn:aws:ssm:us-east-1:123456789012:patchbaseline/pb-0be8c61cde3be63f3", "AWS-AmazonLinux2DefaultPatchBaseline", "AWS")]
    [InlineData("pb-0c0ffee0c0ffee001", "web-critical", "custom")]
    [InlineData("pb-0c0ffee0c0ffee001", "AWS-LookAlike", "AWS")]
    public void BaselineRows_Owner(string id, string name, string owner) => Assert.Equal(owner, BaselineRows.Owner(id, name));

    [Fact]
    public void BaselineRows_Build_ShowsIdWithoutArn_OsAndDefault()
    {
        TableRows rows = BaselineRows.Build(_ssm.Baselines);

        Assert.Equal("pb-0be8c61cde3be63f3", rows.Cell(0, "ID"));
        Assert.Equal(LabFixture.Baseline, rows.Rows[0].Key);
        Assert.Equal("yes", rows.Cell(0, "DEFAULT"));
        Assert.Equal("no", rows.Cell(1, "DEFAULT"));
        Assert.Equal("AMAZON_LINUX_2", rows.Cell(1, "OS"));
    }

    [Fact]
    public void BaselineRows_Detail_ApproveUntilDate_AndNoRules()
    {
        GetPatchBaselineResponse baseline = _ssm.Baseline(FakeSsmConsole.CustomBaseline);
        baseline.ApprovalRules.PatchRules[0].ApproveAfterDays = null;
        baseline.ApprovalRules.PatchRules[0].ApproveUntilDate = "2026-12-31";
        var detail = new BaselineDetail(FakeSsmConsole.CustomBaseline, baseline, null, new Section<string>(["web", "web-canary"]),
            new Section<EffectivePatch>([], "why not"));

        string text = string.Join("\n", BaselineRows.Detail(detail));

        Assert.Contains("approve until 2026-12-31 · compliance CRITICAL", text);
        Assert.Contains("Patch groups: web, web-canary", text);
        Assert.Contains("Effective patches\n  why not", text);

        baseline.ApprovalRules.PatchRules.Clear();
        Assert.Contains("(none: only the approved list is installed)", string.Join("\n", BaselineRows.Detail(detail)));
    }

    [Theory]
    // fits: as it is
    [InlineData("  1. CLASSIFICATION=Security", 40, 7, new[] { "  1. CLASSIFICATION=Security" })]
    // between filters first, the continuation indented
    [InlineData("  1. PRODUCT=AmazonLinux2 CLASSIFICATION=Security,Bugfix", 40, 7, new[] { "  1. PRODUCT=AmazonLinux2", "       CLASSIFICATION=Security,Bugfix" })]
    // one filter too long for a line: after a comma, between its values
    [InlineData("  1. CLASSIFICATION=Security,Bugfix,Enhancement,Recommended", 30, 7,
        new[] { "  1. CLASSIFICATION=Security,", "       Bugfix,Enhancement,", "       Recommended" })]
    // no blank, no comma: mid-word, never breaking inside the leading indent
    [InlineData("    ABCDEFGHIJKLMNOP", 10, 2, new[] { "    ABCDEF", "  GHIJKLMN", "  OP" })]
    public void BaselineRows_Hang_WrapsWithIndentedContinuations(string line, int width, int indent, string[] expected) =>
        Assert.Equal(expected, BaselineRows.Hang(line, width, indent));

    [Fact]
    public void BaselineRows_Detail_WrapsALongRule_ToTheWidth_KeepingItsEnd()
    {
        GetPatchBaselineResponse baseline = _ssm.Baseline(FakeSsmConsole.CustomBaseline);
        baseline.ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters =
        [
            new PatchFilter { Key = PatchFilterKey.PRODUCT, Values = ["AmazonLinux2", "AmazonLinux2.0"] },
            new PatchFilter { Key = PatchFilterKey.CLASSIFICATION, Values = ["Security", "Bugfix", "Enhancement", "Recommended", "Newpackage", "Unknown"] },
            new PatchFilter { Key = PatchFilterKey.SEVERITY, Values = ["Critical", "Important", "Medium", "Low", "None"] },
        ];
        var detail = new BaselineDetail(FakeSsmConsole.CustomBaseline, baseline, null, new Section<string>([]), new Section<EffectivePatch>([], "why not"));

        IReadOnlyList<string> lines = BaselineRows.Detail(detail, 40);

        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
        int first = lines.ToList().IndexOf("  1. PRODUCT=AmazonLinux2,AmazonLinux2.0");
        Assert.Equal(
            ["       CLASSIFICATION=Security,Bugfix,", "       Enhancement,Recommended,", "       Newpackage,Unknown",
             "       SEVERITY=Critical,Important,", "       Medium,Low,None", "     approve after 7 days · compliance", "       CRITICAL"],
            lines.Skip(first + 1).Take(7));
        Assert.Equal(BaselineRows.Detail(detail), BaselineRows.Detail(detail, int.MaxValue)); // no width: one line per item, as before
        Assert.Contains("  1. PRODUCT=AmazonLinux2,AmazonLinux2.0 CLASSIFICATION=Security,Bugfix,Enhancement,Recommended,Newpackage,Unknown SEVERITY=",
            string.Join("\n", BaselineRows.Detail(detail)));
    }

    [Fact]
    public async Task BaselineDetail_Load_OnlyAsksForEffectivePatches_OfWindowsBaselines()
    {
        BaselineDetail linux = await BaselineDetail.LoadAsync(_ssm, FakeSsmConsole.CustomBaseline, CancellationToken.None);
        Assert.Contains("supports WINDOWS baselines only", linux.EffectivePatches.Unavailable);
        Assert.Equal(["web"], linux.PatchGroups.Items);

        BaselineDetail windows = await BaselineDetail.LoadAsync(_ssm, FakeSsmConsole.WindowsBaseline, CancellationToken.None);
        Assert.True(windows.EffectivePatches.IsAvailable);
        Assert.Single(windows.EffectivePatches.Items);
        Assert.Single(_ssm.Calls, c => c.Operation == "DescribeEffectivePatchesForPatchBaseline");
    }

    [Fact]
    public async Task BaselineDetail_Load_ShowsTheEmulatorsRefusal_InItsPart()
    {
        _ssm.Error = op => op == "DescribeEffectivePatchesForPatchBaseline"
            ? FakeSsmConsole.Refusal("UnsupportedOperatingSystem", "The operating system you specified is not supported")
            : null;

        BaselineDetail windows = await BaselineDetail.LoadAsync(_ssm, FakeSsmConsole.WindowsBaseline, CancellationToken.None);

        Assert.Equal("✗ DescribeEffectivePatchesForPatchBaseline: UnsupportedOperatingSystem: The operating system you specified is not supported",
            windows.EffectivePatches.Unavailable);
        Assert.NotNull(windows.Baseline);
    }
}
