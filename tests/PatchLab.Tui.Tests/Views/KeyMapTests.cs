using PatchLab.Tui.Views;

namespace PatchLab.Tui.Tests.Views;

public sealed class KeyMapTests
{
    private static readonly string[] ClockKeys = ["+", "-", "p", "n"];

    public static TheoryData<DashboardPage, bool, bool, bool, string> StatusBars => new()
    {
        // the clock keys everywhere, n only where a window can be selected
        { DashboardPage.Fleet, false, false, false, "? : + - p q" },
        { DashboardPage.Windows, false, false, false, "? : + - p n q" },
        { DashboardPage.Executions, false, false, false, "? : + - p Enter q" },
        { DashboardPage.Executions, false, false, true, "? : + - p Esc q" },
        { DashboardPage.Events, false, false, false, "? : + - p q" },
        // read-only: no clock keys
        { DashboardPage.Windows, true, false, false, "? : q" },
        { DashboardPage.Executions, true, false, false, "? : Enter q" },
    };

    [Theory]
    [MemberData(nameof(StatusBars))]
    public void StatusBar_ListsTheKeysThatApply(DashboardPage page, bool readOnly, bool paused, bool invocationsFocused, string expected) =>
        Assert.Equal(expected, string.Join(" ", KeyMap.StatusBar(page, readOnly, paused, invocationsFocused).Select(k => k.Key)));

    [Theory]
    [InlineData(false, "Pause")]
    [InlineData(true, "Resume")]
    public void StatusBar_SaysWhatPWillDo(bool paused, string label) =>
        Assert.Contains(KeyMap.StatusBar(DashboardPage.Fleet, readOnly: false, paused, invocationsFocused: false), k => k.Key == "p" && k.Label == label);

    [Fact]
    public void StatusBar_FitsIn80Columns_OnEveryPage()
    {
        foreach (DashboardPage page in Enum.GetValues<DashboardPage>())
        {
            foreach (bool focused in new[] { false, true })
            {
                // Terminal.Gui draws each shortcut as " key  label │".
                int width = KeyMap.StatusBar(page, readOnly: false, paused: true, focused).Sum(k => k.Key.Length + 2 + k.Label.Length + 3) + 1;
                Assert.True(width <= 80, $"{page}: {width} columns");
            }
        }
    }

    [Fact]
    public void All_ListsEveryKey_AndHidesClockKeysWhenReadOnly()
    {
        string[] all = [.. KeyMap.All(readOnly: false).Select(k => k.Key)];
        string[] readOnly = [.. KeyMap.All(readOnly: true).Select(k => k.Key)];

        Assert.Superset(new HashSet<string>(["1", "2", "3", "4", ":", "?", "Enter", "Esc", "q", .. ClockKeys]), new HashSet<string>(all));
        Assert.Empty(readOnly.Intersect(ClockKeys));
        Assert.Contains("q", readOnly);
    }

    [Theory]
    [InlineData(DashboardPage.Fleet, "[1 Fleet]  2 Windows  3 Executions  4 Events")]
    [InlineData(DashboardPage.Executions, "1 Fleet  2 Windows  [3 Executions]  4 Events")]
    public void Tabs_MarkTheShownPage(DashboardPage page, string expected) => Assert.Equal(expected, KeyMap.Tabs(page));
}
