using PatchLab.Tui.Models;
using PatchLab.Tui.Tests.Fakes;
using PatchLab.Tui.Views;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace PatchLab.Tui.Tests.Views;

/// <summary>Filter, sort, marks and bulk actions, read-only mode, screen sizes and colours on the headless driver.</summary>
[Collection(TerminalCollection.Name)]
public sealed class InteractionTests
{
    [Fact]
    public void Slash_FiltersAsYouType_AndEnterKeepsTheFilter()
    {
        using var ui = new HeadlessDashboard();

        ui.Press('/');
        ui.Type("web");

        Assert.Contains("Fleet [2/3] /web", ui.Screen);
        Assert.DoesNotContain(LabFixture.Db1, ui.Screen);
        ui.Press(Key.Enter);
        Assert.Contains("Fleet [2/3] /web", ui.Screen);

        ui.Refresh();
        Assert.Contains("Fleet [2/3] /web", ui.Screen); // kept across polls

        ui.Press(Key.Esc);
        Assert.Contains("Fleet [3]", ui.Screen);
        Assert.Contains(LabFixture.Db1, ui.Screen);
    }

    [Theory]
    // tags the table does not show (at 80 columns) still filter
    [InlineData("tag:Name=db-1", new[] { LabFixture.Db1 })]
    [InlineData("tag:env=prod !web-2", new[] { LabFixture.Web1, LabFixture.Db1 })]
    [InlineData("noncompliant", new string[0])]
    [InlineData("non_compliant", new[] { LabFixture.Web1 })]
    public void Slash_FiltersByTextAndTags(string filter, string[] shown)
    {
        using var ui = new HeadlessDashboard();

        ui.Press('/');
        ui.Type(filter);
        ui.Press(Key.Enter);

        foreach (string id in new[] { LabFixture.Web1, LabFixture.Web2, LabFixture.Db1 })
        {
            Assert.Equal(shown.Contains(id), ui.Screen.Contains(id, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Slash_EscCancels_BackToThePreviousFilter()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('/');
        ui.Type("web");
        ui.Press(Key.Enter);

        ui.Press('/');
        Assert.Contains("/web", ui.Lines[^2]); // the prompt starts from the current filter
        ui.Type("-1");
        Assert.Contains("Fleet [1/3] /web-1", ui.Screen);
        ui.Press(Key.Esc);

        Assert.Contains("Fleet [2/3] /web", ui.Screen);
    }

    [Fact]
    public void Slash_AppliesToTheTableWithTheFocus()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('4');

        ui.Press('/');
        ui.Type("started");
        ui.Press(Key.Enter);

        Assert.Contains("Events [1/3] /started", ui.Screen);
        ui.Press('1');
        Assert.Contains("Fleet [3]", ui.Screen); // each table keeps its own filter
    }

    [Fact]
    public void S_CyclesTheSortColumn_AndShiftSReverses()
    {
        using var ui = new HeadlessDashboard();

        ui.Press('s'); // INSTANCE
        ui.Press('s'); // NAME
        Assert.Contains("NAME↑", ui.Screen);
        Assert.Contains("sorted by NAME ↑", ui.Screen);
        string[] ascending = Order(ui);

        ui.Press('S');
        Assert.Contains("NAME↓", ui.Screen);
        Assert.Equal(["db-1", "web-1", "web-2"], ascending);
        Assert.Equal(["web-2", "web-1", "db-1"], Order(ui));

        static string[] Order(HeadlessDashboard ui) =>
            [.. ui.Lines.Where(l => l.Contains(" i-0", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2])];
    }

    [Fact]
    public void S_KeepsTheSelection_OnTheSameInstance()
    {
        using var ui = new HeadlessDashboard();
        ui.Press(Key.CursorDown); // web-2

        ui.Press('s');
        ui.Press('s');
        ui.Press('S'); // web-2, web-1, db-1

        ui.Press(Key.Enter);
        Assert.Equal("Instance web-2", ui.View.ScreenName);
    }

    [Fact]
    public void Space_Marks_AndABulkActionAsksFirst_ThenActsOnEveryMarkedInstance()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(data: data);

        ui.Press(' '); // web-1, then down to web-2
        ui.Press(' '); // web-2
        Assert.Contains("Fleet ●2 [3]", ui.Screen);
        Assert.StartsWith("● i-0123456789abcdef0", ui.LineWith(LabFixture.Web1).TrimStart('│'));
        Assert.Contains("R  Reboot", ui.Lines[^1]);

        ui.Press('R');
        Assert.Contains("? reboot web-1, web-2 (2 instances): y to confirm, any other key cancels", ui.Screen);
        Assert.Empty(data.Actions);

        ui.Press('y');

        Assert.Equal([(LabFixture.Web1, InstanceAction.Reboot), (LabFixture.Web2, InstanceAction.Reboot)], data.Actions);
        Assert.Contains("✓ reboot requested: web-1, web-2", ui.Screen);
        Assert.Contains("Fleet [3]", ui.Screen); // marks are used up
    }

    [Theory]
    [InlineData('X', InstanceAction.Stop)]
    [InlineData('O', InstanceAction.Start)]
    public void InstanceActions_ActOnTheSelectedInstance_WhenNothingIsMarked(char key, InstanceAction action)
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(data: data);
        ui.Press(Key.CursorDown);

        ui.Press(key);
        ui.Press('y');

        Assert.Equal([(LabFixture.Web2, action)], data.Actions);
    }

    [Fact]
    public void CtrlD_Terminates_FromTheInstanceScreen_AndAnyOtherKeyCancels()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(data: data);
        ui.Press(Key.Enter);

        ui.Press(Key.D.WithCtrl);
        Assert.Contains("? terminate web-1", ui.Screen);
        ui.Press('n');
        Assert.Contains("cancelled", ui.Screen);
        Assert.Empty(data.Actions);
        Assert.Empty(ui.Client.Jumps); // the n answered the question, it did not jump the clock

        ui.Press(Key.D.WithCtrl);
        ui.Press('y');
        Assert.Equal([(LabFixture.Web1, InstanceAction.Terminate)], data.Actions);
    }

    [Fact]
    public void InstanceActions_FlashTheEmulatorsRefusal()
    {
        var data = new FakeDashboardData { ActionError = FakeDashboardData.NotAnEndpoint };
        using var ui = new HeadlessDashboard(width: 200, data: data);
        ui.Press(' ');
        ui.Press(' ');

        ui.Press('R');
        ui.Press('y');

        Assert.Contains("✗ reboot web-1, web-2: POST /patchlab/v1/instances/i-0123456789abcdef0/reboot is not a PatchLab endpoint.", ui.Screen);
    }

    [Fact]
    public void InstanceActions_SayWhichFailed_WhenSomeWork()
    {
        var data = new FakeDashboardData
        {
            ActionError = (id, _) => id == LabFixture.Web2 ? new InvalidOperationException("The instance is not in a state from which it can be started.") : null,
        };
        using var ui = new HeadlessDashboard(width: 160, data: data);
        ui.Press(' ');
        ui.Press(' ');

        ui.Press('O');
        ui.Press('y');

        Assert.Contains("✗ start: 1 done, 1 failed (web-2: The instance is not in a state from which it can be started.)", ui.Screen);
    }

    [Fact]
    public void Esc_ClearsTheFilterFirst_ThenTheMarks()
    {
        using var ui = new HeadlessDashboard();
        ui.Press(' ');
        ui.Press('/');
        ui.Type("web");
        ui.Press(Key.Enter);

        ui.Press(Key.Esc);
        Assert.Contains("Fleet ●1 [3]", ui.Screen);
        ui.Press(Key.Esc);
        Assert.Contains("Fleet [3]", ui.Screen);
        Assert.False(ui.View.StopRequested);
    }

    [Fact]
    public void ReadOnly_HidesAndIgnoresEveryMutatingKey()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(readOnly: true, data: data);

        ui.Press(' ');
        foreach (char key in "RXO+-p")
        {
            ui.Press(key);
            ui.Press('y');
        }

        ui.Press(Key.D.WithCtrl);
        ui.Press('y');
        ui.Press('2');
        ui.Press('n');

        Assert.Empty(data.Actions);
        Assert.Empty(ui.Client.ClockChanges);
        Assert.Empty(ui.Client.Jumps);
        Assert.DoesNotContain("●", ui.Screen);
        ui.Press('1');
        ui.Press('?');
        foreach (string word in new[] { "Mark", "Reboot", "Stop", "Start", "Terminate", "Pause", "Jump", "twice" })
        {
            Assert.DoesNotContain(word, ui.Screen);
        }

        // watching still works: details, preview, filter
        ui.Press(Key.Esc);
        ui.Press(Key.Enter);
        Assert.Equal("Instance web-1", ui.View.ScreenName);
    }

    [Fact]
    public void ReadOnly_HasNoMarkColumn()
    {
        using var ui = new HeadlessDashboard(readOnly: true);

        Assert.StartsWith("INSTANCE", ui.LineWith("INSTANCE").TrimStart('│'));
    }

    [Fact]
    public void LargeScreens_ShowMoreColumnsAndKeys()
    {
        using var ui = new HeadlessDashboard(width: 200, height: 50);

        Assert.Contains("Online 2  ConnectionLost 1", ui.Lines[1]); // the full counts fit beside the tabs
        Assert.Matches(@"Online +running web +NON_COMPLIANT 3 +0 +0 +412 +pb-0be8c61cde3be63f3 AmazonLinux2 Name=web-1,env=prod", ui.LineWith(LabFixture.Web1));
        Assert.Contains("Ctrl+D  Terminate", ui.Lines[^1]);
        Assert.Contains("s  Sort", ui.Lines[^1]);

        ui.Press('2');
        Assert.Contains("cron(0 5 ? * TUE *) UTC", ui.LineWith("patch-weekly"));
    }

    [Fact]
    public void SixteenColours_ShowTheSameScreen()
    {
        using var truecolour = new HeadlessDashboard();
        using var basic = new HeadlessDashboard();
        basic.App.Driver!.Force16Colors = true;

        basic.Press('3');
        truecolour.Press('3');

        Assert.Equal(truecolour.Screen, basic.Screen);
        Assert.Contains("▶ web-1 ✓ web-2", basic.Screen);
    }

    [Theory]
    // status words and glyphs in the 16 basic colours, over whatever background the theme uses
    [InlineData("3", "✓ web-2", ColorName16.BrightGreen)]
    [InlineData("3", "▶ web-1", ColorName16.BrightCyan)]
    [InlineData("1", "ConnectionLost", ColorName16.BrightRed)]
    [InlineData("1", "stopped", ColorName16.BrightYellow)]
    public void Tones_AreDrawnInTheBasicColours(string page, string text, ColorName16 colour)
    {
        using var ui = new HeadlessDashboard();
        ui.App.Driver!.Force16Colors = true;
        ui.Press(page[0]);

        string[] lines = ui.Lines;
        int y = Array.FindIndex(lines, 2, l => l.Contains(text, StringComparison.Ordinal)); // below the header's counts
        int x = lines[y].IndexOf(text, StringComparison.Ordinal);

        Assert.Equal(new Color(colour), ui.App.Driver.Contents![y, x].Attribute!.Value.Foreground);
    }

    [Fact]
    public void CommandLine_KnowsTheCompliancePage()
    {
        using var ui = new HeadlessDashboard();

        ui.Press(':');
        ui.Type("co");
        ui.Press(Key.Enter);

        Assert.Equal(DashboardPage.Compliance, ui.View.Page);
    }
}
