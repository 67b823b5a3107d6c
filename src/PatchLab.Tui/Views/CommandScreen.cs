using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>
/// One command: its summary, its invocations per instance (ListCommandInvocations with Details, reloaded on every poll
/// until all have ended) and, under them, each plugin's output for the selected instance. Enter opens the full output
/// (GetCommandInvocation per plugin); C cancels the command.
/// </summary>
internal sealed class CommandScreen : Screen
{
    private readonly Command _command;
    private readonly StyledTextView _summary = new() { Height = 1 };
    private readonly ResourceTable _invocations = new("Invocations") { Y = 1 };
    private readonly ScrollingText _output = new();
    private readonly Terminal.Gui.Views.FrameView _outputFrame = new() { Title = "Output", Width = Dim.Fill(), Height = Dim.Fill() };
    private readonly DetailLoader<Section<CommandInvocation>> _loader;

    public CommandScreen(IScreenHost host, Command command)
        : base(host)
    {
        _command = command;
        string commandId = command.CommandId ?? "";
        _outputFrame.Add(_output);
        Add(_summary, _invocations, _outputFrame);
        _invocations.RowAccepted += (_, _) => Enter();
        _invocations.SelectionChanged += (_, _) => RenderOutput();
        _invocations.Message = "loading…";
        _loader = new DetailLoader<Section<CommandInvocation>>(ct =>
            SsmSections.LoadAsync(Host.Ssm, "ListCommandInvocations", s => s.ListCommandInvocationsAsync(commandId, ct)));
        _loader.Loaded += (_, _) => Host.Post(Render);
        _loader.Failed += (_, e) => Host.Post(() => Host.Flash($"✗ command {Format.ShortId(commandId)}: {Format.FirstLine(e.Message)}"));
        _summary.Lines = [StyledLine.Of(CommandRows.Summary(command))];
        ViewportChanged += (_, _) => Relayout();
        Relayout();
    }

    public override string Name => $"Command {Format.ShortId(_command.CommandId)}";

    public override IReadOnlyList<ResourceTable> Tables => [_invocations];

    public override IReadOnlyList<KeyHint> Keys => Host.ReadOnly ? [KeyMap.Output, KeyMap.Back] : [KeyMap.Output, KeyMap.Back, KeyMap.CancelCommand];

    /// <summary>Asks, then sends CancelCommand for <paramref name="commandId"/>.</summary>
    public static void AskCancel(IScreenHost host, string commandId)
    {
        if (host.Ssm is not { } ssm)
        {
            host.Flash("✗ " + SsmSections.NoEndpoint);
            return;
        }

        host.Confirm($"? cancel command {Format.ShortId(commandId)}: y to confirm, any other key keeps it", () =>
            host.RunAction("cancel command", async ct =>
            {
                await ssm.CancelCommandAsync(commandId, ct).ConfigureAwait(false);
                return $"✓ cancel requested: command {Format.ShortId(commandId)}";
            }));
    }

    public override void Shown() => _loader.Reload();

    public override void Apply(DashboardSnapshot snapshot)
    {
        // Ended invocations no longer change: stop asking once every one is terminal.
        if (_loader.Current is not { } current || current.Items.Count == 0 || current.Items.Any(i => !IsFinal(i.Status?.Value)))
        {
            _loader.Reload();
        }
    }

    public override bool Enter()
    {
        if (_invocations.SelectedKey is not { } instanceId)
        {
            return false;
        }

        Host.Open(new OutputScreen(Host, _command.CommandId ?? "", instanceId, instanceId));
        return true;
    }

    public override bool HandleChar(char c)
    {
        if (Host.ReadOnly || c != 'C')
        {
            return false;
        }

        AskCancel(Host, _command.CommandId ?? "");
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

    private static bool IsFinal(string? status) => status is "Success" or "Failed" or "Cancelled" or "TimedOut";

    private void Relayout()
    {
        int height = Math.Max(0, (Viewport.Height > 0 ? Viewport.Height : 20) - 1);
        int tableHeight = Math.Max(StackedTables.MinimumHeight, height / 2);
        _invocations.SetHeight(tableHeight);
        _outputFrame.Y = 1 + tableHeight;
    }

    private void Render()
    {
        Section<CommandInvocation>? section = _loader.Current;
        _invocations.Show(CommandRows.Invocations(section?.Items ?? []), $"Invocations {Format.ShortId(_command.CommandId)}");
        _invocations.Message = section is null ? "loading…" : section.Unavailable ?? (section.Items.Count == 0 ? "No invocations yet." : null);
        RenderOutput();
    }

    private void RenderOutput()
    {
        CommandInvocation? selected = _loader.Current?.Items.FirstOrDefault(i => i.InstanceId == _invocations.SelectedKey);
        _outputFrame.Title = selected is null ? "Output" : $"Output {selected.InstanceId} (Enter: full output)";
        string text = selected is null
            ? ""
            : OutputText.Build(new InvocationOutput(_command.CommandId ?? "", selected.InstanceId ?? "", new Section<CommandInvocationItem>([SsmDashboardData.ToItem(selected)])));
        if (text != _output.Text)
        {
            _output.Text = text;
        }
    }
}
