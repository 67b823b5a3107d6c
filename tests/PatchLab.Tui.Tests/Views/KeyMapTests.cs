using PatchLab.Tui.Views;

namespace PatchLab.Tui.Tests.Views;

public sealed class KeyMapTests
{
    private static readonly string[] MutatingKeys = ["+", "-", "+ -", "p", "n", "Space", "R", "X", "O", "Ctrl+D", "c", "C", "e", "t", "T"];

    // The keys each screen declares, as the screens build them (read-write).
    public static TheoryData<string, KeyHint[]> Screens => new()
    {
        { "fleet", [KeyMap.Open, KeyMap.Mark, KeyMap.Reboot, KeyMap.Stop, KeyMap.Start, KeyMap.Terminate] },
        { "windows", [KeyMap.Open, KeyMap.Preview, KeyMap.Create, KeyMap.Edit, KeyMap.Delete, KeyMap.Jump] },
        { "executions", [KeyMap.Invocations, KeyMap.CancelExecution] },
        { "commands", [KeyMap.Open, KeyMap.SendCommand, KeyMap.CancelCommand] },
        { "command", [KeyMap.Output, KeyMap.Back, KeyMap.CancelCommand] },
        { "baselines", [KeyMap.Open, KeyMap.Create, KeyMap.Edit, KeyMap.Delete] },
        { "baseline", [KeyMap.Back, KeyMap.Edit, KeyMap.Delete, KeyMap.Scroll] },
        { "form", [KeyMap.Send, KeyMap.NextField, KeyMap.CancelForm] },
        { "invocations", [KeyMap.Output, KeyMap.Back] },
        { "instance", [KeyMap.Output, KeyMap.Back, KeyMap.Reboot, KeyMap.Stop, KeyMap.Start, KeyMap.Terminate] },
        { "window", [KeyMap.Execution, KeyMap.Back, KeyMap.Preview, KeyMap.RegisterTarget, KeyMap.RegisterTask, KeyMap.CancelExecution, KeyMap.Edit, KeyMap.Jump] },
        { "output", [KeyMap.Back, KeyMap.Scroll] },
    };

    [Fact]
    public void StatusBar_PutsHelpFirst_TheViewsKeysNext_AndQuitLast()
    {
        IReadOnlyList<KeyHint> hints = KeyMap.StatusBar([KeyMap.Open, KeyMap.Preview, KeyMap.Jump], readOnly: false, paused: false);

        Assert.Equal("? Enter v / p n : s q", string.Join(" ", hints.Select(k => k.Key)));
    }

    [Fact]
    public void StatusBar_LeavesOutTheClock_WhenReadOnly() =>
        Assert.Equal("? Enter / : s q", string.Join(" ", KeyMap.StatusBar([KeyMap.Open], readOnly: true, paused: false).Select(k => k.Key)));

    [Theory]
    [InlineData(false, "Pause")]
    [InlineData(true, "Resume")]
    public void StatusBar_SaysWhatPWillDo(bool paused, string label) =>
        Assert.Contains(KeyMap.StatusBar([], readOnly: false, paused), k => k.Key == "p" && k.Label == label);

    [Theory]
    [MemberData(nameof(Screens))]
    public void Fit_KeepsHelpAndQuit_AndFitsIn80Columns(string screen, KeyHint[] keys)
    {
        IReadOnlyList<KeyHint> fitted = KeyMap.Fit(KeyMap.StatusBar(keys, readOnly: false, paused: true), 80);

        Assert.Equal("?", fitted[0].Key);
        Assert.Equal("q", fitted[^1].Key);
        Assert.Equal(keys[0], fitted[1]); // the view's first key always makes it
        int width = fitted.Sum(KeyMap.Width) + 1;
        Assert.True(width <= 80, $"{screen}: {width} columns");
    }

    [Fact]
    public void Fit_ShowsMoreKeys_OnWiderScreens()
    {
        KeyHint[] fleet = [KeyMap.Open, KeyMap.Mark, KeyMap.Reboot, KeyMap.Stop, KeyMap.Start, KeyMap.Terminate];
        IReadOnlyList<KeyHint> all = KeyMap.StatusBar(fleet, readOnly: false, paused: false);

        Assert.True(KeyMap.Fit(all, 80).Count < KeyMap.Fit(all, 200).Count);
        Assert.Equal(all, KeyMap.Fit(all, 200));
    }

    [Fact]
    public void All_ListsTheViewsKeysFirst_ThenTheGlobalOnes_WithoutRepeats()
    {
        IReadOnlyList<KeyHint> help = KeyMap.All([KeyMap.Open, KeyMap.Back], readOnly: false);

        Assert.Equal(["Enter", "Esc"], help.Take(2).Select(k => k.Key));
        Assert.Single(help, k => k.Key == "Esc");
        Assert.Superset(new HashSet<string>(["1-7", "/", "s S", ":", "?", "+ -", "p", "q"]), new HashSet<string>(help.Select(k => k.Key)));
    }

    [Fact]
    public void All_AndInstanceActions_HideEveryMutatingKey_WhenReadOnly()
    {
        string[] readOnly = [.. KeyMap.All(KeyMap.InstanceActions(readOnly: true), readOnly: true).Select(k => k.Key)];

        Assert.Empty(readOnly.Intersect(MutatingKeys));
        Assert.Contains("q", readOnly);
        Assert.Equal(["R", "X", "O", "Ctrl+D"], KeyMap.InstanceActions(readOnly: false).Select(k => k.Key));
    }

    [Theory]
    [InlineData(DashboardPage.Fleet, "[1 Fleet] 2 Windows 3 Executions 4 Events 5 Compliance 6 Commands 7 Baselines")]
    [InlineData(DashboardPage.Compliance, "1 Fleet 2 Windows 3 Executions 4 Events [5 Compliance] 6 Commands 7 Baselines")]
    public void Tabs_MarkTheShownPage(DashboardPage page, string expected) => Assert.Equal(expected, KeyMap.Tabs(page));

    [Fact]
    public void Tabs_Compact_ShowTheOtherPagesByNumber() =>
        Assert.Equal("1 2 3 4 5 [6 Commands] 7", KeyMap.Tabs(DashboardPage.Commands, compact: true));
}
