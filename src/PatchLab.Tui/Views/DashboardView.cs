using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// The dashboard screen: header, one page at a time (fleet, windows, executions, events, compliance) with detail
/// screens opened over it (an instance, a window, a preview, an output; Esc comes back), a command and filter line, a
/// flash line and a status bar. It only paints what <see cref="DashboardModel"/> publishes, on the UI thread through
/// <see cref="IApplication.Invoke(Action)"/>, and sends actions through the model (clock) or
/// <see cref="IDashboardData"/> (instances).
/// </summary>
public sealed partial class DashboardView : Runnable, IScreenHost
{
    private static readonly TimeSpan InfoFlashTime = TimeSpan.FromSeconds(5);

    private readonly IApplication _app;
    private readonly DashboardModel _model;
    private readonly TuiOptions _options;
    private readonly IDashboardData _data;
    private readonly CancellationTokenSource _actions = new();
    private readonly HeaderLine _title = new(0) { Right = "connecting…" }; // title | clock
    private readonly HeaderLine _tabs = new(1); // page tabs | fleet counts
    private readonly PagesView _pages = new() { X = 0, Y = 2, Width = Dim.Fill(), Height = Dim.Fill(2), CanFocus = true };
    private readonly Dictionary<DashboardPage, Screen> _pageScreens = [];
    private readonly List<Screen> _stack = [];
    private readonly List<ResourceTable?> _returnFocus = []; // per opened screen: the table to focus again when it closes
    private readonly Label _flash = new() { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Text = "" };
    private readonly Label _promptMark = new() { X = 0, Y = Pos.AnchorEnd(2), Text = ":", Visible = false };
    private readonly TextField _prompt = new() { X = 1, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Visible = false };
    private readonly FrameView _help = new() { Title = "Keys", X = Pos.Center(), Y = Pos.Center(), Width = Dim.Auto(), Height = Dim.Auto(), Visible = false };
    private readonly HintBar _statusBar = new();
    private DashboardSnapshot? _snapshot;
    private bool _flashIsLoadError;
    private object? _flashTimeout;
    private bool _filtering;
    private bool _compactTabs;
    private ResourceTable? _filterTable;
    private RowFilter? _filterBefore;
    private Action? _confirm; // a question on the flash line waits for y
    private volatile bool _disposed; // read by Post on the model's thread

    /// <summary>Builds the screen and subscribes to <paramref name="model"/> and the application's keyboard.</summary>
    /// <param name="app">An initialized application; updates are marshalled to its UI thread.</param>
    /// <param name="model">The model to paint; the caller starts and disposes it.</param>
    /// <param name="options">Header URL, read-only mode and the SSM data source.</param>
    public DashboardView(IApplication app, DashboardModel model, TuiOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        _app = app;
        _model = model;
        _options = options;
        _data = options.Data ?? new NoDashboardData();

        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        _title.Left = string.IsNullOrEmpty(options.EmulatorUrl) ? "PatchLab" : $"PatchLab  {options.EmulatorUrl}";
        _pageScreens[DashboardPage.Fleet] = new FleetScreen(this);
        _pageScreens[DashboardPage.Windows] = new WindowsScreen(this);
        _pageScreens[DashboardPage.Executions] = new ExecutionsScreen(this);
        _pageScreens[DashboardPage.Events] = new EventsScreen(this);
        _pageScreens[DashboardPage.Compliance] = new ComplianceScreen(this);
        _pageScreens[DashboardPage.Commands] = new CommandsScreen(this);
        _pageScreens[DashboardPage.Baselines] = new BaselinesScreen(this);
        foreach (Screen screen in _pageScreens.Values)
        {
            screen.Visible = false;
            _pages.Add(screen);
        }

        Add(_title, _tabs, _pages, _flash, _promptMark, _prompt, _statusBar, _help);

        _prompt.TextChanged += (_, _) => OnPromptTextChanged();
        _tabs.MouseEvent += (_, mouse) =>
        {
            // The mouse is optional: a click on a tab does what its number key does.
            if (mouse.IsSingleClicked && mouse.Position is { } at && KeyMap.TabAt(Page, at.X, _compactTabs) is { } page)
            {
                _help.Visible = false;
                ShowPage(page);
                mouse.Handled = true;
            }
        };
        ViewportChanged += (_, _) => UpdateHeader();
        _app.Keyboard.KeyDown += OnKeyDown;
        _model.Changed += OnModelChanged;
        _model.LoadFailed += OnModelLoadFailed;

        ShowPage(DashboardPage.Fleet);
        if (_model.Current is { } current)
        {
            Apply(current);
        }
    }

    /// <summary>The page shown (under any detail screen).</summary>
    public DashboardPage Page { get; private set; }

    /// <summary>Name of the screen shown: the page, or the detail on top ("Instance web-1").</summary>
    public string ScreenName => Current.Name;

    /// <summary>True when a detail screen is open over the page.</summary>
    public bool DetailOpen => _stack.Count > 0;

    IDashboardData IScreenHost.Data => _data;

    DashboardSnapshot? IScreenHost.Snapshot => _snapshot;

    bool IScreenHost.ReadOnly => _options.ReadOnly;

    ISsmConsole? IScreenHost.Ssm => _options.Ssm;

    CancellationToken IScreenHost.Stopping => _actions.Token;

    private Screen Current => _stack.Count > 0 ? _stack[^1] : _pageScreens[Page];

    /// <summary>Shows <paramref name="page"/>, closing any detail screen, and gives its table the focus.</summary>
    public void ShowPage(DashboardPage page)
    {
        CloseDetails();
        Page = page;
        foreach ((DashboardPage p, Screen screen) in _pageScreens)
        {
            screen.Visible = p == page;
        }

        Current.FocusDefault();
        Current.Shown();
        UpdateHeader();
        UpdateStatusBar();
    }

    void IScreenHost.Post(Action action) => Post(action);

    void IScreenHost.Flash(string text) => Flash(text, isLoadError: false);

    void IScreenHost.Open(Screen screen) => Open(screen);

    void IScreenHost.ShowExecution(string windowExecutionId)
    {
        ShowPage(DashboardPage.Executions);
        ((ExecutionsScreen)_pageScreens[DashboardPage.Executions]).Select(windowExecutionId);
    }

    void IScreenHost.KeysChanged() => UpdateStatusBar();

    void IScreenHost.Confirm(string question, Action yes)
    {
        _confirm = yes;
        Flash(question, isLoadError: true);
    }

    void IScreenHost.RunAction(string label, Func<CancellationToken, Task<string>> action)
    {
        Flash($"{label}…", isLoadError: false);
        _ = RunAsync();

        async Task RunAsync()
        {
            string text;
            try
            {
                text = await action(_actions.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_actions.IsCancellationRequested)
            {
                return; // quitting
            }
            catch (Amazon.Runtime.AmazonServiceException ex) when (!string.IsNullOrEmpty(ex.ErrorCode))
            {
                text = $"✗ {label}: {ex.ErrorCode}: {Format.FirstLine(ex.Message)}";
            }
#pragma warning disable CA1031 // The emulator's refusal is shown as a flash, never a crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                text = $"✗ {label}: {Format.FirstLine(ex.Message)}";
            }

            Post(() =>
            {
                Flash(text, isLoadError: false);
                Current.Shown(); // the screen reloads what it shows (a list of commands, a window's targets)
            });
            await _model.RefreshAsync(_actions.Token).ConfigureAwait(false);
        }
    }

    void IScreenHost.Close(Screen screen)
    {
        if (_stack.Count > 0 && _stack[^1] == screen)
        {
            CloseTop();
            Current.Shown();
        }
    }

    void IScreenHost.RefreshNow() => _ = _model.RefreshAsync(_actions.Token);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _app.Keyboard.KeyDown -= OnKeyDown;
            _model.Changed -= OnModelChanged;
            _model.LoadFailed -= OnModelLoadFailed;
            _actions.Cancel();
            _actions.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override bool OnClearingViewport() => CoveredClear.ClearUncoveredRows(this);

    private void Open(Screen screen)
    {
        _returnFocus.Add(Current.ActiveTable);
        Current.Visible = false;
        _stack.Add(screen);
        _pages.Add(screen);
        screen.Visible = true;
        if (_snapshot is not null)
        {
            screen.Apply(_snapshot);
        }

        screen.FocusDefault();
        screen.Shown();
        UpdateStatusBar();
    }

    private void CloseTop()
    {
        Screen top = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        ResourceTable? returnTo = _returnFocus[^1];
        _returnFocus.RemoveAt(_returnFocus.Count - 1);
        _pages.Remove(top);
        top.Dispose();
        Current.Visible = true;
        if (returnTo is not null && Current.Tables.Contains(returnTo))
        {
            returnTo.Table.SetFocus(); // back on the table Enter was pressed in
        }
        else
        {
            Current.FocusDefault();
        }

        if (_snapshot is not null)
        {
            Current.Apply(_snapshot);
        }

        UpdateStatusBar();
    }

    private void CloseDetails()
    {
        while (_stack.Count > 0)
        {
            CloseTop();
        }
    }

    private void OnModelChanged(object? sender, DashboardSnapshot snapshot) => Post(() => Apply(snapshot));

    private void OnModelLoadFailed(object? sender, LoadFailedEventArgs e) => Post(() =>
        Flash($"✗ load failed: {Format.FirstLine(e.Error.Message)}, retry in {Format.Duration(e.RetryIn)}", isLoadError: true));

    /// <summary>Runs <paramref name="action"/> on the UI thread; dropped once the view or the application is gone.</summary>
    private void Post(Action action)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            _app.Invoke(() =>
            {
                if (!_disposed)
                {
                    action();
                }
            });
        }
        catch (NotInitializedException)
        {
            // The application shut down between the model's event and this call: nothing left to paint.
        }
    }

    private void Apply(DashboardSnapshot snapshot)
    {
        _snapshot = snapshot;
        _title.Right = StatusSummary.Clock(snapshot.Clock);
        UpdateHeader();

        // Every page keeps its rows current (so switching is instant); a detail screen reloads its own data.
        foreach (Screen page in _pageScreens.Values)
        {
            page.Apply(snapshot);
        }

        foreach (Screen detail in _stack)
        {
            detail.Apply(snapshot);
        }

        if (_flashIsLoadError && _confirm is null)
        {
            Flash("", isLoadError: false);
        }

        UpdateStatusBar();
    }

    private void UpdateHeader()
    {
        IReadOnlyList<InstanceItem> instances = _snapshot?.Instances ?? [];
        int width = Viewport.Width > 0 ? Viewport.Width : 80;
        string full = StatusSummary.Fleet(instances);
        string compact = StatusSummary.FleetCompact(instances);
        // Seven named tabs fill 80 columns: on a narrow screen the other pages show by number so the counts keep their room.
        string tabs = KeyMap.Tabs(Page);
        _compactTabs = tabs.Length + 1 + compact.Length > width;
        _tabs.Left = _compactTabs ? KeyMap.Tabs(Page, compact: true) : tabs;
        _tabs.Right = _tabs.Left.Length + 2 + full.Length <= width ? full : compact;
        UpdateStatusBar();
    }

    private void UpdateStatusBar()
    {
        int width = Viewport.Width > 0 ? Viewport.Width : 80;
        // In a form every printable key is typed into a field: only its own keys apply.
        IReadOnlyList<KeyHint> hints = KeyMap.Fit(Current.CapturesTyping
            ? [.. Current.Keys, KeyMap.QuitForm]
            : KeyMap.StatusBar(Current.Keys, _options.ReadOnly, _snapshot?.Clock.Paused ?? false), width);
        if (_help.Visible)
        {
            UpdateHelp(width);
        }

        // Keys that are not one key ("↑↓ PgUp") stay in the help.
        _statusBar.Hints = [.. hints.Where(h => ToKey(h.Key) != Key.Empty)];
    }

    /// <summary>Shows or hides the help, its text brought up to date first (it is not kept current while hidden).</summary>
    private void SetHelpVisible(bool visible)
    {
        if (visible)
        {
            UpdateHelp(Viewport.Width > 0 ? Viewport.Width : 80);
        }

        _help.Visible = visible;
    }

    /// <summary>
    /// The help's text and title for the current screen. Only while it shows: the help sizes itself to its text, so a new
    /// text lays out the dashboard, which a page key would otherwise pay for with the help hidden.
    /// </summary>
    private void UpdateHelp(int width)
    {
        // The help covers the pages and the flash line, never the header or the status bar.
        IReadOnlyList<string> help = KeyMap.HelpLines(KeyMap.All(Current.Keys, _options.ReadOnly), width - 4);
        int room = Math.Max(1, (Viewport.Height > 0 ? Viewport.Height : 24) - 5);
        // Set only on change: the help sizes itself to its text, so each new text (even an equal one) lays out the dashboard.
        string helpText = string.Join("\n", help.Count <= room ? help : [.. help.Take(room - 1), "… (a taller terminal shows the rest)"]);
        if (!string.Equals(_help.Text, helpText, StringComparison.Ordinal))
        {
            _help.Text = helpText;
        }

        string helpTitle = $"Keys: {Current.Name}";
        if (!string.Equals(_help.Title, helpTitle, StringComparison.Ordinal))
        {
            _help.Title = helpTitle;
        }
    }

    private static Key ToKey(string text) => text.Length == 1 ? new Key(text[0]) : Key.TryParse(text, out Key key) ? key : Key.Empty;

    private void OnKeyDown(object? sender, Key key)
    {
        if (_disposed || key.Handled || _app.TopRunnableView != this)
        {
            return;
        }

        key.Handled = HandleKey(key);
    }

    private bool HandleKey(Key key)
    {
        if (_prompt.Visible)
        {
            return HandlePromptKey(key);
        }

        if (_confirm is { } confirm)
        {
            _confirm = null;
            if (key == Key.Y || key == Key.Y.WithShift)
            {
                Flash("", isLoadError: false);
                confirm();
            }
            else
            {
                Flash("cancelled", isLoadError: false);
            }

            return true;
        }

        if (key == Key.Q.WithCtrl)
        {
            Quit();
            return true;
        }

        if (Current is { CapturesTyping: true } form)
        {
            return HandleFormKey(form, key);
        }

        if (key == Key.D.WithCtrl)
        {
            // Instances first (fleet, an instance); elsewhere the screen deletes what it shows (a window, a baseline).
            return !_options.ReadOnly && (AskInstanceAction(InstanceAction.Terminate) || Current.Delete());
        }

        if (key == Key.Esc)
        {
            Back();
            return true; // Esc is Terminal.Gui's default quit key; here it only ever steps back, as in k9s
        }

        if (key == Key.Enter)
        {
            Current.Enter();
            return true; // Enter in a table raises Accept, which the Runnable may take as "done"
        }

        if (key == Key.Tab || key == Key.Tab.WithShift)
        {
            // TableView keeps Tab for its cells: moving between a screen's tables is the dashboard's job.
            FocusNextTable(backwards: key.IsShift);
            return true;
        }

        if (key.IsCtrl || key.IsAlt || key.AsRune.Value is < 32 or > 0xFFFF)
        {
            return false;
        }

        return HandleChar((char)key.AsRune.Value);
    }

    /// <summary>In a form typed keys go to its fields; Enter sends, Tab moves, Ctrl+R toggles Replace, Esc cancels, Ctrl+Q still quits.</summary>
    private bool HandleFormKey(Screen form, Key key)
    {
        if (key == Key.Q.WithCtrl)
        {
            Quit();
        }
        else if (key == Key.Esc)
        {
            CloseTop();
            Flash("form closed, nothing sent", isLoadError: false);
        }
        else if (key == Key.Enter)
        {
            form.Enter();
        }
        else if ((key == Key.Tab || key == Key.Tab.WithShift) && form is FormScreen fields)
        {
            fields.FocusNext(backwards: key.IsShift);
        }
        else if (key == Key.R.WithCtrl && form is FormScreen { HasReplace: true } update)
        {
            update.ToggleReplace();
        }
        else
        {
            return false;
        }

        UpdateStatusBar();
        return true;
    }

    private bool HandleChar(char c)
    {
        switch (c)
        {
            case 'q':
                Quit();
                return true;
            case '?':
                SetHelpVisible(!_help.Visible);
                return true;
            case ':':
                OpenPrompt(filter: false);
                return true;
            case '/':
                OpenPrompt(filter: true);
                return true;
            case >= '1' and <= '7':
                _help.Visible = false;
                ShowPage((DashboardPage)(c - '1'));
                return true;
            case 's':
                SortActiveTable(reverse: false);
                return true;
            case 'S':
                SortActiveTable(reverse: true);
                return true;
            case 'v' when Current.WindowId is { } windowId:
                Open(new PreviewScreen(this, windowId));
                return true;
        }

        if (_options.ReadOnly)
        {
            return Current.HandleChar(c); // screens leave their mutating keys (Space) alone in read-only mode
        }

        switch (c)
        {
            case '+':
                RunClockAction(ct => _model.ChangeSpeedAsync(2, ct), clock => $"speed {Format.Speed(clock.Speed)}");
                return true;
            case '-':
                RunClockAction(ct => _model.ChangeSpeedAsync(0.5, ct), clock => $"speed {Format.Speed(clock.Speed)}");
                return true;
            case 'p':
                RunClockAction(_model.TogglePauseAsync, clock => clock.Paused ? "clock paused" : "clock resumed");
                return true;
            case 'n' when Current.WindowId is { } windowId:
                RunClockAction(ct => _model.JumpToNextExecutionAsync(windowId, ct), clock => $"clock jumped to {Format.ClockTime(clock.Now)}");
                return true;
            case 'R':
                return AskInstanceAction(InstanceAction.Reboot);
            case 'X':
                return AskInstanceAction(InstanceAction.Stop);
            case 'O':
                return AskInstanceAction(InstanceAction.Start);
            default:
                return Current.HandleChar(c);
        }
    }

    private void Back()
    {
        if (_help.Visible)
        {
            _help.Visible = false;
        }
        else if (Current.ActiveTable is { Filter: not null } filtered)
        {
            filtered.Filter = null;
        }
        else if (!Current.Back() && _stack.Count > 0)
        {
            CloseTop();
        }

        UpdateStatusBar();
    }

    private void FocusNextTable(bool backwards)
    {
        IReadOnlyList<ResourceTable> tables = Current.Tables;
        if (tables.Count < 2)
        {
            return;
        }

        int at = Math.Max(0, tables.ToList().FindIndex(t => t.Table.HasFocus));
        tables[(at + (backwards ? tables.Count - 1 : 1)) % tables.Count].Table.SetFocus();
        UpdateStatusBar();
    }

    private void SortActiveTable(bool reverse)
    {
        if (Current.ActiveTable is not { } table)
        {
            return;
        }

        IReadOnlyList<string> headers = table.SourceRows.Headers;
        table.Sort = reverse ? RowSort.Reverse(table.Sort, headers) : RowSort.Next(table.Sort, headers);
        Flash(table.Sort is { } sort ? $"sorted by {headers[sort.Column]} {(sort.Descending ? "↓" : "↑")}" : "emulator order", isLoadError: false);
    }

    private bool AskInstanceAction(InstanceAction action)
    {
        IReadOnlyList<InstanceItem> targets = Current.ActionTargets;
        if (targets.Count == 0)
        {
            return false;
        }

        string verb = action.ToString().ToLowerInvariant();
        string names = string.Join(", ", targets.Take(3).Select(Label)) + (targets.Count > 3 ? $" and {targets.Count - 3} more" : "");
        _confirm = () => RunInstanceAction(action, targets);
        Flash($"? {verb} {names}{(targets.Count > 1 ? $" ({targets.Count} instances)" : "")}: y to confirm, any other key cancels", isLoadError: true);
        return true;
    }

    private void RunInstanceAction(InstanceAction action, IReadOnlyList<InstanceItem> targets)
    {
        string verb = action.ToString().ToLowerInvariant();
        Current.ClearMarks();
        Flash($"{verb}: {targets.Count} instance{(targets.Count == 1 ? "" : "s")}…", isLoadError: false);
        _ = RunAsync();

        async Task RunAsync()
        {
            var failures = new List<(InstanceItem Instance, string Message)>();
            foreach (InstanceItem instance in targets)
            {
                try
                {
                    await _data.RunInstanceActionAsync(instance.InstanceId, action, _actions.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_actions.IsCancellationRequested)
                {
                    return; // quitting
                }
#pragma warning disable CA1031 // The emulator's refusal is shown as a flash, never a crash.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures.Add((instance, Format.FirstLine(ex.Message)));
                }
            }

            string text = failures.Count == 0
                ? $"✓ {verb} requested: {string.Join(", ", targets.Select(Label))}"
                : failures.Count == targets.Count
                    ? $"✗ {verb} {string.Join(", ", targets.Select(Label))}: {failures[0].Message}"
                    : $"✗ {verb}: {targets.Count - failures.Count} done, {failures.Count} failed ({Label(failures[0].Instance)}: {failures[0].Message})";
            Post(() => Flash(text, isLoadError: false));
            await _model.RefreshAsync(_actions.Token).ConfigureAwait(false);
        }
    }

    private static string Label(InstanceItem instance) => string.IsNullOrEmpty(instance.Name) ? instance.InstanceId : instance.Name;

    private bool HandlePromptKey(Key key)
    {
        if (key == Key.Esc)
        {
            if (_filtering && _filterTable is not null)
            {
                _filterTable.Filter = _filterBefore; // cancel: the filter that was there before
            }

            ClosePrompt();
            return true;
        }

        if (key != Key.Enter)
        {
            return false; // typing goes to the text field
        }

        string text = _prompt.Text;
        bool filtering = _filtering;
        ClosePrompt();
        if (filtering)
        {
            return true; // the filter is already applied as typed
        }

        if (FaultPrompt.IsFault(text))
        {
            InjectFault(text);
            return true;
        }

        PromptCommand command = PromptCommands.Parse(text);
        if (PromptCommands.PageOf(command) is { } page)
        {
            _help.Visible = false;
            ShowPage(page);
        }
        else if (command == PromptCommand.Help)
        {
            SetHelpVisible(true);
        }
        else if (command == PromptCommand.Quit)
        {
            Quit();
        }
        else if (!string.IsNullOrWhiteSpace(text))
        {
            Flash($"✗ unknown command '{text.Trim()}': try {string.Join(", ", PromptCommands.PageCommands)}", isLoadError: false);
        }

        return true;
    }

    private void OpenPrompt(bool filter)
    {
        _filtering = filter;
        _filterTable = filter ? Current.ActiveTable : null;
        if (filter && _filterTable is null)
        {
            return;
        }

        _filterBefore = _filterTable?.Filter;
        _promptMark.Text = filter ? "/" : ":";
        _prompt.Text = filter ? _filterBefore?.Text ?? "" : "";
        _flash.Visible = false;
        _promptMark.Visible = true;
        _prompt.Visible = true;
        _prompt.SetFocus();
        _prompt.MoveEnd();
    }

    private void OnPromptTextChanged()
    {
        if (_prompt.Visible && _filtering && _filterTable is not null)
        {
            _filterTable.Filter = RowFilter.Parse(_prompt.Text);
        }
    }

    private void ClosePrompt()
    {
        _prompt.Visible = false;
        _promptMark.Visible = false;
        _flash.Visible = true;
        _filtering = false;
        ResourceTable? target = _filterTable;
        _filterTable = null;
        if (target is not null)
        {
            target.Table.SetFocus();
        }
        else
        {
            Current.FocusDefault();
        }

        UpdateStatusBar();
    }

    private void RunClockAction(Func<CancellationToken, Task<ClockState>> action, Func<ClockState, string> describe)
    {
        _ = RunAsync();

        async Task RunAsync()
        {
            try
            {
                ClockState clock = await action(_actions.Token).ConfigureAwait(false);
                Post(() => Flash(describe(clock), isLoadError: false));
            }
            catch (OperationCanceledException) when (_actions.IsCancellationRequested)
            {
                // Quitting: the answer no longer matters.
            }
#pragma warning disable CA1031 // A refused or failed clock action is shown as a flash, never a crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Post(() => Flash($"✗ clock: {Format.FirstLine(ex.Message)}", isLoadError: false));
            }
        }
    }

    private void Flash(string text, bool isLoadError)
    {
        if (_flashTimeout is not null)
        {
            _app.RemoveTimeout(_flashTimeout);
            _flashTimeout = null;
        }

        _flash.Text = text;
        _flashIsLoadError = isLoadError;

        // A load error (or a question) stays until the next good poll or answer; anything else fades after a while.
        if (!isLoadError && text.Length > 0)
        {
            _flashTimeout = _app.AddTimeout(InfoFlashTime, () =>
            {
                _flashTimeout = null;
                _flash.Text = "";
                return false;
            });
        }
    }

    private void Quit()
    {
        _actions.Cancel();
        RequestStop();
    }
}
