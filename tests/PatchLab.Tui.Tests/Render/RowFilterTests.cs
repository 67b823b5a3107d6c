using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class RowFilterTests
{
    private static readonly TableRow Web1 = new("i-1", ["i-1", "web-1", "Online", "NON_COMPLIANT"])
    {
        Tags = new Dictionary<string, string> { ["env"] = "prod", ["Patch Group"] = "web" },
    };

    private static readonly TableRow Event = new("e-1", ["12-06 02:00:00", "window", "patch-weekly started"]);

    [Theory]
    // free text: any cell, case-insensitive
    [InlineData("web", true)]
    [InlineData("WEB-1", true)]
    [InlineData("non_comp", true)]
    [InlineData("db", false)]
    // tag:Key=Value: the value case-insensitive, the key exact; tag:Key: the tag exists
    [InlineData("tag:env=prod", true)]
    [InlineData("tag:env=PROD", true)]
    [InlineData("tag:env=staging", false)]
    [InlineData("tag:Env=prod", false)]
    [InlineData("tag:env", true)]
    [InlineData("tag:owner", false)]
    // every term must match; ! inverts one
    [InlineData("tag:env=prod web", true)]
    [InlineData("tag:env=prod db", false)]
    [InlineData("!db", true)]
    [InlineData("!web", false)]
    [InlineData("!tag:env=staging online", true)]
    public void Matches_AppliesEveryTerm(string filter, bool expected) =>
        Assert.Equal(expected, RowFilter.Parse(filter)!.Matches(Web1));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_ReturnsNull_ForABlankFilter(string? text) => Assert.Null(RowFilter.Parse(text));

    [Fact]
    public void Matches_NeverMatchesATagTerm_OnRowsThatAreNotInstances()
    {
        Assert.False(RowFilter.Parse("tag:env=prod")!.Matches(Event));
        Assert.True(RowFilter.Parse("!tag:env")!.Matches(Event));
        Assert.True(RowFilter.Parse("patch-weekly")!.Matches(Event));
    }

    [Fact]
    public void Apply_KeepsMatchingRowsInOrder_AndTheHeaders()
    {
        var rows = new TableRows(["A", "B"], [new("1", ["web-2", "x"]), new("2", ["db-1", "x"]), new("3", ["web-1", "x"])]);

        TableRows filtered = RowFilter.Parse(" web ")!.Apply(rows);

        Assert.Equal(["1", "3"], filtered.Rows.Select(r => r.Key));
        Assert.Equal(rows.Headers, filtered.Headers);
        Assert.Equal("web", RowFilter.Parse(" web ")!.Text);
    }
}
