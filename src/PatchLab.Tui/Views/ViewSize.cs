using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>
/// Height changes that cost only what changed. Terminal.Gui 2.5.0 asks for a cleared screen on every assignment to
/// <see cref="View.Width"/> or <see cref="View.Height"/>, even of the value already there, and a cleared screen redraws
/// every view of the dashboard: a page that set its frame's height on each poll repainted the whole terminal once a
/// second (issue 6). Screens that size their parts from their data set heights through this.
/// </summary>
internal static class ViewSize
{
    /// <summary>Sets <paramref name="view"/>'s height unless it is that already.</summary>
    public static void SetHeight(this View view, Dim height)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!Equals(view.Height, height))
        {
            view.Height = height;
        }
    }
}
