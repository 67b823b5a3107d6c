using Terminal.Gui.Drawing;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>
/// A header row that changes on every poll (title and clock; tabs and fleet counts): a text at the left edge and one at
/// the right, drawn by this one full-width view. Terminal.Gui 2.5.0 lays out the dashboard again when a label anchored to
/// the right gets a new text, and clears the whole screen when any view is sized: two labels sized to their texts cost a
/// full repaint whenever a text changed length (a page key changes the tabs, a paused clock the clock). This row never
/// changes size; new texts repaint this row only.
/// </summary>
internal sealed class HeaderLine : View
{
    private string _left = "";
    private string _right = "";

    public HeaderLine(int y)
    {
        X = 0;
        Y = y;
        Width = Dim.Fill();
        Height = 1;
        CanFocus = false;
    }

    /// <summary>Text from the left edge; setting the same text does nothing.</summary>
    public string Left
    {
        get => _left;
        set => Set(ref _left, value);
    }

    /// <summary>Text ending at the right edge; it keeps its room when both do not fit (the left text is cut).</summary>
    public string Right
    {
        get => _right;
        set => Set(ref _right, value);
    }

    /// <inheritdoc />
    protected override bool OnClearingViewport() => true; // the whole row is written below

    /// <inheritdoc />
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        if (width <= 0)
        {
            return true;
        }

        string right = Cut(_right, width);
        int rightColumns = right.GetColumns();
        int room = rightColumns == 0 ? width : Math.Max(0, width - rightColumns - 1);
        string left = Cut(_left, room);
        int gap = width - left.GetColumns() - rightColumns;
        SetAttribute(GetAttributeForRole(VisualRole.Normal));
        Move(0, 0);
        AddStr(left + new string(' ', Math.Max(0, gap)) + right);
        return true;
    }

    private void Set(ref string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!string.Equals(field, value, StringComparison.Ordinal))
        {
            field = value;
            SetNeedsDraw();
        }
    }

    /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="columns"/>.</summary>
    internal static string Cut(string text, int columns)
    {
        if (text.GetColumns() <= columns)
        {
            return text;
        }

        int used = 0, length = 0;
        foreach (string grapheme in GraphemeHelper.GetGraphemes(text))
        {
            int width = grapheme.GetColumns();
            if (used + width > columns)
            {
                break;
            }

            used += width;
            length += grapheme.Length;
        }

        return text[..length];
    }
}
