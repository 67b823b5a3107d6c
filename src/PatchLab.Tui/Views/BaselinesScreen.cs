using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>
/// The baselines page (DescribePatchBaselines), reloaded on every poll while shown: Enter opens a baseline's rules,
/// lists, patch groups and effective patches; c creates a baseline, e edits the selected one, Ctrl+D deletes it.
/// </summary>
internal sealed class BaselinesScreen(IScreenHost host)
    : SsmListScreen<PatchBaselineIdentity>(host, "Baselines", "DescribePatchBaselines", "No baselines.", (s, ct) => s.DescribePatchBaselinesAsync(ct))
{
    public override IReadOnlyList<KeyHint> Keys =>
        Host.ReadOnly ? [KeyMap.Open] : [KeyMap.Open, KeyMap.Create, KeyMap.Edit, KeyMap.AddPatchGroup, KeyMap.RemovePatchGroup, KeyMap.SetDefault, KeyMap.Delete];

    public override bool Enter()
    {
        if (Table.SelectedKey is not { } baselineId)
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
            case 'e' when Table.SelectedKey is { } baselineId:
                Forms.OpenEditBaseline(Host, baselineId);
                return true;
            case 'g' when Table.SelectedKey is { } baselineId:
                Host.Open(Forms.RegisterPatchGroup(Host, baselineId));
                return true;
            case 'G' when Table.SelectedKey is { } baselineId:
                Host.Open(Forms.DeregisterPatchGroup(Host, baselineId, ""));
                return true;
            case 'D' when Table.SelectedKey is { } baselineId:
                Forms.AskSetDefaultBaseline(Host, baselineId);
                return true;
            default:
                return false;
        }
    }

    public override bool Delete()
    {
        if (Host.ReadOnly || Table.SelectedKey is not { } baselineId)
        {
            return false;
        }

        Forms.AskDeleteBaseline(Host, baselineId);
        return true;
    }

    protected override TableRows Rows(IReadOnlyList<PatchBaselineIdentity> items) => BaselineRows.Build(items);
}
