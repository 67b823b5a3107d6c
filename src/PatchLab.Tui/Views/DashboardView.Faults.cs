using PatchLab.Contracts.Lab;
using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>The <c>:fault</c> command (issue 7): fault injection on the marked or selected instances; refused in read-only mode.</summary>
public sealed partial class DashboardView
{
    private void InjectFault(string text)
    {
        if (_options.ReadOnly)
        {
            Flash("✗ read-only dashboard: faults cannot be injected", isLoadError: false);
            return;
        }

        (FaultSpec? spec, string? error) = FaultPrompt.Parse(text);
        if (spec is null)
        {
            Flash($"✗ {error}", isLoadError: false);
            return;
        }

        IReadOnlyList<InstanceItem> targets = spec.Kind == FaultApi.EngineRestart ? [] : Current.ActionTargets;
        if (spec.Kind != FaultApi.EngineRestart && targets.Count == 0)
        {
            Flash($"✗ {spec.Kind}: select or mark instances on the Fleet page first", isLoadError: false);
            return;
        }

        spec.Targets = [.. targets.Select(t => t.InstanceId)];
        Current.ClearMarks();
        Flash($"{spec.Kind}: injecting…", isLoadError: false);
        _ = RunAsync();

        async Task RunAsync()
        {
            string flash;
            try
            {
                FaultDto fault = await _data.InjectFaultAsync(spec, _actions.Token).ConfigureAwait(false);
                string on = targets.Count > 0 ? string.Join(", ", targets.Select(Label)) : "every instance";
                flash = $"✓ fault {fault.FaultId} ({spec.Kind}) {fault.State} on {on}";
            }
            catch (OperationCanceledException) when (_actions.IsCancellationRequested)
            {
                return; // quitting
            }
#pragma warning disable CA1031 // The emulator's refusal is shown as a flash, never a crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                flash = $"✗ {spec.Kind}: {Format.FirstLine(ex.Message)}";
            }

            Post(() => Flash(flash, isLoadError: false));
            await _model.RefreshAsync(_actions.Token).ConfigureAwait(false);
        }
    }
}
