using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>The fleet page: every instance; Enter opens one, Space marks instances for a bulk action.</summary>
internal sealed class FleetScreen : Screen
{
    private readonly ResourceTable _table = new("Fleet");
    private readonly HashSet<string> _marks = new(StringComparer.Ordinal);
    private IReadOnlyList<InstanceItem> _instances = [];

    public FleetScreen(IScreenHost host)
        : base(host)
    {
        _table.RowAccepted += (_, _) => Enter();
        Add(_table);
    }

    public override string Name => "Fleet";

    public override IReadOnlyList<ResourceTable> Tables => [_table];

    public override IReadOnlyList<KeyHint> Keys => Host.ReadOnly ? [KeyMap.Open]
        : _marks.Count > 0 ? [.. KeyMap.InstanceActions(readOnly: false), KeyMap.Mark, KeyMap.Open] // marks are there to be acted on
        : [KeyMap.Open, KeyMap.Mark, .. KeyMap.InstanceActions(readOnly: false)];

    public override IReadOnlyList<InstanceItem> ActionTargets => _marks.Count > 0
        ? [.. _instances.Where(i => _marks.Contains(i.InstanceId))]
        : InstanceOf(_table.SelectedKey) is { } selected ? [selected] : [];

    public override void Apply(DashboardSnapshot snapshot)
    {
        _instances = snapshot.Instances;
        _marks.IntersectWith(snapshot.Instances.Select(i => i.InstanceId)); // a terminated instance leaves no mark behind
        Render();
    }

    public override bool Enter()
    {
        if (InstanceOf(_table.SelectedKey) is not { } instance)
        {
            return false;
        }

        Host.Open(new InstanceScreen(Host, instance.InstanceId));
        return true;
    }

    public override bool Back()
    {
        if (_marks.Count == 0)
        {
            return false;
        }

        ClearMarks();
        return true;
    }

    public override bool HandleChar(char c)
    {
        if (c != ' ' || Host.ReadOnly || _table.SelectedKey is not { } key)
        {
            return false;
        }

        if (!_marks.Remove(key))
        {
            _marks.Add(key);
        }

        Render();
        _table.Table.MoveCursorByOffset(0, 1, false, null); // k9s: Space marks and moves on
        Host.KeysChanged();
        return true;
    }

    public override void ClearMarks()
    {
        _marks.Clear();
        Render();
    }

    private void Render()
    {
        string name = _marks.Count > 0 ? $"Fleet {FleetRows.Mark}{_marks.Count}" : "Fleet";
        _table.Show(FleetRows.Build(_instances, Host.ReadOnly ? null : _marks), name);
    }
}
