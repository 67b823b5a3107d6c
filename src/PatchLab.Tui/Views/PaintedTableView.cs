using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// A <see cref="TableView"/> that skips the blank fill before it draws: its content pass writes every line of the
/// viewport itself (header, underline, each row, blanks below the last row), so the fill only doubled the work.
/// </summary>
internal sealed class PaintedTableView : TableView
{
    /// <inheritdoc />
    protected override bool OnClearingViewport()
    {
        // A table narrower than the view leaves the header underline short of the right edge: clear then, as before.
        if (Table is not { Columns: > 0 } || GetContentSize().Width < Viewport.Width || Viewport.X != 0 || Viewport.Y != 0)
        {
            return false;
        }

        return true;
    }
}
