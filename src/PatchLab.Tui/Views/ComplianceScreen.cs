using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// The compliance page: bars per patch group and per severity on top, one row per instance below (Enter opens it).
/// It reads DescribeInstancePatchStates and DescribeInstancePatches while it is shown, again after every poll (a read
/// that is still running makes the next poll skip it).
/// </summary>
internal sealed class ComplianceScreen : Screen
{
    private readonly FrameView _barsFrame = new() { Title = "Compliance", X = 0, Y = 0, Width = Dim.Fill(), Height = 4 };
    private readonly StyledTextView _bars = new();
    private readonly ResourceTable _table = new("Instances");
    private readonly DetailLoader<ComplianceData> _loader;

    public ComplianceScreen(IScreenHost host)
        : base(host)
    {
        _barsFrame.Add(_bars);
        _table.Y = Pos.Bottom(_barsFrame);
        _table.Height = Dim.Fill();
        _table.RowAccepted += (_, _) => Enter();
        Add(_barsFrame, _table);
        _loader = new DetailLoader<ComplianceData>(ct =>
            Host.Data.GetComplianceAsync([.. Host.Snapshot?.Instances.Select(i => i.InstanceId) ?? []], ct));
        _loader.Loaded += (_, _) => Host.Post(Render);
        _loader.Failed += (_, e) => Host.Post(() => Host.Flash($"✗ compliance: {Format.FirstLine(e.Message)}"));
        ViewportChanged += (_, _) => Render();
    }

    public override string Name => "Compliance";

    public override IReadOnlyList<ResourceTable> Tables => [_table];

    public override IReadOnlyList<KeyHint> Keys => [KeyMap.Open];

    public override void Apply(DashboardSnapshot snapshot)
    {
        // Hidden, it neither reads nor renders: Shown() catches up.
        if (Visible)
        {
            Render();
            _loader.Reload();
        }
    }

    public override void Shown()
    {
        Render();
        _loader.Reload();
    }

    public override bool Enter()
    {
        if (_table.SelectedKey is not { } instanceId || InstanceOf(instanceId) is null)
        {
            return false;
        }

        Host.Open(new InstanceScreen(Host, instanceId));
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loader.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Render()
    {
        IReadOnlyList<InstanceItem> instances = Host.Snapshot?.Instances ?? [];
        ComplianceData? data = _loader.Current;
        int width = Math.Max(20, (Viewport.Width > 0 ? Viewport.Width : 80) - 2);
        int height = Viewport.Height > 0 ? Viewport.Height : 20;
        IReadOnlyList<StyledLine> lines = ComplianceSummary.Build(instances, data, width, Math.Max(2, height / 2 - 2));
        _bars.Lines = lines;
        _barsFrame.SetHeight(lines.Count + 2);
        _table.Show(ComplianceRows.Build(instances, data), "Instances");
    }
}
