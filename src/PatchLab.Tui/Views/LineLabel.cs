using Terminal.Gui.Drawing;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>
/// A one-line text that changes on every poll (the clock, the tabs, the fleet counts) without costing a layout. In
/// Terminal.Gui 2.5.0 a new <see cref="View.Text"/> on a label anchored to the right asks the dashboard for a layout
/// (issue 6 measured one per poll), and a layout of the dashboard redraws all of it: five full-screen clears and every
/// table row, once a second. This view draws its own line: a new line of the same width is a redraw of this view
/// alone; only a new width lays out the dashboard again.
/// </summary>
internal sealed class LineLabel : View
{
    private string _line;
    private int _columns;

    public LineLabel(Pos x, Pos y, string line = "")
    {
        ArgumentNullException.ThrowIfNull(line);
        _line = line;
        X = x;
        Y = y;
        Height = 1;
        _columns = Math.Max(1, line.GetColumns());
        Width = _columns;
        CanFocus = false;
    }

    /// <summary>The text shown; setting the same text does nothing.</summary>
    public string Line
    {
        get => _line;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (string.Equals(_line, value, StringComparison.Ordinal))
            {
                return;
            }

            _line = value;
            int columns = Math.Max(1, value.GetColumns());
            if (columns != _columns)
            {
                _columns = columns;
                this.SetWidth(columns); // the one case that needs a layout
            }

            SetNeedsDraw();
        }
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        SetAttribute(GetAttributeForRole(VisualRole.Normal));
        Move(0, 0);
        AddStr(_line);
        return true;
    }
}
