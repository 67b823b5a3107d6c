namespace PatchLab.Tui.Views;

/// <summary>
/// The dashboard's keys, in one place. Each screen lists the keys of its own view; the help shows those and then the
/// global ones, and the status bar shows them by priority, as many as fit. Read-only mode leaves out every key that
/// changes the lab (clock, jump, marks, instance actions).
/// </summary>
public static class KeyMap
{
    /// <summary>? — help.</summary>
    public static readonly KeyHint Help = new("?", "Help", "show or hide this help");
    /// <summary>: — command line.</summary>
    public static readonly KeyHint Command = new(":", "Cmd", "command: " + string.Join(" ", PromptCommands.PageCommands) + " quit");
    /// <summary>/ — filter.</summary>
    public static readonly KeyHint Filter = new("/", "Filter", "filter: text, tag:Key=Value, tag:Key, !text (Esc clears)");
    /// <summary>s — sort.</summary>
    public static readonly KeyHint Sort = new("s", "Sort", "sort by the next column (then back to the emulator's order)");
    /// <summary>S — reverse the sort.</summary>
    public static readonly KeyHint Reverse = new("S", "Reverse", "reverse the sort");
    /// <summary>+ and - — clock speed (help only).</summary>
    public static readonly KeyHint Speed = new("+ -", "Speed", "clock twice / half as fast");
    /// <summary>p — pause (when running).</summary>
    public static readonly KeyHint Pause = new("p", "Pause", "pause or resume the clock");
    /// <summary>p — resume (when paused).</summary>
    public static readonly KeyHint Resume = new("p", "Resume", "pause or resume the clock");
    /// <summary>n — jump the clock.</summary>
    public static readonly KeyHint Jump = new("n", "Jump", "jump the clock to the window's next execution");
    /// <summary>v — preview a window.</summary>
    public static readonly KeyHint Preview = new("v", "Preview", "preview the window: which instances it will hit, what they miss");
    /// <summary>Enter — open the selected row.</summary>
    public static readonly KeyHint Open = new("Enter", "Open", "open the selected row");
    /// <summary>Enter — from executions to their invocations.</summary>
    public static readonly KeyHint Invocations = new("Enter", "Invocations", "go to the selected execution's invocations");
    /// <summary>Enter — an invocation's output.</summary>
    public static readonly KeyHint Output = new("Enter", "Output", "show the selected invocation's output");
    /// <summary>Enter — an execution of a window.</summary>
    public static readonly KeyHint Execution = new("Enter", "Execution", "show the selected execution's live progress");
    /// <summary>Space — mark.</summary>
    public static readonly KeyHint Mark = new("Space", "Mark", "mark or unmark the instance for a bulk action; Esc clears the marks");
    /// <summary>R — reboot.</summary>
    public static readonly KeyHint Reboot = new("R", "Reboot", "reboot the marked instances (or the selected one), after y");
    /// <summary>X — stop.</summary>
    public static readonly KeyHint Stop = new("X", "Stop", "stop the marked instances (or the selected one), after y");
    /// <summary>O — start.</summary>
    public static readonly KeyHint Start = new("O", "Start", "start the marked instances (or the selected one), after y");
    /// <summary>Ctrl+D — terminate.</summary>
    public static readonly KeyHint Terminate = new("Ctrl+D", "Terminate", "terminate the marked instances (or the selected one), after y");
    /// <summary>c — create (a window, a baseline).</summary>
    public static readonly KeyHint Create = new("c", "Create", "create one: a form the emulator validates");
    /// <summary>e — edit.</summary>
    public static readonly KeyHint Edit = new("e", "Edit", "edit the selected one in a form");
    /// <summary>Ctrl+D — delete (where no instance is selected).</summary>
    public static readonly KeyHint Delete = new("Ctrl+D", "Delete", "delete the selected one, after y");
    /// <summary>c — send a command.</summary>
    public static readonly KeyHint SendCommand = new("c", "Send", "send a command: document, targets or instance ids, parameters, limits");
    /// <summary>C — cancel a command.</summary>
    public static readonly KeyHint CancelCommand = new("C", "Cancel", "cancel the command (CancelCommand), after y");
    /// <summary>C — cancel a window execution.</summary>
    public static readonly KeyHint CancelExecution = new("C", "Cancel", "cancel the selected window execution (CancelMaintenanceWindowExecution), after y");
    /// <summary>t — register a target.</summary>
    public static readonly KeyHint RegisterTarget = new("t", "Target+", "register a target with the window");
    /// <summary>T — register a task.</summary>
    public static readonly KeyHint RegisterTask = new("T", "Task+", "register a RUN_COMMAND task with the window");
    /// <summary>Ctrl+D — deregister a target or a task.</summary>
    public static readonly KeyHint UpdateTargetOrTask = new("u", "Update", "update the selected target or task in a form (UpdateMaintenanceWindowTarget/-Task)");

    public static readonly KeyHint AddPatchGroup = new("g", "Group+", "assign the baseline to a patch group (RegisterPatchBaselineForPatchGroup)");

    public static readonly KeyHint RemovePatchGroup = new("G", "Group-", "take a patch group off the baseline (DeregisterPatchBaselineForPatchGroup)");

    public static readonly KeyHint SetDefault = new("D", "Default", "make it the default baseline for its OS (RegisterDefaultPatchBaseline), after y");

    public static readonly KeyHint Deregister = new("Ctrl+D", "Deregister", "deregister the selected target or task, after y");
    /// <summary>Enter — send a form.</summary>
    public static readonly KeyHint Send = new("Enter", "Send", "send the form; the emulator's answer shows in it");
    /// <summary>Tab — next field.</summary>
    public static readonly KeyHint NextField = new("Tab", "Next", "next field (Shift+Tab: previous)");
    /// <summary>Ctrl+R — the update forms' Replace toggle.</summary>
    public static readonly KeyHint Replace = new("Ctrl+R", "Replace",
        "Replace yes/no (the update forms): yes sends Replace=true, so every required field must be filled and the optional ones left empty are cleared; no: an empty field keeps its value");
    /// <summary>Esc — cancel a form.</summary>
    public static readonly KeyHint CancelForm = new("Esc", "Cancel", "close the form without sending");
    /// <summary>Ctrl+Q — quit from a form, where q is typed.</summary>
    public static readonly KeyHint QuitForm = new("Ctrl+Q", "Quit", "quit the dashboard");
    /// <summary>Esc — back.</summary>
    public static readonly KeyHint Back = new("Esc", "Back", "back; clears the filter first, closes help and command line");
    /// <summary>Arrows — scroll.</summary>
    public static readonly KeyHint Scroll = new("↑↓ PgUp PgDn", "Scroll", "scroll the output");
    /// <summary>q — quit.</summary>
    public static readonly KeyHint Quit = new("q", "Quit", "quit (also Ctrl+Q)");

    /// <summary>The instance actions, for screens that show instances (none in read-only mode).</summary>
    public static IReadOnlyList<KeyHint> InstanceActions(bool readOnly) => readOnly ? [] : [Reboot, Stop, Start, Terminate];

    /// <summary>Keys that work everywhere, for the help.</summary>
    public static IReadOnlyList<KeyHint> Global(bool readOnly)
    {
        var keys = new List<KeyHint>
        {
            new("1-7", "Pages", "fleet, windows, executions, events, compliance, commands, baselines"),
            new("↑↓ ←→", "Move", "move the selection (PgUp PgDn Home End); Tab: next table"),
            Filter,
            new("s S", "Sort", "sort by the next column, then back to the emulator's order; S reverses"),
            Back, Command, Help,
        };
        if (!readOnly)
        {
            keys.AddRange([Speed, Pause]);
        }

        keys.Add(Quit);
        return keys;
    }

    /// <summary>The help: the keys of this view first, then the global ones it does not repeat.</summary>
    public static IReadOnlyList<KeyHint> All(IReadOnlyList<KeyHint> screenKeys, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(screenKeys);
        return [.. screenKeys, .. Global(readOnly).Where(g => !screenKeys.Any(k => k.Key == g.Key))];
    }

    /// <summary>
    /// Keys for the status bar, most useful first: Help, the view's own keys, filter, pause, command, sort, then quit
    /// last. <see cref="Fit"/> keeps as many as the width allows. The clock speed keys (+ -) are only in the help: as a
    /// pair they rarely both fit, and one without the other reads wrong.
    /// </summary>
    /// <param name="screenKeys">Keys of the shown view.</param>
    /// <param name="readOnly">Clock keys hidden.</param>
    /// <param name="paused">The clock is paused ("p Resume" rather than "p Pause").</param>
    public static IReadOnlyList<KeyHint> StatusBar(IReadOnlyList<KeyHint> screenKeys, bool readOnly, bool paused)
    {
        ArgumentNullException.ThrowIfNull(screenKeys);
        // The view's two main keys come before filter and pause; its other keys after them.
        var keys = new List<KeyHint> { Help };
        keys.AddRange(screenKeys.Take(2));
        keys.Add(Filter);
        if (!readOnly)
        {
            keys.Add(paused ? Resume : Pause);
        }

        keys.AddRange(screenKeys.Skip(2));
        keys.Add(Command);
        keys.Add(Sort);
        keys.Add(Quit);
        return keys;
    }

    /// <summary>
    /// The help as lines at most <paramref name="width"/> wide: each key in a column, its description wrapped beside it.
    /// </summary>
    public static IReadOnlyList<string> HelpLines(IReadOnlyList<KeyHint> keys, int width)
    {
        ArgumentNullException.ThrowIfNull(keys);
        int keyWidth = Math.Min(15, keys.Count == 0 ? 0 : keys.Max(k => k.Key.Length));
        int textWidth = Math.Max(10, width - keyWidth - 1);
        var lines = new List<string>();
        foreach (KeyHint key in keys)
        {
            IReadOnlyList<string> text = Render.OutputText.Wrap(key.Description, textWidth);
            for (int i = 0; i < text.Count; i++)
            {
                lines.Add((i == 0 ? key.Key.PadRight(keyWidth) : new string(' ', keyWidth)) + " " + text[i]);
            }
        }

        return lines;
    }

    /// <summary>Columns a hint takes in Terminal.Gui's status bar: " key  label │".</summary>
    public static int Width(KeyHint hint)
    {
        ArgumentNullException.ThrowIfNull(hint);
        return hint.Key.Length + 2 + hint.Label.Length + 3;
    }

    /// <summary>
    /// The first and last hints always, and the others in order until one does not fit in <paramref name="width"/>
    /// columns: strictly by priority, so a narrow screen never shows a minor key in place of a major one.
    /// </summary>
    public static IReadOnlyList<KeyHint> Fit(IReadOnlyList<KeyHint> hints, int width)
    {
        ArgumentNullException.ThrowIfNull(hints);
        if (hints.Count <= 2)
        {
            return hints;
        }

        int used = 1 + Width(hints[0]) + Width(hints[^1]);
        var kept = new List<KeyHint> { hints[0] };
        foreach (KeyHint hint in hints.Skip(1).Take(hints.Count - 2))
        {
            if (used + Width(hint) > width)
            {
                break;
            }

            kept.Add(hint);
            used += Width(hint);
        }

        kept.Add(hints[^1]);
        return kept;
    }

    /// <summary>
    /// The page whose tab is at column <paramref name="x"/> of <see cref="Tabs"/>(<paramref name="shown"/>, <paramref name="compact"/>),
    /// or null (a click between tabs).
    /// </summary>
    public static DashboardPage? TabAt(DashboardPage shown, int x, bool compact = false)
    {
        int start = 0;
        foreach (DashboardPage page in Enum.GetValues<DashboardPage>())
        {
            int length = Tab(page, shown, compact).Length;
            if (x >= start && x < start + length)
            {
                return page;
            }

            start += length + 1;
        }

        return null;
    }

    /// <summary>
    /// The page tabs, the shown one in brackets: "[1 Fleet] 2 Windows 3 Executions …". Compact (a narrow terminal, so the
    /// fleet counts keep their room): the other pages by number only, "[1 Fleet] 2 3 4 5 6 7".
    /// </summary>
    public static string Tabs(DashboardPage page, bool compact = false) =>
        string.Join(" ", Enum.GetValues<DashboardPage>().Select(p => Tab(p, page, compact)));

    private static string Tab(DashboardPage page, DashboardPage shown, bool compact)
    {
        string number = ((int)page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return page == shown ? $"[{number} {page}]" : compact ? number : $"{number} {page}";
    }
}
