using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>The dashboard's page area: holds the screens, one visible at a time, and clears only what none of them covers.</summary>
internal sealed class PagesView : View
{
    /// <inheritdoc />
    protected override bool OnClearingViewport() => CoveredClear.ClearUncoveredRows(this);
}
