using PatchLab.Tui.Render;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>
/// Read-only text wrapped to the view's width, scrolled with ↑↓ PgUp PgDn Home End or the mouse wheel. While the view
/// shows the last line, new text keeps it at the bottom (a live log's tail); otherwise the scroll position stays.
/// </summary>
internal sealed class ScrollingText : View
{
    private string _text = "";
    private IReadOnlyList<string> _lines = [];
    private int _wrappedFor = -1;
    private int _top;

    public ScrollingText()
    {
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        // The wheel goes through commands: mouse bindings are how Terminal.Gui 2.5 hands wheel events to a view.
        AddCommand(Command.ScrollDown, () =>
        {
            ScrollTo(_top + 3);
            return true;
        });
        AddCommand(Command.ScrollUp, () =>
        {
            ScrollTo(_top - 3);
            return true;
        });
        foreach ((MouseFlags wheel, Command command) in new[] { (MouseFlags.WheeledDown, Command.ScrollDown), (MouseFlags.WheeledUp, Command.ScrollUp) })
        {
            if (MouseBindings.TryGet(wheel, out _))
            {
                MouseBindings.ReplaceCommands(wheel, command);
            }
            else
            {
                MouseBindings.Add(wheel, command);
            }
        }
    }

    public new string Text
    {
        get => _text;
        set
        {
            if (value == _text)
            {
                return;
            }

            bool atBottom = _top >= MaxTop;
            _text = value;
            _wrappedFor = -1;
            if (atBottom && _top > 0)
            {
                _top = MaxTop;
            }

            SetNeedsDraw();
        }
    }

    /// <summary>First line shown.</summary>
    public int Top => _top;

    private IReadOnlyList<string> Lines
    {
        get
        {
            int width = Math.Max(1, Viewport.Width);
            if (_wrappedFor != width)
            {
                _lines = OutputText.Wrap(_text, width);
                _wrappedFor = width;
            }

            return _lines;
        }
    }

    private int MaxTop => Math.Max(0, Lines.Count - Math.Max(1, Viewport.Height));

    protected override bool OnDrawingContent(DrawContext? context)
    {
        IReadOnlyList<string> lines = Lines;
        _top = Math.Clamp(_top, 0, MaxTop);
        for (int y = 0; y < Viewport.Height && _top + y < lines.Count; y++)
        {
            Move(0, y);
            AddStr(lines[_top + y]);
        }

        return true;
    }

    protected override bool OnKeyDown(Key key)
    {
        int page = Math.Max(1, Viewport.Height - 1);
        int? top = key.KeyCode switch
        {
            KeyCode.CursorUp => _top - 1,
            KeyCode.CursorDown => _top + 1,
            KeyCode.PageUp => _top - page,
            KeyCode.PageDown => _top + page,
            KeyCode.Home => 0,
            KeyCode.End => MaxTop,
            _ => null,
        };
        if (top is not { } t)
        {
            return false;
        }

        ScrollTo(t);
        return true;
    }

    private void ScrollTo(int top)
    {
        _top = Math.Clamp(top, 0, MaxTop);
        SetNeedsDraw();
    }
}
