using PatchLab.Tui.Models;

namespace PatchLab.Tui.Tests.Models;

public sealed class RetryBackoffTests
{
    [Theory]
    // no failure, no wait
    [InlineData(0, 0)]
    // doubling from one second
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    // capped at ten seconds, however long the outage
    [InlineData(5, 10)]
    [InlineData(64, 10)]
    [InlineData(int.MaxValue, 10)]
    public void After_DoublesUpToTenSeconds(int failures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryBackoff.After(failures));
}
