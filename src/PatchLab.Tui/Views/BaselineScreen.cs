using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// One patch baseline: approval rules with their filters, ApproveAfterDays or ApproveUntilDate and compliance level,
/// global filters, approved and rejected lists, the patch groups using it and its effective patches (WINDOWS only, as on
/// AWS; other baselines say why). e edits it, Ctrl+D deletes it.
/// </summary>
internal sealed class BaselineScreen : Screen
{
    private readonly string _baselineId;
    private readonly FrameView _frame = new() { Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = true };
    private readonly ScrollingText _text = new();
    private readonly DetailLoader<BaselineDetail> _loader;

    public BaselineScreen(IScreenHost host, string baselineId)
        : base(host)
    {
        _baselineId = baselineId;
        _frame.Title = $"Baseline {Format.Baseline(baselineId)}";
        _frame.Add(_text);
        Add(_frame);
        _text.Text = "loading…";
        _loader = new DetailLoader<BaselineDetail>(ct => Host.Ssm is { } ssm
            ? BaselineDetail.LoadAsync(ssm, baselineId, ct)
            : Task.FromResult(new BaselineDetail(baselineId, null, SsmSections.NoEndpoint, new Section<string>([]), new Section<Amazon.SimpleSystemsManagement.Model.EffectivePatch>([]))));
        _loader.Loaded += (_, _) => Host.Post(Render);
        _loader.Failed += (_, e) => Host.Post(() => Host.Flash($"✗ baseline: {Format.FirstLine(e.Message)}"));
        _text.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Width != e.OldViewport.Width)
            {
                Render(); // long rule lines wrap to the new width
            }
        };
    }

    public override string Name => $"Baseline {_loader.Current?.Baseline?.Name ?? Format.Baseline(_baselineId)}";

    public override IReadOnlyList<ResourceTable> Tables => [];

    public override IReadOnlyList<KeyHint> Keys => Host.ReadOnly
        ? [KeyMap.Back, KeyMap.Scroll]
        : [KeyMap.Back, KeyMap.Edit, KeyMap.AddPatchGroup, KeyMap.RemovePatchGroup, KeyMap.SetDefault, KeyMap.Delete, KeyMap.Scroll];

    public override void FocusDefault() => _text.SetFocus();

    public override void Shown() => _loader.Reload();

    public override bool HandleChar(char c)
    {
        if (Host.ReadOnly)
        {
            return false;
        }

        switch (c)
        {
            case 'e':
                Forms.OpenEditBaseline(Host, _baselineId);
                return true;
            case 'g':
                Host.Open(Forms.RegisterPatchGroup(Host, _baselineId));
                return true;
            case 'G':
                // The first group using it, as a start; any other can be typed.
                Host.Open(Forms.DeregisterPatchGroup(Host, _baselineId, _loader.Current?.PatchGroups.Items.FirstOrDefault() ?? ""));
                return true;
            case 'D':
                Forms.AskSetDefaultBaseline(Host, _baselineId);
                return true;
            default:
                return false;
        }
    }

    public override bool Delete()
    {
        if (Host.ReadOnly)
        {
            return false;
        }

        Forms.AskDeleteBaseline(Host, _baselineId);
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
        if (_loader.Current is { } detail)
        {
            _frame.Title = $"Baseline {detail.Baseline?.Name ?? Format.Baseline(_baselineId)}";
            // Wrapped here, with continuation lines indented, rather than by ScrollingText, which starts them at column 0.
            _text.Text = string.Join("\n", BaselineRows.Detail(detail, _text.Viewport.Width > 0 ? _text.Viewport.Width : int.MaxValue));
        }
    }
}
