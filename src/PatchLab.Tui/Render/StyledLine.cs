namespace PatchLab.Tui.Render;

/// <summary>One line of toned text, as the pure renderers build it and the styled view draws it.</summary>
/// <param name="Spans">Runs of text, left to right.</param>
public sealed record StyledLine(IReadOnlyList<TextSpan> Spans)
{
    /// <summary>An empty line.</summary>
    public static readonly StyledLine Empty = new([]);

    /// <summary>The plain text of the line (tests, screen captures).</summary>
    public string Text => string.Concat(Spans.Select(s => s.Text));

    /// <summary>A line of one span.</summary>
    public static StyledLine Of(string text, Tone tone = Tone.Normal) => new([new TextSpan(text, tone)]);

    /// <summary>A line of several spans.</summary>
    public static StyledLine Of(params TextSpan[] spans) => new(spans);

    /// <summary>The line cut to <paramref name="width"/> characters, the last one replaced by … when cut.</summary>
    public StyledLine Truncate(int width)
    {
        if (Text.Length <= width)
        {
            return this;
        }

        var spans = new List<TextSpan>();
        int left = Math.Max(0, width - 1);
        foreach (TextSpan span in Spans)
        {
            if (left <= 0)
            {
                break;
            }

            spans.Add(span.Text.Length <= left ? span : span with { Text = span.Text[..left] });
            left -= span.Text.Length;
        }

        if (width > 0)
        {
            spans.Add(new TextSpan("…", spans.Count > 0 ? spans[^1].Tone : Tone.Normal));
        }

        return new StyledLine(spans);
    }
}
