using System.Drawing;
using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>
/// Clearing for the dashboard's container views (the dashboard, the page area, a screen, a framed table). Terminal.Gui
/// 2.5.0 draws every ancestor of a view that changed, and each ancestor first fills its whole viewport with blanks: one
/// changed table row cost five full-screen fills (issue 6), before the table repainted every line anyway. Here a
/// container fills only the rows that no full-width subview covers (its own text, gaps between labels) and leaves the
/// rest to the subviews: those that changed draw themselves, the others keep what they drew (a subview that moves or
/// hides has Terminal.Gui mark the area it left, as before).
/// </summary>
internal static class CoveredClear
{
    /// <summary>
    /// For <c>OnClearingViewport</c>: fills the rows of <paramref name="view"/>'s viewport that no visible, opaque
    /// subview spans from edge to edge, marks what lies on them for redraw, and returns true; false (the normal full
    /// clear) when the view scrolls its content.
    /// </summary>
    public static bool ClearUncoveredRows(View view)
    {
        ArgumentNullException.ThrowIfNull(view);
        Rectangle viewport = view.Viewport;
        if (viewport.X != 0 || viewport.Y != 0 || viewport.Width <= 0 || viewport.Height <= 0)
        {
            return false;
        }

        Span<bool> covered = viewport.Height <= 512 ? stackalloc bool[viewport.Height] : new bool[viewport.Height];
        foreach (View sub in view.SubViews)
        {
            Rectangle frame = sub.Frame;
            if (!sub.Visible || sub.ViewportSettings.HasFlag(ViewportSettingsFlags.Transparent) || frame.X > 0 || frame.Right < viewport.Width)
            {
                continue;
            }

            for (int y = Math.Max(0, frame.Y); y < Math.Min(viewport.Height, frame.Bottom); y++)
            {
                covered[y] = true;
            }
        }

        for (int y = 0; y < viewport.Height; y++)
        {
            if (covered[y])
            {
                continue;
            }

            int start = y;
            while (y + 1 < viewport.Height && !covered[y + 1])
            {
                y++;
            }

            var rows = new Rectangle(0, start, viewport.Width, y - start + 1);
            view.FillRect(rows, (System.Text.Rune)' ');
            view.SetNeedsDraw(rows); // what stood there (a label) draws again, as after a full clear
        }

        return true;
    }
}
