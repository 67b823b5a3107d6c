using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>
/// What a window will do when it fires, before it does: per task, the instances its targets resolve to now, what each
/// is missing by its last scan, and which may not run (not Online, never scanned). Live with every poll.
/// </summary>
internal sealed class PreviewScreen : Screen
{
    private readonly string _windowId;
    private readonly StyledTextView _summary = new();
    private readonly ResourceTable _table = new("Preview");

    public PreviewScreen(IScreenHost host, string windowId)
        : base(host)
    {
        _windowId = windowId;
        _summary.Height = 2;
        _table.Y = Pos.Bottom(_summary);
        _table.Height = Dim.Fill();
        _table.RowAccepted += (_, _) => Enter();
        Add(_summary, _table);
    }

    public override string Name => $"Preview {Window?.Name ?? _windowId}";

    public override IReadOnlyList<ResourceTable> Tables => [_table];

    public override IReadOnlyList<KeyHint> Keys => Host.ReadOnly ? [KeyMap.Open, KeyMap.Back] : [KeyMap.Open, KeyMap.Back, KeyMap.Jump];

    public override string? WindowId => _windowId;

    private WindowItem? Window => Host.Snapshot?.Windows.FirstOrDefault(w => w.WindowId == _windowId);

    public override void Shown() => Render();

    public override void Apply(DashboardSnapshot snapshot) => Render();

    public override bool Enter()
    {
        string? instanceId = _table.SelectedKey?.Split('/')[^1];
        if (InstanceOf(instanceId) is null)
        {
            return false;
        }

        Host.Open(new InstanceScreen(Host, instanceId!));
        return true;
    }

    private void Render()
    {
        DashboardSnapshot? snapshot = Host.Snapshot;
        WindowItem window = Window ?? new WindowItem { WindowId = _windowId, Name = "(deleted)" };
        IReadOnlyList<InstanceItem> instances = snapshot?.Instances ?? [];
        int width = Math.Max(20, Viewport.Width > 0 ? Viewport.Width : 80);
        int height = Viewport.Height > 0 ? Viewport.Height : 20;
        IReadOnlyList<StyledLine> lines = PreviewRows.Summary(window, instances, snapshot?.Clock.Now ?? default);
        lines = [.. lines.Take(Math.Max(2, height - 6)).Select(l => l.Truncate(width))];
        _summary.Lines = lines;
        _summary.SetHeight(lines.Count);
        _table.Show(PreviewRows.Build(window, instances), $"Preview {window.Name}: instances it will hit");
        _table.Message = window.Tasks.Count == 0 ? "No tasks registered."
            : window.Tasks.All(t => t.InstanceIds.Count == 0) ? "No managed instance matches its targets now." : null;
    }
}
