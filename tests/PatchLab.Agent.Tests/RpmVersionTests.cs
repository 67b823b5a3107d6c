using PatchLab.Agent.Patching;

namespace PatchLab.Agent.Tests;

public sealed class RpmVersionTests
{
    [Theory]
    // Same strings.
    [InlineData(0, "1.0-1", 0, "1.0-1", 0)]
    // Numeric segments compare as numbers, not text.
    [InlineData(0, "1.10-1", 0, "1.9-1", 1)]
    [InlineData(0, "5.10.240-238.955.amzn2", 0, "5.10.26-1.amzn2", 1)]
    // Leading zeros do not count.
    [InlineData(0, "1.007-1", 0, "1.7-1", 0)]
    // Release decides when versions tie: amzn2.0.10 is newer than amzn2.0.6.
    [InlineData(1, "1.0.2k-24.amzn2.0.10", 1, "1.0.2k-24.amzn2.0.6", 1)]
    // A letter segment after the number (1.0.2k) is newer than the bare number.
    [InlineData(0, "1.0.2k-1", 0, "1.0.2-1", 1)]
    // Epoch beats everything.
    [InlineData(1, "1.0-1", 0, "9.9-9", 1)]
    [InlineData(32, "9.11.4-26.P2.amzn2.13.6", 32, "9.11.4-26.P2.amzn2.13.5", 1)]
    // A number segment is newer than a letter segment.
    [InlineData(0, "1.0.1-1", 0, "1.0.a-1", 1)]
    // More segments win when the common ones tie.
    [InlineData(0, "4.2.46-34.amzn2.0.1", 0, "4.2.46-34.amzn2", 1)]
    // Tilde sorts before the release it precedes (pre-releases).
    [InlineData(0, "1.0~rc1-1", 0, "1.0-1", -1)]
    // tzdata style: 2024a < 2024b < 2025a.
    [InlineData(0, "2024b-1.amzn2", 0, "2024a-1.amzn2", 1)]
    [InlineData(0, "2025a-1.amzn2", 0, "2024b-1.amzn2", 1)]
    // Separators differ but the segments tie.
    [InlineData(0, "1_0-1", 0, "1.0-1", 0)]
    public void Compare_OrdersLikeRpm_WhenVersionsDiffer(int epochA, string a, int epochB, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(RpmVersion.Compare(epochA, a, epochB, b)));
        Assert.Equal(-expected, Math.Sign(RpmVersion.Compare(epochB, b, epochA, a)));
    }

    [Theory]
    [InlineData("1.0.2k-24.amzn2.0.6", "1.0.2k", "24.amzn2.0.6")]
    [InlineData("2022g-1.amzn2", "2022g", "1.amzn2")]
    [InlineData("noversionrelease", "noversionrelease", "")]
    public void Split_SeparatesAtLastDash(string text, string version, string release)
    {
        Assert.Equal((version, release), RpmVersion.Split(text));
    }
}
