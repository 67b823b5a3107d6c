using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>The event log, newest at the bottom; the selection follows new events while it is on the last one.</summary>
internal sealed class EventsScreen : Screen
{
    private readonly ResourceTable _table = new("Events") { FollowTail = true };

    public EventsScreen(IScreenHost host)
        : base(host) => Add(_table);

    public override string Name => "Events";

    public override IReadOnlyList<ResourceTable> Tables => [_table];

    public override void Apply(DashboardSnapshot snapshot) => _table.Show(EventRows.Build(snapshot.Events), "Events");
}
