using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class RowSortTests
{
    private static readonly TableRows Rows = new(["", "NAME", "MISS"],
    [
        new("a", ["", "web-10", "3"]),
        new("b", ["●", "web-2", "412"]),
        new("c", ["", "db-1", "-"]),
        new("d", ["", "Web-2", "9"]),
    ]);

    [Theory]
    // numbers inside text compare as numbers; case does not matter; equal cells keep the emulator's order
    [InlineData(1, false, new[] { "c", "b", "d", "a" })]
    [InlineData(1, true, new[] { "a", "b", "d", "c" })]
    // counts: "-" (unknown) first, then 3 < 9 < 412
    [InlineData(2, false, new[] { "c", "a", "d", "b" })]
    [InlineData(2, true, new[] { "b", "d", "a", "c" })]
    public void Apply_SortsNaturally(int column, bool descending, string[] expected)
    {
        TableRows sorted = new RowSort(column, descending).Apply(Rows);

        Assert.Equal(expected, sorted.Rows.Select(r => r.Key));
    }

    [Fact]
    public void Apply_MarksTheSortedHeader()
    {
        Assert.Equal(["", "NAME↑", "MISS"], new RowSort(1).Apply(Rows).Headers);
        Assert.Equal(["", "NAME", "MISS↓"], new RowSort(2, Descending: true).Apply(Rows).Headers);
        Assert.Equal(["", "NAME", "MISS"], Rows.Headers); // the input is not changed
    }

    [Fact]
    public void Next_CyclesThroughNamedColumns_ThenBackToTheEmulatorsOrder()
    {
        RowSort? first = RowSort.Next(null, Rows.Headers);
        RowSort? second = RowSort.Next(first, Rows.Headers);

        Assert.Equal(new RowSort(1), first); // the blank mark column is skipped
        Assert.Equal(new RowSort(2), second);
        Assert.Null(RowSort.Next(second, Rows.Headers));
        Assert.Equal(new RowSort(2, true), RowSort.Next(new RowSort(1, true), Rows.Headers)); // the direction stays
    }

    [Fact]
    public void Reverse_FlipsTheDirection_OrSortsTheFirstColumnDescending()
    {
        Assert.Equal(new RowSort(1, true), RowSort.Reverse(null, Rows.Headers));
        Assert.Equal(new RowSort(2, false), RowSort.Reverse(new RowSort(2, true), Rows.Headers));
    }

    [Theory]
    [InlineData("web-2", "web-10", -1)]
    [InlineData("web-10", "web-2", 1)]
    [InlineData("12-06 02:00:01", "12-06 02:00:10", -1)]
    [InlineData("-", "0", -1)]
    [InlineData("abc", "ABD", -1)]
    [InlineData("Web-2", "web-2", 0)] // equal but for case: equal, the stable sort keeps the emulator's order
    [InlineData("i-007", "i-7", 0)]
    [InlineData("web-2", "web-2", 0)]
    public void NaturalComparer_ComparesDigitRunsAsNumbers(string x, string y, int sign) =>
        Assert.Equal(sign, Math.Sign(NaturalComparer.Instance.Compare(x, y)));
}
