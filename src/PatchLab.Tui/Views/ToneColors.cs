using PatchLab.Tui.Render;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace PatchLab.Tui.Views;

/// <summary>
/// Tones as colours: only the 16 basic ANSI colours, as foregrounds over the view's own background, so a 16-colour
/// terminal (or Force16Colors) shows the same thing, and the glyphs carry the meaning where there is no colour at all.
/// </summary>
internal static class ToneColors
{
    public static Attribute Of(Tone tone, Attribute normal) => tone switch
    {
        Tone.Dim => new Attribute(new Color(ColorName16.DarkGray), normal.Background),
        Tone.Good => new Attribute(new Color(ColorName16.BrightGreen), normal.Background),
        Tone.Busy => new Attribute(new Color(ColorName16.BrightCyan), normal.Background),
        Tone.Warn => new Attribute(new Color(ColorName16.BrightYellow), normal.Background),
        Tone.Bad => new Attribute(new Color(ColorName16.BrightRed), normal.Background),
        Tone.Heading => new Attribute(normal.Foreground, normal.Background, TextStyle.Bold),
        _ => normal,
    };
}
