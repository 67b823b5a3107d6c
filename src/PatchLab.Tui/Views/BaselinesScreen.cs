using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>
/// The baselines page (DescribePatchBaselines), reloaded on every poll while shown: Enter opens a baseline's rules,
/// lists, patch groups and effective patches; c creates a baseline, e edits the selected custom one, Ctrl+D deletes it.
/// </summary>
internal sealed class BaselinesScreen : Screen
{
    private readonly ResourceTable _table = new("Baselines");
    private readonly DetailLoader<Section<PatchBaselineIdentity>> _loader;

    public BaselinesScreen(IScreenHost host)
        : base(host)
    {
        _table.RowAccepted += (_, _) => Enter();
        Add(_table);
        _loader = new DetailLoader<Section<PatchBaselineIdentity>>(ct =>
            SsmSections.LoadAsync(Host.Ssm, "DescribePatchBaselines", s => s.DescribePatchBaselinesAsync(ct)));
        _loader.Loaded += (_, _) => Host.Post(Render);
        _loader.Failed += (_, e) => Host.Post(() => Host.Flash($"✗ baselines: {Format.FirstLine(e.Message)}"));
        _table.Message = "loading…";
    }

    public override string Name => "Baselines";

    public override IReadOnlyList<ResourceTable> Tables => [_table];

    public override IReadOnlyList<KeyHint> Keys =>
        Host.ReadOnly ? [KeyMap.Open] : [KeyMap.Open, KeyMap.Create, KeyMap.Edit, KeyMap.Delete];

    public override void Shown() => _loader.Reload();

    public override void Apply(DashboardSnapshot snapshot)
    {
        if (Visible)
        {
            _loader.Reload();
        }
    }

    public override bool Enter()
    {
        if (_table.SelectedKey is not { } baselineId)
        {
            return false;
        }

        Host.Open(new BaselineScreen(Host, baselineId));
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
                Host.Open(Forms.CreateBaseline(Host));
                return true;
            case 'e' when _table.SelectedKey is { } baselineId:
                Forms.OpenEditBaseline(Host, baselineId);
                return true;
            default:
                return false;
        }
    }

    public override bool Delete()
    {
        if (Host.ReadOnly || _table.SelectedKey is not { } baselineId)
        {
            return false;
        }

        Forms.AskDeleteBaseline(Host, baselineId);
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
        Section<PatchBaselineIdentity>? section = _loader.Current;
        _table.Show(BaselineRows.Build(section?.Items ?? []), "Baselines");
        _table.Message = section is null ? "loading…" : section.Unavailable ?? (section.Items.Count == 0 ? "No baselines." : null);
    }
}
