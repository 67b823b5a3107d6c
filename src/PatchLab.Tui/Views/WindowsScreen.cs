using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>The windows page: schedule in words and as written, next run with a countdown; Enter opens a window, v previews it.</summary>
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

    public override IReadOnlyList<KeyHint> Keys => Host.ReadOnly ? [KeyMap.Open, KeyMap.Preview] : [KeyMap.Open, KeyMap.Preview, KeyMap.Jump];

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
}
