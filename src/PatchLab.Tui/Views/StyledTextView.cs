using PatchLab.Tui.Render;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>Draws toned lines (progress, bars, summaries) from the pure renderers, each span in its tone's colour.</summary>
internal sealed class StyledTextView : View
{
    private IReadOnlyList<StyledLine> _lines = [];

    public StyledTextView()
    {
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = false;
    }

    public IReadOnlyList<StyledLine> Lines
    {
        get => _lines;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (_lines.Count == value.Count && _lines.Zip(value).All(p => p.First.Text == p.Second.Text && p.First.Spans.SequenceEqual(p.Second.Spans)))
            {
                return;
            }

            _lines = value;
            SetNeedsDraw();
        }
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        Terminal.Gui.Drawing.Attribute normal = GetAttributeForRole(VisualRole.Normal);
        for (int y = 0; y < Math.Min(_lines.Count, Viewport.Height); y++)
        {
            Move(0, y);
            int x = 0;
            foreach (TextSpan span in _lines[y].Truncate(Viewport.Width).Spans)
            {
                if (x >= Viewport.Width)
                {
                    break;
                }

                string text = span.Text.Length > Viewport.Width - x ? span.Text[..(Viewport.Width - x)] : span.Text;
                SetAttribute(ToneColors.Of(span.Tone, normal));
                AddStr(text);
                x += text.Length;
            }
        }

        SetAttribute(normal);
        return true;
    }
}
