namespace PatchLab.Tui.Render;

/// <summary>Bars and sparklines drawn with block characters, each segment in its own tone and glyph.</summary>
public static class Bars
{
    private const string Levels = "▁▂▃▄▅▆▇█";

    /// <summary>
    /// A bar <paramref name="width"/> cells wide split between <paramref name="segments"/> in proportion to their
    /// counts (largest remainder, so the cells always add up, and any non-zero count gets at least one cell when there
    /// is room). An all-zero bar is drawn empty (░).
    /// </summary>
    /// <param name="segments">Count, glyph and tone of each segment, in drawing order.</param>
    /// <param name="width">Cells.</param>
    /// <param name="scale">The count a full bar stands for; null for the sum of the segments.</param>
    public static IReadOnlyList<TextSpan> Segmented(IReadOnlyList<(int Count, char Glyph, Tone Tone)> segments, int width, int? scale = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        int total = segments.Sum(s => Math.Max(0, s.Count));
        int full = Math.Max(scale ?? total, total);
        if (width <= 0)
        {
            return [];
        }

        if (full == 0)
        {
            return [new TextSpan(new string('░', width), Tone.Dim)];
        }

        // Cells each segment deserves, then the leftover cells to the largest remainders.
        int used = (int)Math.Round((double)total / full * width, MidpointRounding.AwayFromZero);
        used = Math.Clamp(used, total > 0 ? 1 : 0, width);
        var cells = new int[segments.Count];
        var remainders = new double[segments.Count];
        for (int i = 0; i < segments.Count; i++)
        {
            double exact = total == 0 ? 0 : (double)Math.Max(0, segments[i].Count) / total * used;
            cells[i] = (int)exact;
            remainders[i] = exact - cells[i];
        }

        int left = used - cells.Sum();
        foreach (int i in Enumerable.Range(0, segments.Count).OrderByDescending(i => cells[i] == 0 && segments[i].Count > 0).ThenByDescending(i => remainders[i]))
        {
            if (left <= 0)
            {
                break;
            }

            cells[i]++;
            left--;
        }

        var spans = new List<TextSpan>();
        for (int i = 0; i < segments.Count; i++)
        {
            if (cells[i] > 0)
            {
                spans.Add(new TextSpan(new string(segments[i].Glyph, cells[i]), segments[i].Tone));
            }
        }

        if (used < width)
        {
            spans.Add(new TextSpan(new string('·', width - used), Tone.Dim));
        }

        return spans;
    }

    /// <summary>
    /// One character per sample, ▁ for zero up to █ for <paramref name="max"/> (or the largest sample when bigger):
    /// the in-flight count poll after poll.
    /// </summary>
    public static string Sparkline(IReadOnlyList<int> samples, int max)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int top = Math.Max(1, Math.Max(max, samples.Count == 0 ? 0 : samples.Max()));
        return string.Concat(samples.Select(s => Levels[(int)Math.Round(Math.Clamp(s, 0, top) * (Levels.Length - 1.0) / top, MidpointRounding.AwayFromZero)]));
    }
}
