using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Tests.Fakes;
using PatchLab.Tui.Views;
using Terminal.Gui.Input;

namespace PatchLab.Tui.Tests.Views;

/// <summary>The Baselines page and one baseline's rules, lists, patch groups and effective patches.</summary>
[Collection(TerminalCollection.Name)]
public sealed class BaselinesViewTests
{
    [Theory]
    [InlineData("baselines")]
    [InlineData("pb")]
    public void CommandLine_ShowsTheBaselinesPage(string command)
    {
        using var ui = new HeadlessDashboard(width: 120);

        ui.Press(':');
        ui.Type(command);
        ui.Press(Key.Enter);

        Assert.Equal(DashboardPage.Baselines, ui.View.Page);
        Assert.Matches(@"pb-0be8c61cde3be63f3 +AWS-AmazonLinux2DefaultPatchBaseline +AMAZON_LINUX_2 +yes +AWS", ui.LineWith("pb-0be8c61cde3be63f3"));
        Assert.Matches(@"pb-0c0ffee0c0ffee001 +web-critical +AMAZON_LINUX_2 +no +custom", ui.LineWith("web-critical"));
        Assert.Contains("Baselines [3]", ui.Screen);
    }

    [Fact]
    public void Enter_ShowsRulesListsAndPatchGroups_AndSaysWhyALinuxBaselineHasNoEffectivePatches()
    {
        using var ui = new HeadlessDashboard(width: 120, height: 40);
        ui.Press('7');
        ui.Press(Key.CursorDown);

        ui.Press(Key.Enter);

        Assert.Equal("Baseline web-critical", ui.View.ScreenName);
        Assert.Contains("CLASSIFICATION=Security,Bugfix SEVERITY=Critical", ui.Screen);
        Assert.Contains("approve after 7 days · compliance CRITICAL", ui.Screen);
        Assert.Contains("Global filters: PRODUCT=AmazonLinux2", ui.Screen);
        Assert.Contains("Approved patches (HIGH): openssl", ui.Screen);
        Assert.Contains("Rejected patches (BLOCK): telnet", ui.Screen);
        Assert.Contains("Patch groups: web", ui.Screen);
        Assert.Contains("supports WINDOWS baselines only", ui.Screen);
        Assert.DoesNotContain(ui.Ssm.Calls, c => c.Operation == "DescribeEffectivePatchesForPatchBaseline");
    }

    [Fact]
    public void Enter_OnAWindowsBaseline_ListsItsEffectivePatches()
    {
        using var ui = new HeadlessDashboard(width: 120, height: 40);
        ui.Press('7');
        ui.Press(Key.CursorDown);
        ui.Press(Key.CursorDown);

        ui.Press(Key.Enter);

        Assert.Equal(FakeSsmConsole.WindowsBaseline, ui.Ssm.Last<string>("DescribeEffectivePatchesForPatchBaseline"));
        Assert.Contains("Effective patches [1]", ui.Screen);
        Assert.Matches(@"KB5034441 +APPROVED on 2024-01-16 +SecurityUpdates/Critical +2024-01 Security Update", ui.LineWith("KB5034441"));
    }

    [Fact]
    public void Baseline_ThatCannotBeRead_SaysWhy()
    {
        using var ui = new HeadlessDashboard(width: 120);
        ui.Ssm.Error = op => op == "GetPatchBaseline" ? FakeSsmConsole.Refusal("DoesNotExistException", "Patch Baseline pb-0c0ffee0c0ffee001 does not exist.") : null;
        ui.Press('7');
        ui.Press(Key.CursorDown);

        ui.Press(Key.Enter);

        Assert.Contains("✗ GetPatchBaseline: DoesNotExistException: Patch Baseline pb-0c0ffee0c0ffee001 does not exist.", ui.Screen);
    }

    [Fact]
    public void BaselineScreen_At80x24_WrapsALongRule_AndShowsItsEnd_Indented()
    {
        using var ui = new HeadlessDashboard();
        Func<string, GetPatchBaselineResponse> original = ui.Ssm.Baseline;
        ui.Ssm.Baseline = id =>
        {
            GetPatchBaselineResponse b = original(id);
            b.ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters =
            [
                new PatchFilter { Key = PatchFilterKey.PRODUCT, Values = ["AmazonLinux2", "AmazonLinux2.0", "AmazonLinux2023"] },
                new PatchFilter
                {
                    Key = PatchFilterKey.CLASSIFICATION,
                    Values = ["Security", "Bugfix", "Enhancement", "Recommended", "Newpackage", "Unknown", "SecurityUpdates", "CriticalUpdates"],
                },
                new PatchFilter { Key = PatchFilterKey.SEVERITY, Values = ["Critical", "Important", "Medium", "Low", "None"] },
            ];
            return b;
        };
        ui.Press('7');
        ui.Press(Key.CursorDown);

        ui.Press(Key.Enter);

        string[] lines = ui.Lines;
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.Contains("│  1. PRODUCT=AmazonLinux2,AmazonLinux2.0,AmazonLinux2023", ui.LineWith("1. PRODUCT="));
        // the long CLASSIFICATION filter breaks between its values; each continuation starts under the rule's text
        Assert.StartsWith("│       CLASSIFICATION=Security,Bugfix,", ui.LineWith("CLASSIFICATION="));
        Assert.StartsWith("│       ", ui.LineWith("CriticalUpdates"));
        Assert.StartsWith("│       SEVERITY=Critical,Important,Medium,Low,None", ui.LineWith("SEVERITY="));
        Assert.Contains("approve after 7 days · compliance CRITICAL", ui.Screen);
    }
}
