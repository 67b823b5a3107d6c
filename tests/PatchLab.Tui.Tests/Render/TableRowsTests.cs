using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

/// <summary>TableRows.SameAs: a poll that changes nothing is neither rebuilt nor redrawn (issue 6).</summary>
public sealed class TableRowsTests
{
    private static TableRows Rows(string ping, string? tagValue = "prod") => new(["INSTANCE", "PING"],
        [new TableRow("i-1", ["i-1", ping]) { Tags = tagValue is null ? null : new Dictionary<string, string> { ["env"] = tagValue } }]);

    [Fact]
    public void SameAs_IsTrue_ForEqualContentInNewObjects()
    {
        Assert.True(Rows("Online").SameAs(Rows("Online")));
    }

    [Theory]
    [InlineData("ConnectionLost", "prod")] // a cell
    [InlineData("Online", "dev")]          // a tag (what tag: filters read)
    [InlineData("Online", null)]
    public void SameAs_IsFalse_WhenACellOrATagDiffers(string ping, string? tag)
    {
        Assert.False(Rows("Online").SameAs(Rows(ping, tag)));
    }

    [Fact]
    public void SameAs_IsFalse_ForOtherHeadersOrAnotherRowCount()
    {
        TableRows rows = Rows("Online");

        Assert.False(rows.SameAs(new TableRows(["INSTANCE", "STATE"], rows.Rows)));
        Assert.False(rows.SameAs(new TableRows(rows.Headers, [.. rows.Rows, new TableRow("i-2", ["i-2", "Online"])])));
        Assert.False(rows.SameAs(null));
    }
}
