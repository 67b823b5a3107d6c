using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class BarsTests
{
    private static string Draw(IReadOnlyList<TextSpan> spans) => string.Concat(spans.Select(s => s.Text));

    [Theory]
    // proportional, always exactly the width
    [InlineData(new[] { 1, 1 }, null, 10, "█████▓▓▓▓▓")]
    [InlineData(new[] { 3, 1 }, null, 8, "██████▓▓")]
    // a tiny count still shows (one cell), taken from the largest
    [InlineData(new[] { 99, 1 }, null, 10, "█████████▓")]
    // a scale larger than the counts leaves the rest dotted (not done yet)
    [InlineData(new[] { 1, 1 }, 4, 8, "██▓▓····")]
    // nothing at all: an empty bar
    [InlineData(new[] { 0, 0 }, null, 6, "░░░░░░")]
    public void Segmented_SplitsTheWidthByCount(int[] counts, int? scale, int width, string expected)
    {
        string bar = Draw(Bars.Segmented([(counts[0], '█', Tone.Good), (counts[1], '▓', Tone.Bad)], width, scale));

        Assert.Equal(expected, bar);
        Assert.Equal(width, bar.Length);
    }

    [Fact]
    public void Segmented_GivesEachSegmentItsTone()
    {
        IReadOnlyList<TextSpan> spans = Bars.Segmented([(1, '█', Tone.Good), (0, '▒', Tone.Busy), (1, '▓', Tone.Bad)], 4);

        Assert.Equal([Tone.Good, Tone.Bad], spans.Select(s => s.Tone));
    }

    [Theory]
    // the ramp 1 → 3 → 5 against MaxConcurrency 5
    [InlineData(new[] { 0, 1, 3, 5, 5, 2 }, 5, "▁▂▅██▄")]
    // samples above the limit rescale the line
    [InlineData(new[] { 2, 4 }, 2, "▅█")]
    [InlineData(new int[0], 3, "")]
    public void Sparkline_DrawsOneCharacterPerSample(int[] samples, int max, string expected) =>
        Assert.Equal(expected, Bars.Sparkline(samples, max));
}
