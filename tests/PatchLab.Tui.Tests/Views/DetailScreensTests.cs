using PatchLab.Tui.Models;
using PatchLab.Tui.Tests.Fakes;
using PatchLab.Tui.Views;
using Terminal.Gui.Input;

namespace PatchLab.Tui.Tests.Views;

/// <summary>Enter opens, Esc comes back: the instance, window, preview, output and compliance screens on the headless driver.</summary>
[Collection(TerminalCollection.Name)]
public sealed class DetailScreensTests
{
    [Fact]
    public void Fleet_Enter_OpensTheInstance_WithItsPatchesInvocationsAndEvents()
    {
        var client = new FakeLabClient
        {
            Overview = _ =>
            {
                var overview = LabFixture.Overview();
                overview.Events.Add(new Contracts.Lab.EventRow { Time = LabFixture.Now, Kind = "fleet", Message = "Rebooted i-0123456789abcdef0 (web-1)" });
                return overview;
            },
        };
        using var ui = new HeadlessDashboard(client);

        ui.Press(Key.Enter);

        Assert.True(ui.View.DetailOpen);
        Assert.Equal("Instance web-1", ui.View.ScreenName);
        Assert.Contains("web-1 i-0123456789abcdef0 · AmazonLinux2 · Online · running · group web", ui.Screen);
        Assert.Contains("Patches web-1 [3]", ui.Screen);
        Assert.Matches(@"Failed +Critical +Security +kernel", ui.LineWith("kernel"));
        Assert.Matches(@"Missing +Important +Security +openssl", ui.LineWith("openssl"));
        Assert.Matches(@"c1c1c1c1 AWS-RunPatchBaseline Success +Success +12-06 01:57:13 patch-weekly", ui.LineWith("c1c1c1c1"));
        Assert.Contains("Rebooted i-0123456789abcdef0 (web-1)", ui.Screen);
        Assert.DoesNotContain("db-1 lost connection", ui.Screen);

        ui.Press(Key.Esc);

        Assert.False(ui.View.DetailOpen);
        Assert.Contains("Fleet [3]", ui.Screen);
        Assert.False(ui.View.StopRequested);
    }

    [Fact]
    public void InstanceScreen_RefreshesWithEveryPoll_AndStopsWhenClosed()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(data: data);
        ui.Press(Key.Enter);
        int opened = data.InstanceCalls;

        ui.Refresh();
        Assert.Equal(opened + 1, data.InstanceCalls);

        ui.Press(Key.Esc);
        ui.Refresh();
        Assert.Equal(opened + 1, data.InstanceCalls);
    }

    [Fact]
    public void InstanceScreen_ShowsSectionsTheEmulatorDoesNotImplementYet_AsNotAvailable()
    {
        var data = new FakeDashboardData
        {
            Instance = id => LabFixture.InstanceDetail(id) with
            {
                Invocations = new Section<CommandInvocationItem>([], "not available yet: the emulator does not implement ListCommandInvocations"),
            },
        };
        using var ui = new HeadlessDashboard(data: data);

        ui.Press(Key.Enter);

        Assert.Contains("not available yet: the emulator does not implement ListCommandInvocations", ui.Screen);
        Assert.Contains("Patches web-1 [3]", ui.Screen); // the rest still shows
    }

    [Fact]
    public void InstanceScreen_EnterOnAnInvocation_ShowsItsOutput_AndEscGoesBackStepByStep()
    {
        using var ui = new HeadlessDashboard();
        ui.Press(Key.Enter);
        ui.Press(Key.Tab); // patches → invocations

        Assert.Contains("Enter  Output", ui.Lines[^1]);
        ui.Press(Key.Enter);

        Assert.Equal("Output web-1", ui.View.ScreenName);
        Assert.Contains("Output web-1 · command c1c1c1c1", ui.Screen);
        Assert.Contains("── PatchLinux · Success · exit 0 ──", ui.Screen);
        Assert.Contains("Installed 3 patches", ui.Screen);

        ui.Press(Key.Esc);
        Assert.Equal("Instance web-1", ui.View.ScreenName);
        ui.Press(Key.Esc);
        Assert.Equal("Fleet", ui.View.ScreenName);
    }

    [Fact]
    public void OutputScreen_ReloadsUntilTheInvocationEnds()
    {
        string status = "InProgress";
        var data = new FakeDashboardData
        {
            Output = (c, i) => LabFixture.Output(c, i) with
            {
                Invocation = new Section<CommandInvocationItem>([LabFixture.Output(c, i).Invocation.Items[0] with { Status = status, StatusDetails = status }]),
            },
        };
        using var ui = new HeadlessDashboard(data: data);
        ui.Press('3');
        ui.Press(Key.Enter);
        ui.Press(Key.Enter);
        Assert.Contains("AWS-RunPatchBaseline on i-0123456789abcdef0 · InProgress", ui.Screen);

        status = "Success";
        ui.Refresh();
        int final = data.OutputCalls;
        ui.Refresh();

        Assert.Contains("AWS-RunPatchBaseline on i-0123456789abcdef0 · Success", ui.Screen);
        Assert.Equal(final, data.OutputCalls);
    }

    [Fact]
    public void OutputScreen_ScrollsWithTheKeys()
    {
        var data = new FakeDashboardData
        {
            Output = (c, i) => LabFixture.Output(c, i) with
            {
                Invocation = new Section<CommandInvocationItem>([LabFixture.Output(c, i).Invocation.Items[0] with
                {
                    Plugins = [new PluginOutputItem { Name = "PatchLinux", Status = "Success", Output = string.Join("\n", Enumerable.Range(1, 60).Select(n => $"line {n}")) }],
                }]),
            },
        };
        using var ui = new HeadlessDashboard(data: data);
        ui.Press('3');
        ui.Press(Key.Enter);
        ui.Press(Key.Enter);
        Assert.Contains("│line 1 ", ui.Screen);

        ui.Press(Key.End);
        Assert.Contains("│line 60 ", ui.Screen);
        Assert.DoesNotContain("│line 10 ", ui.Screen);

        ui.Press(Key.PageUp);
        Assert.Contains("│line 26 ", ui.Screen); // one page (17 lines) up from 43

        ui.Press(Key.Home);
        Assert.Contains("│line 1 ", ui.Screen);
        Assert.DoesNotContain("│line 60 ", ui.Screen);
    }

    [Fact]
    public void Windows_Enter_OpensTheWindow_WithItsTargetsTasksAndExecutions()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');

        ui.Press(Key.Enter);

        Assert.Equal("Window patch-weekly", ui.View.ScreenName);
        Assert.Contains("patch-weekly mw-0123456789abcdef0 · enabled · duration 3h · cutoff 1h", ui.Screen);
        Assert.Contains("At 05:00 on Tuesday (UTC) · cron(0 5 ? * TUE *) · next 12-08 05:00:13 UTC", ui.Screen);
        Assert.Matches(@"e1e1e1e1 web +INSTANCE tag:env=prod", ui.LineWith("e1e1e1e1"));
        Assert.Matches(@"1 +AWS-RunPatchBaseline RUN_COMMAND 50% +0 +tag:env=prod", ui.LineWith("RUN_COMMAND"));
        Assert.Matches(@"6f1c2b3a +IN_PROGRESS 12-06 02:00:00", ui.LineWith("6f1c2b3a"));
    }

    [Fact]
    public void WindowScreen_EnterOnAnExecution_ShowsItsLiveProgress()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press(Key.CursorDown);
        ui.Press(Key.CursorUp);
        ui.Press(Key.Enter);
        ui.Press(Key.Tab);
        ui.Press(Key.Tab); // targets → tasks → executions

        ui.Press(Key.Enter);

        Assert.Equal(DashboardPage.Executions, ui.View.Page);
        Assert.False(ui.View.DetailOpen);
        Assert.Contains("Progress patch-weekly 6f1c2b3a", ui.Screen);
    }

    [Fact]
    public void WindowScreen_SaysWhatTheEmulatorCannotDescribe()
    {
        var data = new FakeDashboardData
        {
            Window = id => LabFixture.WindowDetail(id) with
            {
                Executions = new Section<WindowExecutionItem>([], "not available yet: the emulator does not implement DescribeMaintenanceWindowExecutions"),
                Targets = new Section<WindowTargetItem>([]),
            },
        };
        using var ui = new HeadlessDashboard(data: data);
        ui.Press('2');

        ui.Press(Key.Enter);

        Assert.Contains("No targets registered.", ui.Screen);
        // a message wider than the table wraps
        Assert.Contains("not available yet: the emulator does not implement", ui.Screen);
        Assert.Contains("DescribeMaintenanceWindowExecutions", ui.Screen);
    }

    [Theory]
    // from the windows list and from a window's screen
    [InlineData("2v")]
    [InlineData("2\rv")]
    public void V_PreviewsWhichInstancesTheWindowWillHit(string keys)
    {
        using var ui = new HeadlessDashboard();

        foreach (char c in keys)
        {
            ui.Press(c == '\r' ? Key.Enter : new Key(c));
        }

        Assert.Equal("Preview patch-weekly", ui.View.ScreenName);
        Assert.Contains("patch-weekly fires 12-08 05:00:13 UTC (in 2d 03h) · At 05:00 on Tuesday (UTC)", ui.Screen);
        Assert.Contains("1 AWS-RunPatchBaseline → 3 instances · MaxConcurrency 50% · MaxErrors 0", ui.Screen);
        Assert.Contains("3 instances · 3 missing patches by their last scan · 1 not Online", ui.Screen);
        Assert.Matches(@"i-0123456789abcdef0 web-1 Online +3 +0 +web", ui.LineWith(LabFixture.Web1));
        Assert.Contains("ConnectionLost: may n", ui.LineWith(LabFixture.Db1));
    }

    [Fact]
    public void Preview_FollowsTheFleet_AndEnterOpensAnInstance()
    {
        bool web2Gone = false;
        var client = new FakeLabClient
        {
            Overview = _ =>
            {
                var overview = LabFixture.Overview();
                if (web2Gone)
                {
                    overview.Windows[0].Tasks[0].InstanceIds.Remove(LabFixture.Web2);
                }

                return overview;
            },
        };
        using var ui = new HeadlessDashboard(client);
        ui.Press('2');
        ui.Press('v');

        web2Gone = true;
        ui.Refresh();

        Assert.Contains("→ 2 instances", ui.Screen);
        Assert.DoesNotContain(LabFixture.Web2, ui.Screen);
        ui.Press(Key.Enter);
        Assert.Equal("Instance web-1", ui.View.ScreenName);
    }

    [Fact]
    public void N_JumpsToTheWindowShown_FromItsScreenAndItsPreview()
    {
        using var ui = new HeadlessDashboard();
        ui.Press('2');
        ui.Press(Key.CursorDown);
        ui.Press(Key.Enter);

        ui.Press('n');
        ui.Press('v');
        ui.Press('n');

        Assert.Equal([LabFixture.ScanDaily, LabFixture.ScanDaily], ui.Client.Jumps);
    }

    [Fact]
    public void Compliance_DrawsBarsPerGroupAndSeverity_AndListsTheInstances()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(data: data);

        ui.Press('5');

        Assert.Equal(DashboardPage.Compliance, ui.View.Page);
        Assert.Contains("BY PATCH GROUP  █ compliant ▓ non-compliant ░ unreported", ui.Screen);
        Assert.Matches(@"web +█+▓+ 1/2 compliant · 1 non-compl", ui.LineWith("1/2 compliant"));
        Assert.Matches(@"\(no group\) ░+ 0/1 compliant · 1 unreported", ui.LineWith("(no group)"));
        Assert.Matches(@"Critical +█+·+ 1 \(1\)", ui.LineWith("Critical"));
        Assert.Matches(@"Important +█+▓+ 2 \(1\)", ui.LineWith("Important"));
        Assert.Matches(@"i-0123456789abcdef0 web-1 web +NON_COMPLIANT 1 +2 +0 +3", ui.LineWith(LabFixture.Web1));
        Assert.Equal(1, data.ComplianceCalls);

        ui.Press(Key.Enter);
        Assert.Equal("Instance web-1", ui.View.ScreenName);
    }

    [Fact]
    public void Compliance_ReadsOnlyWhileShown()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(data: data);
        ui.Refresh();
        Assert.Equal(0, data.ComplianceCalls);

        ui.Press('5');
        ui.Refresh();
        Assert.Equal(2, data.ComplianceCalls);

        ui.Press('1');
        ui.Refresh();
        Assert.Equal(2, data.ComplianceCalls);
    }

    [Fact]
    public void Compliance_FallsBackToTheOverview_WhenPatchStatesAreNotAvailableYet()
    {
        const string why = "not available yet: the emulator does not implement DescribeInstancePatchStates";
        var data = new FakeDashboardData { Compliance = _ => new ComplianceData(new Section<PatchStateItem>([], why), new Section<PatchItem>([], why)) };
        using var ui = new HeadlessDashboard(width: 120, data: data);

        ui.Press('5');

        Assert.Contains("from the overview (not available yet", ui.Screen);
        Assert.Contains("1/2 compliant · 1 non-compliant", ui.Screen);
        Assert.Contains(why, ui.LineWith("BY SEVERITY") + ui.Lines[Array.FindIndex(ui.Lines, l => l.Contains("BY SEVERITY", StringComparison.Ordinal)) + 1]);
    }

    [Fact]
    public void Executions_ShowTheGridTheCountsAndTheRamp()
    {
        using var ui = new HeadlessDashboard();

        ui.Press('3');

        Assert.Contains("IN_PROGRESS 2 instances:  ▶ 1 running  ✓ 1 success", ui.Screen);
        Assert.Contains("AWS-RunPatchBaseline ██████████▒▒▒▒▒▒▒▒▒▒ 1/2 done", ui.Screen);
        Assert.Contains("in flight 1/1 (MaxConcurrency 50%=1) errors 0/0", ui.Screen);
        Assert.Contains("▶ web-1 ✓ web-2", ui.Screen);
    }

    [Fact]
    public void Executions_EnterTwice_OpensTheSelectedInvocationsOutput()
    {
        var data = new FakeDashboardData();
        using var ui = new HeadlessDashboard(data: data);
        ui.Press('3');

        ui.Press(Key.Enter);
        ui.Press(Key.CursorDown); // web-2
        ui.Press(Key.Enter);

        Assert.Equal("Output web-2", ui.View.ScreenName);
        Assert.Contains("AWS-RunPatchBaseline on i-0fedcba9876543210 · Success", ui.Screen);
        ui.Press(Key.Esc);
        Assert.Contains("Esc  Back", ui.Lines[^1]); // back on the invocations, Esc once more to the executions
    }

    [Fact]
    public void DetailScreens_SayTheyAreNotAvailable_WithoutAnSsmEndpoint()
    {
        using var ui = new HeadlessDashboard(withoutData: true);

        ui.Press(Key.Enter);

        Assert.Contains(NoDashboardData.Reason, ui.Screen);
        Assert.Contains("web-1 i-0123456789abcdef0", ui.Screen); // the overview part still shows
    }

    [Fact]
    public void NumberKeys_CloseDetailScreens()
    {
        using var ui = new HeadlessDashboard();
        ui.Press(Key.Enter);
        ui.Press(Key.Tab);
        ui.Press(Key.Enter);

        ui.Press('2');

        Assert.False(ui.View.DetailOpen);
        Assert.Equal("Windows", ui.View.ScreenName);
    }
}
