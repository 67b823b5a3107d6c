using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace PatchLab.Tui.Views;

/// <summary>
/// The bottom line: the keys that apply, " key  label │ key  label", keys in the hot colour, k9s's key bar. It draws
/// itself in place of Terminal.Gui's StatusBar: new hints there meant new Shortcut views, and Terminal.Gui 2.5.0 clears the
/// whole screen when a view is sized (a Shortcut sizes itself when created), so each page switch repainted the terminal.
/// New hints here repaint this line only. Display only: the dashboard handles every key before any view sees it.
/// </summary>
internal sealed class HintBar : View
{
    private IReadOnlyList<KeyHint> _hints = [];

    public HintBar()
    {
        X = 0;
        Y = Pos.AnchorEnd(1);
        Width = Dim.Fill();
        Height = 1;
        CanFocus = false;
        SchemeName = SchemeManager.SchemesToSchemeName(Schemes.Menu);
    }

    /// <summary>The hints shown, in order; the same hints again change nothing.</summary>
    public IReadOnlyList<KeyHint> Hints
    {
        get => _hints;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.SequenceEqual(_hints))
            {
                return;
            }

            _hints = value;
            SetNeedsDraw();
        }
    }

    /// <inheritdoc />
    protected override bool OnClearingViewport() => true; // the whole line is written below

    /// <inheritdoc />
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        if (width <= 0)
        {
            return true;
        }

        Attribute normal = GetAttributeForRole(VisualRole.Normal);
        Attribute hot = GetAttributeForRole(VisualRole.HotNormal);
        Move(0, 0);
        int used = 0;
        for (int i = 0; i < _hints.Count && used < width; i++)
        {
            KeyHint hint = _hints[i];
            used += Put(i == 0 ? " " : " │ ", normal, width - used);
            used += Put(hint.Key, hot, width - used);
            used += Put("  " + hint.Label, normal, width - used);
        }

        if (used < width)
        {
            SetAttribute(normal);
            AddStr(new string(' ', width - used));
        }

        context?.AddDrawnRectangle(ViewportToScreen(Viewport with { X = 0, Y = 0 }));
        return true;
    }

    private int Put(string text, Attribute attribute, int room)
    {
        if (room <= 0)
        {
            return 0;
        }

        string shown = HeaderLine.Cut(text, room);
        SetAttribute(attribute);
        AddStr(shown);
        return shown.GetColumns();
    }
}
