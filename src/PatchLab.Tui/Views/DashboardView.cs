using System.Globalization;
using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// The dashboard screen: header, one page at a time (fleet, windows, executions with their invocations, events),
/// a command line, a flash line and a status bar. It only paints what <see cref="DashboardModel"/> publishes, on the
/// UI thread through <see cref="IApplication.Invoke(Action)"/>, and sends clock actions through the model.
/// </summary>
public sealed class DashboardView : Runnable
{
    private static readonly TimeSpan InfoFlashTime = TimeSpan.FromSeconds(5);

    private readonly IApplication _app;
    private readonly DashboardModel _model;
    private readonly TuiOptions _options;
    private readonly CancellationTokenSource _actions = new();
    private readonly Label _clock = new() { X = Pos.AnchorEnd(), Y = 0, Text = "connecting…" };
    private readonly Label _tabs = new() { X = 0, Y = 1 };
    private readonly Label _fleetCounts = new() { X = Pos.AnchorEnd(), Y = 1 };
    private readonly View _pages = new() { X = 0, Y = 2, Width = Dim.Fill(), Height = Dim.Fill(2), CanFocus = true };
    private readonly ResourceTable _fleet = new("Fleet");
    private readonly ResourceTable _windows = new("Windows");
    private readonly View _executionsPage = new() { Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = true };
    private readonly ResourceTable _executions = new("Executions");
    private readonly ResourceTable _invocations = new("Invocations");
    private readonly ResourceTable _events = new("Events") { FollowTail = true };
    private readonly Label _flash = new() { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Text = "" };
    private readonly Label _promptMark = new() { X = 0, Y = Pos.AnchorEnd(2), Text = ":", Visible = false };
    private readonly TextField _prompt = new() { X = 1, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Visible = false };
    private readonly FrameView _help = new() { Title = "Keys", X = Pos.Center(), Y = Pos.Center(), Width = Dim.Auto(), Height = Dim.Auto(), Visible = false };
    private readonly StatusBar _statusBar = new();
    private IReadOnlyList<KeyHint> _statusHints = [];
    private DashboardSnapshot? _snapshot;
    private bool _flashIsLoadError;
    private object? _flashTimeout;
    private volatile bool _disposed; // read by Post on the model's thread

    /// <summary>Builds the screen and subscribes to <paramref name="model"/> and the application's keyboard.</summary>
    /// <param name="app">An initialized application; updates are marshalled to its UI thread.</param>
    /// <param name="model">The model to paint; the caller starts and disposes it.</param>
    /// <param name="options">Header URL and read-only mode.</param>
    public DashboardView(IApplication app, DashboardModel model, TuiOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        _app = app;
        _model = model;
        _options = options;

        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        var title = new Label
        {
            X = 0,
            Y = 0,
            Text = string.IsNullOrEmpty(options.EmulatorUrl) ? "PatchLab" : $"PatchLab  {options.EmulatorUrl}",
        };
        _executions.Height = Dim.Percent(40);
        _invocations.Y = Pos.Bottom(_executions);
        _invocations.Height = Dim.Fill();
        _executionsPage.Add(_executions, _invocations);
        _pages.Add(_fleet, _windows, _executionsPage, _events);
        _help.Text = string.Join("\n", KeyMap.All(options.ReadOnly).Select(k => $"{k.Key,-12} {k.Description}"));
        Add(title, _clock, _tabs, _fleetCounts, _pages, _flash, _promptMark, _prompt, _statusBar, _help);

        _executions.SelectionChanged += (_, _) => ShowInvocations();
        _invocations.Table.HasFocusChanged += (_, _) => UpdateStatusBar();
        _executions.Table.HasFocusChanged += (_, _) => UpdateStatusBar();
        _app.Keyboard.KeyDown += OnKeyDown;
        _model.Changed += OnModelChanged;
        _model.LoadFailed += OnModelLoadFailed;

        ShowPage(DashboardPage.Fleet);
        if (_model.Current is { } current)
        {
            Apply(current);
        }
    }

    /// <summary>The page shown.</summary>
    public DashboardPage Page { get; private set; }

    /// <summary>Shows <paramref name="page"/> and gives its table the focus.</summary>
    public void ShowPage(DashboardPage page)
    {
        Page = page;
        _fleet.Visible = page == DashboardPage.Fleet;
        _windows.Visible = page == DashboardPage.Windows;
        _executionsPage.Visible = page == DashboardPage.Executions;
        _events.Visible = page == DashboardPage.Events;
        _tabs.Text = KeyMap.Tabs(page);
        PageTable(page).Table.SetFocus();
        UpdateStatusBar();
    }

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

    private ResourceTable PageTable(DashboardPage page) => page switch
    {
        DashboardPage.Windows => _windows,
        DashboardPage.Executions => _executions,
        DashboardPage.Events => _events,
        _ => _fleet,
    };

    private void OnModelChanged(object? sender, DashboardSnapshot snapshot) => Post(() => Apply(snapshot));

    private void OnModelLoadFailed(object? sender, LoadFailedEventArgs e) => Post(() =>
    {
        string message = FirstLine(e.Error.Message);
        Flash($"✗ load failed: {message}, retry in {Format.Duration(e.RetryIn)}", isLoadError: true);
    });

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
        _clock.Text = StatusSummary.Clock(snapshot.Clock);
        _fleetCounts.Text = StatusSummary.Fleet(snapshot.Instances);
        _fleet.Show(FleetRows.Build(snapshot.Instances), Titled("Fleet", snapshot.Instances.Count));
        _windows.Show(WindowRows.Build(snapshot.Windows, snapshot.Clock.Now), Titled("Windows", snapshot.Windows.Count));
        _executions.Show(ExecutionRows.Build(snapshot.Executions), Titled("Executions", snapshot.Executions.Count));
        ShowInvocations();
        _events.Show(EventRows.Build(snapshot.Events), Titled("Events", snapshot.Events.Count));
        if (_flashIsLoadError)
        {
            Flash("", isLoadError: false);
        }

        UpdateStatusBar();
    }

    private void ShowInvocations()
    {
        string? key = _executions.SelectedKey;
        ExecutionItem? execution = _snapshot?.Executions.FirstOrDefault(e => e.WindowExecutionId == key);
        DateTimeOffset now = _snapshot?.Clock.Now ?? default;
        string title = execution is null
            ? "Invocations"
            : Titled($"Invocations {execution.WindowName} {ExecutionRows.ShortId(execution.WindowExecutionId)}", execution.Invocations.Count);
        _invocations.Show(InvocationRows.Build(execution, now), title);
    }

    private static string Titled(string name, int count) => $"{name} [{count.ToString(CultureInfo.InvariantCulture)}]";

    private void UpdateStatusBar()
    {
        IReadOnlyList<KeyHint> hints = KeyMap.StatusBar(
            Page, _options.ReadOnly, _snapshot?.Clock.Paused ?? false, _invocations.Table.HasFocus);
        if (hints.SequenceEqual(_statusHints))
        {
            return;
        }

        _statusHints = hints;
        foreach (View old in _statusBar.RemoveAll())
        {
            old.Dispose();
        }

        // Shortcuts only show the keys: OnKeyDown handles them first, so a hint never acts on its own.
        foreach (KeyHint hint in hints)
        {
            _statusBar.Add(new Shortcut(ToKey(hint.Key), hint.Label, null, ""));
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

        if (key == Key.Q.WithCtrl)
        {
            Quit();
            return true;
        }

        if (key == Key.Esc)
        {
            // Esc is Terminal.Gui's default quit key; here it only steps back (help, then invocations), as in k9s.
            if (_help.Visible)
            {
                _help.Visible = false;
            }
            else if (Page == DashboardPage.Executions && _invocations.Table.HasFocus)
            {
                _executions.Table.SetFocus();
            }

            return true;
        }

        if (key == Key.Enter && Page == DashboardPage.Executions && _executions.Table.HasFocus)
        {
            _invocations.Table.SetFocus();
            return true;
        }

        if (key.IsCtrl || key.IsAlt || key.AsRune.Value is < 32 or > 0xFFFF)
        {
            return false;
        }

        char c = (char)key.AsRune.Value;
        switch (c)
        {
            case 'q':
                Quit();
                return true;
            case '?':
                _help.Visible = !_help.Visible;
                return true;
            case ':':
                OpenPrompt();
                return true;
            case >= '1' and <= '4':
                _help.Visible = false;
                ShowPage((DashboardPage)(c - '1'));
                return true;
        }

        if (_options.ReadOnly)
        {
            return false;
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
            case 'n' when Page == DashboardPage.Windows:
                JumpToSelectedWindow();
                return true;
            default:
                return false;
        }
    }

    private bool HandlePromptKey(Key key)
    {
        if (key == Key.Esc)
        {
            ClosePrompt();
            return true;
        }

        if (key != Key.Enter)
        {
            return false; // typing goes to the text field
        }

        string text = _prompt.Text;
        ClosePrompt();
        PromptCommand command = PromptCommands.Parse(text);
        if (PromptCommands.PageOf(command) is { } page)
        {
            _help.Visible = false;
            ShowPage(page);
        }
        else if (command == PromptCommand.Help)
        {
            _help.Visible = true;
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

    private void OpenPrompt()
    {
        _prompt.Text = "";
        _flash.Visible = false;
        _promptMark.Visible = true;
        _prompt.Visible = true;
        _prompt.SetFocus();
    }

    private void ClosePrompt()
    {
        _prompt.Visible = false;
        _promptMark.Visible = false;
        _flash.Visible = true;
        PageTable(Page).Table.SetFocus();
    }

    private void JumpToSelectedWindow()
    {
        string? windowId = _windows.SelectedKey;
        if (windowId is null)
        {
            Flash("✗ no window selected", isLoadError: false);
            return;
        }

        RunClockAction(ct => _model.JumpToNextExecutionAsync(windowId, ct), clock => $"clock jumped to {Format.ClockTime(clock.Now)}");
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
                Post(() => Flash($"✗ clock: {FirstLine(ex.Message)}", isLoadError: false));
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

        // A load error stays until the next good poll; anything else fades after a while.
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

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
