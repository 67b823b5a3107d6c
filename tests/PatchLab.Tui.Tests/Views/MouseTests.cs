using System.Drawing;
using PatchLab.Tui.Models;
using PatchLab.Tui.Tests.Fakes;
using PatchLab.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace PatchLab.Tui.Tests.Views;

/// <summary>The mouse is optional: everything works from the keyboard, and clicks do what the keys do.</summary>
[Collection(TerminalCollection.Name)]
public sealed class MouseTests
{
    [Fact]
    public void ClickingATab_ShowsItsPage()
    {
        using var ui = new HeadlessDashboard();
        int x = ui.Lines[1].IndexOf(" 3 ", StringComparison.Ordinal); // compact tabs at 80 columns: "[1 Fleet] 2 3 4 …"

        ui.App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new Point(x + 1, 1)));

        Assert.Equal(DashboardPage.Executions, ui.View.Page);
        Assert.Contains("[3 Executions]", ui.Screen);
    }

    [Fact]
    public void DoubleClickingARow_OpensIt_AsEnterDoes()
    {
        using var ui = new HeadlessDashboard();
        int y = Array.FindIndex(ui.Lines, l => l.Contains(LabFixture.Db1, StringComparison.Ordinal));

        ui.App.InjectSequence(InputInjectionExtensions.LeftButtonDoubleClick(new Point(10, y)));

        Assert.Equal("Instance db-1", ui.View.ScreenName);
        Assert.False(ui.View.StopRequested);
    }

    [Fact]
    public void TheWheel_ScrollsAnOutput()
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

        Wheel(ui, MouseFlags.WheeledDown);
        Wheel(ui, MouseFlags.WheeledDown);

        // three lines a notch: the invocation's header, the blank and the plugin's title, then line 1 and 2 scrolled away
        Assert.DoesNotContain("│line 2 ", ui.Screen);
        Assert.Contains("│line 3 ", ui.Screen);

        Wheel(ui, MouseFlags.WheeledUp);
        Assert.Contains("│line 1 ", ui.Screen);

        static void Wheel(HeadlessDashboard ui, MouseFlags flags) =>
            ui.App.InjectSequence(new MouseInjectionEvent(new Mouse { ScreenPosition = new Point(10, 10), Flags = flags }));
    }

    [Theory]
    // "[1 Fleet] 2 Windows 3 Executions 4 Events 5 Compliance 6 Commands 7 Baselines"
    [InlineData(DashboardPage.Fleet, 0, DashboardPage.Fleet)]
    [InlineData(DashboardPage.Fleet, 10, DashboardPage.Windows)]
    [InlineData(DashboardPage.Fleet, 9, null)]
    [InlineData(DashboardPage.Fleet, 53, DashboardPage.Compliance)]
    [InlineData(DashboardPage.Fleet, 60, DashboardPage.Commands)]
    [InlineData(DashboardPage.Fleet, 80, null)]
    // "1 Fleet 2 Windows [3 Executions] 4 Events 5 Compliance"
    [InlineData(DashboardPage.Executions, 18, DashboardPage.Executions)]
    [InlineData(DashboardPage.Executions, 33, DashboardPage.Events)]
    public void TabAt_FindsTheTabUnderTheMouse(DashboardPage shown, int x, DashboardPage? expected) =>
        Assert.Equal(expected, KeyMap.TabAt(shown, x));

    [Theory]
    // "[1 Fleet] 2 3 4 5 6 7": the compact tabs of a narrow screen
    [InlineData(DashboardPage.Fleet, 0, DashboardPage.Fleet)]
    [InlineData(DashboardPage.Fleet, 10, DashboardPage.Windows)]
    [InlineData(DashboardPage.Fleet, 20, DashboardPage.Baselines)]
    [InlineData(DashboardPage.Fleet, 11, null)]
    public void TabAt_FindsTheCompactTabUnderTheMouse(DashboardPage shown, int x, DashboardPage? expected) =>
        Assert.Equal(expected, KeyMap.TabAt(shown, x, compact: true));
}
