using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>
/// The windows page: schedule in words and as written, next run with a countdown; Enter opens a window, v previews it,
/// c creates one, e edits the selected one, Ctrl+D deletes it.
/// </summary>
internal sealed class WindowsScreen : Screen
{
    private readonly ResourceTable _table = new("Windows");

    public WindowsScreen(IScreenHost host)
        : base(host)
    {
        _table.RowAccepted += (_, _) => Enter();
        Add(_table);
    }

    public override string Name => "Windows";

    public override IReadOnlyList<ResourceTable> Tables => [_table];

    public override IReadOnlyList<KeyHint> Keys => Host.ReadOnly
        ? [KeyMap.Open, KeyMap.Preview]
        : [KeyMap.Open, KeyMap.Preview, KeyMap.Create, KeyMap.Edit, KeyMap.Delete, KeyMap.Jump];

    public override string? WindowId => _table.SelectedKey;

    public override void Apply(DashboardSnapshot snapshot) =>
        _table.Show(WindowRows.Build(snapshot.Windows, snapshot.Clock.Now), "Windows");

    public override bool Enter()
    {
        if (_table.SelectedKey is not { } windowId)
        {
            return false;
        }

        Host.Open(new WindowScreen(Host, windowId));
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
            case 'c':
                Host.Open(Forms.CreateWindow(Host));
                return true;
            case 'e' when Selected is { } window:
                Forms.OpenEditWindow(Host, window.WindowId);
                return true;
            default:
                return false;
        }
    }

    public override bool Delete()
    {
        if (Host.ReadOnly || Selected is not { } window)
        {
            return false;
        }

        Forms.AskDeleteWindow(Host, window.WindowId, window.Name);
        return true;
    }

    private WindowItem? Selected => Host.Snapshot?.Windows.FirstOrDefault(w => w.WindowId == _table.SelectedKey);
}
