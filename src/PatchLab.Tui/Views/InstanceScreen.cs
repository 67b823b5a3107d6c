using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>
/// One instance: its summary from the overview, its patches with their states (DescribeInstancePatches), its recent
/// command invocations (ListCommandInvocations with details; Enter shows an output) and the events that mention it.
/// Refreshed after every poll while open.
/// </summary>
internal sealed class InstanceScreen : Screen
{
    private readonly string _instanceId;
    private readonly StyledTextView _summary = new() { Height = 2 };
    private readonly ResourceTable _patches = new("Patches");
    private readonly ResourceTable _invocations = new("Invocations");
    private readonly ResourceTable _events = new("Events") { FollowTail = true };
    private readonly DetailLoader<InstanceDetail> _loader;

    public InstanceScreen(IScreenHost host, string instanceId)
        : base(host)
    {
        _instanceId = instanceId;
        Add(_summary, _patches, _invocations, _events);
        foreach (ResourceTable table in Tables)
        {
            table.Table.HasFocusChanged += (_, _) =>
            {
                Relayout();
                Host.KeysChanged();
            };
        }

        _invocations.RowAccepted += (_, _) => OpenOutput();
        _loader = new DetailLoader<InstanceDetail>(ct => Host.Data.GetInstanceDetailAsync(instanceId, ct));
        _loader.Loaded += (_, _) => Host.Post(Render);
        _loader.Failed += (_, e) => Host.Post(() => Host.Flash($"✗ instance {instanceId}: {Format.FirstLine(e.Message)}"));
        ViewportChanged += (_, _) => Relayout();
        Relayout();
    }

    public override string Name => $"Instance {InstanceOf(_instanceId)?.Name ?? _instanceId}";

    public override IReadOnlyList<ResourceTable> Tables => [_patches, _invocations, _events];

    public override IReadOnlyList<KeyHint> Keys =>
        [.. _invocations.Table.HasFocus ? [KeyMap.Output] : Array.Empty<KeyHint>(), KeyMap.Back, .. KeyMap.InstanceActions(Host.ReadOnly)];

    public override IReadOnlyList<InstanceItem> ActionTargets => InstanceOf(_instanceId) is { } i ? [i] : [];

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
        if (!_invocations.Table.HasFocus)
        {
            return false;
        }

        OpenOutput();
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

    private void Relayout() => StackedTables.Layout(Tables, top: 2, height: Math.Max(0, (Viewport.Height > 0 ? Viewport.Height : 20) - 2));

    private void Render()
    {
        InstanceItem instance = InstanceOf(_instanceId) ?? new InstanceItem { InstanceId = _instanceId, PingStatus = "gone" };
        _summary.Lines = InstanceSummary.Build(instance);
        string who = string.IsNullOrEmpty(instance.Name) ? _instanceId : instance.Name;
        InstanceDetail? detail = _loader.Current;
        _patches.Show(PatchRows.Build(detail?.Patches.Items ?? []), $"Patches {who}");
        _patches.Message = detail is null ? "loading…" : detail.Patches.Unavailable
            ?? (detail.Patches.Items.Count == 0 ? "No patches reported yet: run AWS-RunPatchBaseline (Scan) on it." : null);
        _invocations.Show(CommandInvocationRows.Build(detail?.Invocations.Items ?? []), "Invocations");
        _invocations.Message = detail is null ? "loading…" : detail.Invocations.Unavailable
            ?? (detail.Invocations.Items.Count == 0 ? "No commands have run on it." : null);
        _events.Show(EventRows.Build(EventRows.Mentioning(Host.Snapshot?.Events ?? [], _instanceId, instance.Name)), "Events");
    }

    private void OpenOutput()
    {
        if (_invocations.SelectedKey is not { } commandId)
        {
            return;
        }

        string label = InstanceOf(_instanceId)?.Name is { Length: > 0 } name ? name : _instanceId;
        Host.Open(new OutputScreen(Host, commandId, _instanceId, label));
    }
}
