using PatchLab.Agent.Patching;

namespace PatchLab.Agent.Tests;

public sealed class DebVersionTests
{
    [Theory]
    // Same strings.
    [InlineData(0, "3.0.2-0ubuntu1.18", 0, "3.0.2-0ubuntu1.18", 0)]
    // Numeric runs compare as numbers: ubuntu1.18 is newer than ubuntu1.9.
    [InlineData(0, "3.0.2-0ubuntu1.18", 0, "3.0.2-0ubuntu1.9", 1)]
    // Tilde sorts before everything, even the end: a backport ~deb12u1 is older than the plain version.
    [InlineData(0, "3.0.15-1~deb12u1", 0, "3.0.15-1", -1)]
    [InlineData(0, "2.4.71-1~deb12u1", 0, "2.4.62-1~deb12u1", 1)]
    // +deb12u2 after +deb12u1; '+' sorts after letters.
    [InlineData(0, "2.36.1-8+deb12u2", 0, "2.36.1-8+deb12u1", 1)]
    [InlineData(0, "1.0+a-1", 0, "1.0a-1", 1)]
    // Letters sort before non-letters (dpkg, unlike rpm): 1.0a < 1.0+.
    [InlineData(0, "1.0a", 0, "1.0+", -1)]
    // Epoch beats everything; an epoch inside the string counts when none is given.
    [InlineData(1, "8.9p1-3ubuntu0.10", 0, "9.9p1-1", 1)]
    [InlineData(0, "1:2.0-1", 0, "3.0-1", 1)]
    // Ubuntu security pocket versions: ubuntu0.22.04.2 > ubuntu0.22.04.1.
    [InlineData(0, "9.18.30-0ubuntu0.22.04.2", 0, "9.18.30-0ubuntu0.22.04.1", 1)]
    // Upstream decides before revision.
    [InlineData(0, "1.10-1", 0, "1.9-9", 1)]
    // No revision is older than any revision of the same upstream.
    [InlineData(0, "2.4.13", 0, "2.4.13-1", -1)]
    public void Compare_OrdersLikeDpkg(int epochA, string a, int epochB, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(DebVersion.Compare(epochA, a, epochB, b)));
        Assert.Equal(-expected, Math.Sign(DebVersion.Compare(epochB, b, epochA, a)));
    }
}
