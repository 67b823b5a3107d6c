using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>
/// One maintenance window: its summary (schedule in words, next run), then its targets, tasks and executions as
/// DescribeMaintenanceWindowTargets, -Tasks and -Executions report them. Enter on an execution shows its live
/// progress; v previews the next run; n jumps the clock to it. Refreshed after every poll while open.
/// </summary>
internal sealed class WindowScreen : Screen
{
    private readonly string _windowId;
    private readonly StyledTextView _summary = new() { Height = 2 };
    private readonly ResourceTable _targets = new("Targets");
    private readonly ResourceTable _tasks = new("Tasks");
    private readonly ResourceTable _executions = new("Executions");
    private readonly DetailLoader<WindowDetail> _loader;

    public WindowScreen(IScreenHost host, string windowId)
        : base(host)
    {
        _windowId = windowId;
        Add(_summary, _targets, _tasks, _executions);
        foreach (ResourceTable table in Tables)
        {
            table.Table.HasFocusChanged += (_, _) =>
            {
                Relayout();
                Host.KeysChanged();
            };
        }

        _executions.RowAccepted += (_, _) => Enter();
        _loader = new DetailLoader<WindowDetail>(ct => Host.Data.GetWindowDetailAsync(windowId, ct));
        _loader.Loaded += (_, _) => Host.Post(Render);
        _loader.Failed += (_, e) => Host.Post(() => Host.Flash($"✗ window {windowId}: {Format.FirstLine(e.Message)}"));
        ViewportChanged += (_, _) => Relayout();
        Relayout();
    }

    public override string Name => $"Window {Window?.Name ?? _windowId}";

    public override IReadOnlyList<ResourceTable> Tables => [_targets, _tasks, _executions];

    public override IReadOnlyList<KeyHint> Keys =>
    [
        .. _executions.Table.HasFocus ? [KeyMap.Execution] : Array.Empty<KeyHint>(), KeyMap.Back, KeyMap.Preview,
        .. Host.ReadOnly
            ? Array.Empty<KeyHint>()
            : [
                KeyMap.RegisterTarget, KeyMap.RegisterTask, _executions.Table.HasFocus ? KeyMap.CancelExecution : KeyMap.Deregister,
                .. _executions.Table.HasFocus ? Array.Empty<KeyHint>() : [KeyMap.UpdateTargetOrTask], KeyMap.Edit, KeyMap.Jump,
            ],
    ];

    public override string? WindowId => _windowId;

    private WindowItem? Window => Host.Snapshot?.Windows.FirstOrDefault(w => w.WindowId == _windowId);

    public override void Shown()
    {
        Render();
        _loader.Reload();
    }

    public override void Apply(DashboardSnapshot snapshot)
    {
        Render();
        _loader.Reload();
    }

    public override bool Enter()
    {
        if (!_executions.Table.HasFocus || _executions.SelectedKey is not { } executionId)
        {
            return false;
        }

        Host.ShowExecution(executionId);
        return true;
    }

    public override bool HandleChar(char c)
    {
        if (Host.ReadOnly)
        {
            return false;
        }

        switch (c)
        {
            case 't':
                Host.Open(Forms.RegisterTarget(Host, _windowId));
                return true;
            case 'T':
                Host.Open(Forms.RegisterTask(Host, _windowId, [.. (_loader.Current?.Targets.Items ?? []).Select(t => t.WindowTargetId)]));
                return true;
            case 'u' when _targets.Table.HasFocus && _targets.SelectedKey is { } targetId
                && _loader.Current?.Targets.Items.FirstOrDefault(t => t.WindowTargetId == targetId) is { } target:
                Host.Open(Forms.UpdateTarget(Host, _windowId, target));
                return true;
            case 'u' when _tasks.Table.HasFocus && _tasks.SelectedKey is { } taskId:
                Forms.OpenUpdateTask(Host, _windowId, taskId);
                return true;
            case 'e' when Window is { } window:
                Forms.OpenEditWindow(Host, window.WindowId);
                return true;
            case 'C' when _executions.Table.HasFocus && _executions.SelectedKey is { } executionId:
                Forms.AskCancelExecution(Host, executionId);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Ctrl+D deregisters the selected target or task.</summary>
    public override bool Delete()
    {
        if (Host.ReadOnly)
        {
            return false;
        }

        if (_targets.Table.HasFocus && _targets.SelectedKey is { } targetId)
        {
            Forms.AskDeregisterTarget(Host, _windowId, targetId);
            return true;
        }

        if (_tasks.Table.HasFocus && _tasks.SelectedKey is { } taskId)
        {
            Forms.AskDeregisterTask(Host, _windowId, taskId);
            return true;
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loader.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Relayout() => StackedTables.Layout(Tables, top: 2, height: Math.Max(0, (Viewport.Height > 0 ? Viewport.Height : 20) - 2));

    private void Render()
    {
        WindowItem window = Window ?? new WindowItem { WindowId = _windowId, Name = "(deleted)" };
        _summary.Lines = WindowDetailRows.Summary(window, Host.Snapshot?.Clock.Now ?? default);
        WindowDetail? detail = _loader.Current;
        IReadOnlyList<WindowTargetItem> targets = detail?.Targets.Items ?? [];
        _targets.Show(WindowDetailRows.Targets(targets), $"Targets {window.Name}");
        _targets.Message = Message(detail, detail?.Targets, "No targets registered.");
        _tasks.Show(WindowDetailRows.Tasks(detail?.Tasks.Items ?? [], targets), "Tasks");
        _tasks.Message = Message(detail, detail?.Tasks, "No tasks registered: the window would run nothing.");
        _executions.Show(WindowDetailRows.Executions(detail?.Executions.Items ?? []), "Executions");
        _executions.Message = Message(detail, detail?.Executions, "It has not run yet.");
    }

    private static string? Message<T>(WindowDetail? detail, Section<T>? section, string empty) =>
        detail is null ? "loading…" : section!.Unavailable ?? (section.Items.Count == 0 ? empty : null);
}
