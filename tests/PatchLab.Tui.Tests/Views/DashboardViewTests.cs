using PatchLab.Contracts.Lab;
using PatchLab.Tui.Tests.Fakes;
using PatchLab.Tui.Views;
using Terminal.Gui.Input;

namespace PatchLab.Tui.Tests.Views;

[Collection(TerminalCollection.Name)]
public sealed class DashboardViewTests
{
    [Fact]
    public void Fleet_ShowsInstances_AfterTheFirstPoll()
    {
        using var ui = new HeadlessDashboard();

        string screen = ui.Screen;

        Assert.Contains("PatchLab  http://127.0.0.1:5080", screen);
        Assert.Contains("2026-12-06 02:00:13Z x60", screen);
        Assert.Contains("[1 Fleet] 2 3 4 5 6 7", ui.Lines[1]); // seven named tabs fill 80 columns: the others by number
        Assert.Contains("Online 2  ConnectionLost 1", ui.Lines[1]); // so the full counts still fit beside them
        Assert.Contains("Fleet [3]", screen);
        Assert.Matches(@"i-0123456789abcdef0 web-1 +Online +running +web +NON_COMPLIANT +3", ui.LineWith(LabFixture.Web1));
        Assert.Matches(@"i-0aaaabbbbccccdddd db-1 +ConnectionLost +stopped +- +- +-", ui.LineWith(LabFixture.Db1));
        Assert.Equal(DashboardPage.Fleet, ui.View.Page);
    }

    [Fact]
    public void Header_SaysConnecting_BeforeTheFirstPoll()
    {
        using var ui = new HeadlessDashboard(start: false);

        Assert.Contains("connecting…", ui.Screen);
        Assert.Contains("Fleet", ui.Screen);
    }

    [Theory]
    // each page key shows its page and marks its tab
    [InlineData('2', DashboardPage.Windows, "Windows [2]", "patch-weekly")]
    [InlineData('3', DashboardPage.Executions, "Executions [2]", "6f1c2b3a")]
    [InlineData('4', DashboardPage.Events, "Events [3]", "db-1 lost connection")]
    [InlineData('1', DashboardPage.Fleet, "Fleet [3]", "i-0fedcba9876543210")]
    [InlineData('6', DashboardPage.Commands, "Commands [2]", "c1c1c1c1")]
    [InlineData('7', DashboardPage.Baselines, "Baselines [3]", "web-critical")]
    public void NumberKeys_SwitchPages(char key, DashboardPage page, string title, string content)
    {
        using var ui = new HeadlessDashboard();
        ui.Press(key == '1' ? '4' : '1');

        ui.Press(key);

        Assert.Equal(page, ui.View.Page);
        Assert.Contains(title, ui.Screen);
        Assert.Contains(content, ui.Screen);
        Assert.Contains($"[{key} {page}]", ui.Lines[1]);
    }

    [Fact]
    public void Windows_ShowScheduleAndCountdown_FromTheEmulatorClock()
    {
        using var ui = new HeadlessDashboard();

        ui.Press('2');

        // the schedule in words fits at 80 columns; as written it is one scroll to the right
        Assert.Matches(@"patch-weekly +12-08 05:00:13 +in 2d 03h +yes +SUCCESS +At 05:00 on Tuesday \(UTC\)", ui.LineWith("patch-weekly"));
        Assert.Matches(@"scan-daily +12-06 02:45:13 +in 45m 00s +no +- +Every day", ui.LineWith("scan-daily"));
    }

    [Theory]
    // full names and k9s-style aliases
    [InlineData("windows", DashboardPage.Windows)]
    [InlineData("mw", DashboardPage.Windows)]
    [InlineData("ex", DashboardPage.Executions)]
    [InlineData("ev", DashboardPage.Events)]
    [InlineData("fl", DashboardPage.Fleet)]
    public void CommandLine_SwitchesPages(string command, DashboardPage page)
    {
        using var ui = new HeadlessDashboard();
        ui.Press('4');

        ui.Press(':');
        ui.Type(command);
        Assert.Contains(":" + command, ui.Screen);
        ui.Press(Key.Enter);

        Assert.Equal(page, ui.View.Page);
        Assert.DoesNotContain(":" + command, ui.Screen);
    }

    [Fact]
    public void CommandLine_TypingDoesNotTriggerKeys()
    {
        using var ui = new HeadlessDashboard();

        ui.Press(':');
        ui.Type("q2p+");

        Assert.False(ui.View.StopRequested);
        Assert.Equal(DashboardPage.Fleet, ui.View.Page);
        Assert.Empty(ui.Client.ClockChanges);
        Assert.Contains(":q2p+", ui.Screen);
    }

    [Fact]
    public void CommandLine_FlashesUnknownCommands_AndEscCancels()
    {
        using var ui = new HeadlessDashboard();

        ui.Press(':');
        ui.Type("pods");
        ui.Press(Key.Enter);
        Assert.Contains("unknown command 'pods'", ui.Screen);

        ui.Press(':');
        ui.Type("mw");
        ui.Press(Key.Esc);
        Assert.Equal(DashboardPage.Fleet, ui.View.Page);
        Assert.False(ui.View.StopRequested);
    }

    [Fact]
    public void ExecutionView_ShowsAnInstancesInvocationStatusChange_Live()
    {
        var client = new FakeLabClient { Overview = call => LabFixture.Overview(web1Done: call > 1) };
        using var ui = new HeadlessDashboard(client);
        ui.Press('3');

        Assert.Contains("Invocations patch-weekly 6f1c2b3a [2]", ui.Screen);
        Assert.Matches(@"i-0123456789abcdef0 web-1 +IN_PROGRESS +InProgress +12s +12-06 02:00:01 +-", ui.LineWith(LabFixture.Web1));

        ui.Refresh();

        // END is cut at 80 columns (TableView scrolls right to it)
        Assert.Matches(@"i-0123456789abcdef0 web-1 +SUCCESS +Success +11s +12-06 02:00:01 +12-06 02:00", ui.LineWith(LabFixture.Web1));
        Assert.DoesNotContain("InProgress", ui.Screen);
        Assert.Equal(2, client.OverviewCalls);
    }

    [Fact]
    public void ExecutionView_ShowsTheSelectedExecutionsInvocations_AndEnterMovesToThem()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('3');

        ui.Press(Key.CursorDown);

        Assert.Contains("Invocations scan-daily 0a1b2c3d [1]", ui.Screen);
        Assert.Contains(LabFixture.Db1, ui.Screen);
        Assert.DoesNotContain(LabFixture.Web1, ui.Screen);
        Assert.Contains("Enter  Invocations", ui.Screen);

        ui.Press(Key.Enter);
        Assert.Contains("Esc  Back", ui.Screen);

        ui.Press(Key.Esc);
        Assert.Contains("Enter  Invocations", ui.Screen);
        Assert.False(ui.View.StopRequested);
    }

    [Fact]
    public void Selection_FollowsTheRowByKey_WhenRowsMove()
    {
        var client = new FakeLabClient();
        using var ui = new HeadlessDashboard(client);
        ui.Press('2');
        ui.Press(Key.CursorDown); // scan-daily

        client.Overview = _ =>
        {
            OverviewDto overview = LabFixture.Overview();
            overview.Windows.Reverse();
            overview.Windows.Insert(0, new WindowRow { WindowId = "mw-0000000000000000a", Name = "new-window" });
            return overview;
        };
        ui.Refresh();
        ui.Press('n');

        Assert.Equal([LabFixture.ScanDaily], client.Jumps);
    }

    [Theory]
    // + doubles and - halves the x60 the emulator reported; p pauses the running clock
    [InlineData('+', 120.0, null, "speed x120")]
    [InlineData('-', 30.0, null, "speed x30")]
    [InlineData('p', null, true, "clock paused")]
    public void ClockKeys_ChangeTheEmulatorClock(char key, double? speed, bool? paused, string flash)
    {
        using var ui = new HeadlessDashboard();

        ui.Press(key);

        ClockChangeRequest change = Assert.Single(ui.Client.ClockChanges);
        Assert.Equal(speed, change.Speed);
        Assert.Equal(paused, change.Paused);
        Assert.Contains(flash, ui.Screen);
    }

    [Fact]
    public void N_JumpsToTheSelectedWindowsNextExecution_OnlyOnTheWindowsPage()
    {
        using var ui = new HeadlessDashboard();

        ui.Press('n');
        Assert.Empty(ui.Client.Jumps);

        ui.Press('2');
        ui.Press('n');

        Assert.Equal([LabFixture.PatchWeekly], ui.Client.Jumps);
        Assert.Contains("clock jumped to 2026-12-08 05:00:13Z", ui.Screen);
    }

    [Fact]
    public void ClockKeys_FlashTheEmulatorsRefusal()
    {
        var client = new FakeLabClient { ClockError = new InvalidOperationException("speed must be at most 3600\nat ...") };
        using var ui = new HeadlessDashboard(client);

        ui.Press('+');

        Assert.Contains("✗ clock: speed must be at most 3600", ui.Screen);
        Assert.DoesNotContain("at ...", ui.Screen);
    }

    [Fact]
    public void ReadOnly_HidesAndIgnoresClockKeys()
    {
        using var ui = new HeadlessDashboard(readOnly: true);
        ui.Press('2');

        ui.Press('+');
        ui.Press('p');
        ui.Press('n');

        Assert.Empty(ui.Client.ClockChanges);
        Assert.Empty(ui.Client.Jumps);
        string statusBar = ui.Lines[^1];
        Assert.DoesNotContain("Pause", statusBar);
        Assert.DoesNotContain("Jump", statusBar);
        Assert.Contains("Quit", statusBar);
    }

    [Fact]
    public void StatusBar_ShowsTheKeysThatApply()
    {
        using var ui = new HeadlessDashboard();

        Assert.Equal("?  Help │ Enter  Open │ Space  Mark │ /  Filter │ p  Pause │ q  Quit", ui.Lines[^1].Trim());

        ui.Press('2');
        Assert.Contains("v  Preview", ui.Lines[^1]);
        Assert.Equal("?  Help │ Enter  Open │ v  Preview │ /  Filter │ p  Pause │ q  Quit", ui.Lines[^1].Trim());
    }

    [Fact]
    public void Help_ListsTheKeys_AndEscClosesIt()
    {
        using var ui = new HeadlessDashboard();

        ui.Press('2');
        ui.Press('?');
        Assert.Contains("Keys: Windows", ui.Screen);
        Assert.Contains("jump the clock to the window's next execution", ui.Screen);
        Assert.Contains("quit (also Ctrl+Q)", ui.Screen);
        Assert.All(ui.Lines, l => Assert.True(l.Length <= 80, l));

        ui.Press(Key.Esc);
        Assert.DoesNotContain("quit (also Ctrl+Q)", ui.Screen);
        Assert.False(ui.View.StopRequested);
    }

    [Fact]
    public void LoadFailed_IsFlashed_ThenClearedByTheNextGoodPoll()
    {
        bool down = true;
        var client = new FakeLabClient
        {
            Overview = _ => down ? throw new HttpRequestException("Connection refused (127.0.0.1:5080)") : LabFixture.Overview(),
        };
        using var ui = new HeadlessDashboard(client);

        Assert.Contains("✗ load failed: Connection refused (127.0.0.1:5080), retry in 1s", ui.Screen);

        down = false;
        ui.Refresh();

        Assert.DoesNotContain("load failed", ui.Screen);
        Assert.Contains("Fleet [3]", ui.Screen);
    }

    [Theory]
    [InlineData('q', false)]
    [InlineData('Q', true)]
    public void Quit_StopsTheDashboard(char key, bool ctrl)
    {
        using var ui = new HeadlessDashboard();

        ui.Press(ctrl ? Key.Q.WithCtrl : new Key(key));

        Assert.True(ui.View.StopRequested);
    }

    [Fact]
    public void Esc_DoesNotQuit()
    {
        using var ui = new HeadlessDashboard();

        ui.Press(Key.Esc);

        Assert.False(ui.View.StopRequested);
    }

    [Fact]
    public void Layout_ScalesUp_ShowingMoreColumns()
    {
        using var small = new HeadlessDashboard();
        Assert.DoesNotContain("env=prod", small.Screen);

        using var large = new HeadlessDashboard(width: 160, height: 40);
        Assert.Contains("AmazonLinux2", large.LineWith(LabFixture.Web1));
        Assert.Contains("Name=web-1,env=prod", large.LineWith(LabFixture.Web1));
    }

    [Theory]
    // Enter in a table raises Accept, which Terminal.Gui's Runnable may take as "done"
    [InlineData("1\r")]
    [InlineData("2\r")]
    [InlineData("3\r\r")]
    [InlineData("4\r")]
    public void Enter_NeverQuits(string keys)
    {
        using var ui = new HeadlessDashboard();

        foreach (char c in keys)
        {
            ui.Press(c == '\r' ? Key.Enter : new Key(c));
        }

        Assert.False(ui.View.StopRequested);
        Assert.Contains("PatchLab", ui.Screen);
    }

    [Fact]
    public void Events_FollowTheNewest_WhenTheLastOneIsSelected()
    {
        int extra = 0;
        var client = new FakeLabClient
        {
            Overview = _ =>
            {
                OverviewDto overview = LabFixture.Overview();
                for (int i = 1; i <= extra; i++)
                {
                    overview.Events.Add(new EventRow { Time = LabFixture.Now.AddSeconds(i), Kind = "agent", Message = $"event number {i}" });
                }

                return overview;
            },
        };
        using var ui = new HeadlessDashboard(client);
        ui.Press('4');
        ui.Press(Key.End.WithCtrl);

        extra = 40;
        ui.Refresh();

        Assert.Contains("event number 40", ui.Screen);
        Assert.DoesNotContain("db-1 lost connection", ui.Screen);
    }

    [Fact]
    public void Scroll_IsKeptAcrossRefreshes()
    {
        var client = new FakeLabClient
        {
            Overview = _ =>
            {
                OverviewDto overview = LabFixture.Overview();
                overview.Instances = [.. Enumerable.Range(1, 60).Select(i => new InstanceRow { InstanceId = $"i-{i:00000000000000000}", Name = $"node-{i}", PingStatus = "Online" })];
                return overview;
            },
        };
        using var ui = new HeadlessDashboard(client);
        for (int i = 0; i < 30; i++)
        {
            ui.Press(Key.CursorDown);
        }

        string before = ui.Screen;
        ui.Refresh();
        ui.Refresh();

        Assert.Contains("node-31 ", before);
        Assert.DoesNotContain("node-1 ", before);
        Assert.Equal(before, ui.Screen);
        Assert.Equal(3, client.OverviewCalls);
    }

    [Fact]
    public void APollThatOnlyMovesTheClock_RewritesNoTableLine()
    {
        var client = new FakeLabClient();
        client.Overview = call =>
        {
            OverviewDto overview = LabFixture.Overview();
            overview.Clock.Now = overview.Clock.Now.AddSeconds(call);
            return overview;
        };
        using var ui = new HeadlessDashboard(client, width: 120, height: 30);
        string header = ui.Lines[0];
        PaintedTableView fleet = Deep(ui.View).OfType<PaintedTableView>().First(t => t.Table?.Rows == 3);

        fleet.SetNeedsDraw(); // drawn on the next pass whatever else changes
        ui.Refresh();
        ui.App.TimedEvents!.RunTimers(); // the poll reaches the view
        Assert.False(ui.App.ClearScreenNextIteration, "a poll asked Terminal.Gui for a cleared screen (a full repaint)");
        string screen = ui.Screen;

        Assert.NotEqual(header, ui.Lines[0]); // the clock moved
        Assert.Contains(LabFixture.Web1, screen);
        Assert.Equal(fleet.Viewport.Height, fleet.LinesComposed);
        Assert.Equal(0, fleet.LinesWritten);
    }

    [Theory]
    [InlineData('2')] // another page: other keys in the status bar
    [InlineData('?')] // the help over the page
    public void AKeyThatChangesPagesOrKeys_RepaintsWithoutClearingTheScreen(char key)
    {
        using var ui = new HeadlessDashboard();
        string before = ui.Lines[^1];

        ui.Press(key);

        Assert.False(ui.App.ClearScreenNextIteration, "the key asked Terminal.Gui for a cleared screen (a full repaint)");
        if (key == '2')
        {
            Assert.NotEqual(before, ui.Lines[^1]);
            Assert.Contains("v  Preview", ui.Lines[^1]);
        }
    }

    private static IEnumerable<Terminal.Gui.ViewBase.View> Deep(Terminal.Gui.ViewBase.View view) =>
        view.SubViews.SelectMany(sub => Deep(sub).Prepend(sub));
}
