using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// The output of one command on one instance, plugin by plugin (ListCommandInvocations, then GetCommandInvocation for
/// the full text), reloaded after every poll until the invocation ends; the view follows the tail while it is at the bottom.
/// </summary>
internal sealed class OutputScreen : Screen
{
    private readonly FrameView _frame = new() { Width = Dim.Fill(), Height = Dim.Fill() };
    private readonly ScrollingText _text = new();
    private readonly DetailLoader<InvocationOutput> _loader;
    private readonly string _label;

    public OutputScreen(IScreenHost host, string commandId, string instanceId, string label)
        : base(host)
    {
        _label = label;
        _frame.Title = $"Output {label} · command {Format.ShortId(commandId)}";
        _frame.CanFocus = true;
        _frame.Add(_text);
        Add(_frame);
        _text.Text = OutputText.Build(null);
        _loader = new DetailLoader<InvocationOutput>(ct => Host.Data.GetInvocationOutputAsync(commandId, instanceId, ct));
        _loader.Loaded += (_, _) => Host.Post(Render);
        _loader.Failed += (_, e) => Host.Post(() => Host.Flash($"✗ output: {Format.FirstLine(e.Message)}"));
    }

    public override string Name => $"Output {_label}";

    public override IReadOnlyList<ResourceTable> Tables => [];

    public override IReadOnlyList<KeyHint> Keys => [KeyMap.Back, KeyMap.Scroll];

    public override void FocusDefault() => _text.SetFocus();

    public override void Shown() => _loader.Reload();

    public override void Apply(DashboardSnapshot snapshot)
    {
        if (!OutputText.IsFinal(_loader.Current))
        {
            _loader.Reload();
        }
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
        string text = OutputText.Build(_loader.Current);
        if (text != _text.Text)
        {
            _text.Text = text;
        }
    }
}
