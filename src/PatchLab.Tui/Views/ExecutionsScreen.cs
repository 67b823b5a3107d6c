using PatchLab.Tui.Models;
using PatchLab.Tui.Render;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// The executions page: recent window executions on top, the selected one's live progress (counts, bars, the
/// concurrency ramp, a grid of instance cells) in the middle, its invocations below. Enter goes down to the
/// invocations, Enter again opens an invocation's output; Esc comes back up.
/// </summary>
internal sealed class ExecutionsScreen : Screen
{
    private readonly ResourceTable _executions = new("Executions");
    private readonly FrameView _progressFrame = new() { Title = "Progress", X = 0, Width = Dim.Fill(), Height = 3 };
    private readonly StyledTextView _progress = new();
    private readonly ResourceTable _invocations = new("Invocations");

    public ExecutionsScreen(IScreenHost host)
        : base(host)
    {
        _executions.Height = Dim.Percent(30);
        _progressFrame.Y = Pos.Bottom(_executions);
        _progressFrame.Add(_progress);
        _invocations.Y = Pos.Bottom(_progressFrame);
        _invocations.Height = Dim.Fill();
        Add(_executions, _progressFrame, _invocations);

        _executions.SelectionChanged += (_, _) => ShowSelected();
        _executions.RowAccepted += (_, _) => _invocations.Table.SetFocus();
        _invocations.RowAccepted += (_, _) => OpenOutput();
        _invocations.Table.HasFocusChanged += (_, _) => Host.KeysChanged();
        ViewportChanged += (_, _) => ShowProgress();
    }

    public override string Name => "Executions";

    public override IReadOnlyList<ResourceTable> Tables => [_executions, _invocations];

    public override IReadOnlyList<KeyHint> Keys => _invocations.Table.HasFocus
        ? [KeyMap.Output, KeyMap.Back]
        : Host.ReadOnly ? [KeyMap.Invocations] : [KeyMap.Invocations, KeyMap.CancelExecution];

    public override bool HandleChar(char c)
    {
        if (Host.ReadOnly || c != 'C' || _executions.SelectedKey is not { } executionId)
        {
            return false;
        }

        Forms.AskCancelExecution(Host, executionId);
        return true;
    }

    public override void Apply(DashboardSnapshot snapshot)
    {
        _executions.Show(ExecutionRows.Build(snapshot.Executions), "Executions");
        ShowSelected();
    }

    /// <summary>Selects an execution (from a window screen).</summary>
    public void Select(string windowExecutionId)
    {
        _executions.Select(windowExecutionId);
        ShowSelected();
    }

    public override bool Enter()
    {
        if (_invocations.Table.HasFocus)
        {
            OpenOutput();
        }
        else
        {
            _invocations.Table.SetFocus();
        }

        Host.KeysChanged();
        return true;
    }

    public override bool Back()
    {
        if (!_invocations.Table.HasFocus)
        {
            return false;
        }

        _executions.Table.SetFocus();
        Host.KeysChanged();
        return true;
    }

    private ExecutionItem? Selected => Host.Snapshot?.Executions.FirstOrDefault(e => e.WindowExecutionId == _executions.SelectedKey);

    private void ShowSelected()
    {
        ExecutionItem? execution = Selected;
        DateTimeOffset now = Host.Snapshot?.Clock.Now ?? default;
        string name = execution is null ? "Invocations" : $"Invocations {execution.WindowName} {ExecutionRows.ShortId(execution.WindowExecutionId)}";
        _invocations.Show(InvocationRows.Build(execution, now), name);
        ShowProgress();
    }

    private void ShowProgress()
    {
        DashboardSnapshot? snapshot = Host.Snapshot;
        if (snapshot is null)
        {
            return;
        }

        ExecutionItem? execution = Selected;
        int width = Math.Max(20, (Viewport.Width > 0 ? Viewport.Width : 80) - 2);

        // The progress takes what the two tables leave: at 80x24 a few lines, more on a taller screen.
        int height = Viewport.Height > 0 ? Viewport.Height : 20;
        int maxLines = Math.Max(1, height - 6 - 6);
        var names = snapshot.Instances.ToDictionary(i => i.InstanceId, i => i.Name, StringComparer.Ordinal);
        IReadOnlyList<StyledLine> lines = ExecutionProgress.Build(execution, snapshot.Ramp, names, width, Math.Min(maxLines, Math.Max(3, height / 3)));
        _progress.Lines = lines;
        _progressFrame.Title = execution is null ? "Progress" : $"Progress {execution.WindowName} {ExecutionRows.ShortId(execution.WindowExecutionId)}";
        _progressFrame.SetHeight(lines.Count + 2);
    }

    private void OpenOutput()
    {
        ExecutionItem? execution = Selected;
        string? key = _invocations.SelectedKey;
        InvocationItem? invocation = execution?.Invocations.FirstOrDefault(i => $"{i.InstanceId}/{i.CommandId}" == key);
        if (invocation is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(invocation.CommandId))
        {
            Host.Flash($"✗ {invocation.InstanceId} has no command yet ({invocation.Status}): no output to show");
            return;
        }

        string label = string.IsNullOrEmpty(invocation.InstanceName) ? invocation.InstanceId : invocation.InstanceName;
        Host.Open(new OutputScreen(Host, invocation.CommandId, invocation.InstanceId, label));
    }
}
