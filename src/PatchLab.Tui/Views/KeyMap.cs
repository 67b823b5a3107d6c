namespace PatchLab.Tui.Views;

/// <summary>
/// The dashboard's keys, in one place: the help lists them all, the status bar the ones that apply to the page.
/// Clock keys are left out in read-only mode.
/// </summary>
public static class KeyMap
{
    private static readonly KeyHint Help = new("?", "Help", "show or hide this help");
    private static readonly KeyHint Command = new(":", "Cmd", "command line: " + string.Join(" ", PromptCommands.PageCommands) + " quit|q");
    private static readonly KeyHint Faster = new("+", "x2", "clock twice as fast");
    private static readonly KeyHint Slower = new("-", "÷2", "clock half as fast");
    private static readonly KeyHint Pause = new("p", "Pause", "pause or resume the clock");
    private static readonly KeyHint Resume = new("p", "Resume", "pause or resume the clock");
    private static readonly KeyHint Jump = new("n", "Jump", "jump the clock to the selected window's next execution");
    private static readonly KeyHint Open = new("Enter", "Invocations", "go to the selected execution's invocations");
    private static readonly KeyHint Back = new("Esc", "Back", "back to the executions list; closes help and command line");
    private static readonly KeyHint Quit = new("q", "Quit", "quit (also Ctrl+Q)");

    /// <summary>Every key, for the help overlay.</summary>
    public static IReadOnlyList<KeyHint> All(bool readOnly)
    {
        var keys = new List<KeyHint>
        {
            new("1", "Fleet", "fleet: instances, ping, patch counts, compliance"),
            new("2", "Windows", "maintenance windows and their next execution"),
            new("3", "Executions", "window executions; the selected one's invocations below"),
            new("4", "Events", "emulator event log, newest at the bottom"),
            new("↑↓ PgUp PgDn", "Move", "move the selection; Tab switches table"),
            Open, Back, Command, Help,
        };
        if (!readOnly)
        {
            keys.AddRange([Faster, Slower, Pause, Jump]);
        }

        keys.Add(Quit);
        return keys;
    }

    /// <summary>Keys that apply now, for the status bar (fits 80 columns).</summary>
    /// <param name="page">Shown page.</param>
    /// <param name="readOnly">Clock keys hidden.</param>
    /// <param name="paused">The clock is paused ("p Resume" rather than "p Pause").</param>
    /// <param name="invocationsFocused">The invocations table has the focus (Esc goes back).</param>
    public static IReadOnlyList<KeyHint> StatusBar(DashboardPage page, bool readOnly, bool paused, bool invocationsFocused)
    {
        var keys = new List<KeyHint> { Help, Command };
        if (!readOnly)
        {
            keys.AddRange([Faster, Slower, paused ? Resume : Pause]);
            if (page == DashboardPage.Windows)
            {
                keys.Add(Jump);
            }
        }

        if (page == DashboardPage.Executions)
        {
            keys.Add(invocationsFocused ? Back : Open);
        }

        keys.Add(Quit);
        return keys;
    }

    /// <summary>The page tabs, the shown one in brackets: "[1 Fleet]  2 Windows  3 Executions  4 Events".</summary>
    public static string Tabs(DashboardPage page) => string.Join("  ", Enum.GetValues<DashboardPage>().Select(p =>
    {
        string tab = $"{(int)p + 1} {p}";
        return p == page ? $"[{tab}]" : tab;
    }));
}
