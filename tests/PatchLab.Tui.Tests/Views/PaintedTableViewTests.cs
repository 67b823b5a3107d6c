using System.Text;
using PatchLab.Tui.Render;
using PatchLab.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace PatchLab.Tui.Tests.Views;

/// <summary>
/// The dashboard's own table painting against Terminal.Gui's: the same screen, cell for cell and colour for colour,
/// in every state the dashboard puts a table in; and the saving it exists for (a line already on screen is not written).
/// </summary>
[Collection(TerminalCollection.Name)]
public sealed class PaintedTableViewTests
{
    private static readonly string[] Headers = ["INSTANCE", "NAME", "PING", "COMPLIANCE", "DETAILS"];

    [Theory]
    [InlineData(60, 12, 0, 0, 0, true)] // first rows, selection on the first
    [InlineData(60, 12, 30, 25, 0, true)] // scrolled down, selection in the middle
    [InlineData(60, 12, 3, 0, 0, false)] // the table without the focus: selection in the Active colour
    [InlineData(40, 10, 5, 0, 12, true)] // narrower than the columns: scrolled right by 12
    [InlineData(40, 10, 5, 0, 3, true)] // scrolled right into the middle of a column
    [InlineData(120, 8, 1, 0, 0, true)] // wider than the columns: the last one fills the rest
    [InlineData(30, 3, 0, 0, 0, true)] // one row under the header
    [InlineData(30, 1, 0, 0, 0, true)] // the header alone
    public void Paints_WhatTableViewPaints(int width, int height, int selected, int top, int left, bool focused)
    {
        TableRows rows = Fleet(60);

        Snapshot expected = Render(new TableView(), rows, width, height, selected, top, left, focused);
        var painted = new PaintedTableView();
        Snapshot actual = Render(painted, rows, width, height, selected, top, left, focused);

        Assert.Equal(height, painted.LinesComposed); // painted here, not by TableView
        AssertSame(expected, actual);
    }

    [Fact]
    public void Paints_WhatTableViewPaints_WithoutRowsAndWithoutColumns()
    {
        AssertSame(Render(new TableView(), Fleet(0), 50, 6, 0, 0, 0, true), Render(new PaintedTableView(), Fleet(0), 50, 6, 0, 0, 0, true));
        var none = new TableRows([], []);
        AssertSame(Render(new TableView(), none, 50, 6, 0, 0, 0, true), Render(new PaintedTableView(), none, 50, 6, 0, 0, 0, true));
    }

    [Fact]
    public void Paints_WhatTableViewPaints_WithWideAndCutText()
    {
        var rows = new TableRows(Headers,
        [
            new TableRow("a", ["i-1", "名前のある-instance-with-a-very-long-name-indeed", "Online", "✓ COMPLIANT", "détails ünïcode"]),
            new TableRow("b", ["i-2", "web-2", "ConnectionLost", "NON_COMPLIANT", "→ reboot pending"]),
        ]);

        Snapshot expected = Render(new TableView(), rows, 36, 5, 1, 0, 0, true, maxWidth: 14);
        Snapshot actual = Render(new PaintedTableView(), rows, 36, 5, 1, 0, 0, true, maxWidth: 14);

        AssertSame(expected, actual);
    }

    [Fact]
    public void SecondDraw_WritesNothing_AndAKeyRewritesTheTwoRowsItMovedBetween()
    {
        using var ui = new Harness(60, 14);
        var table = new PaintedTableView();
        ui.Show(table, Fleet(60), selected: 3, top: 0, left: 0);
        Assert.Contains("i-0000000000000003", ui.App.Driver!.ToString(), StringComparison.Ordinal);

        table.SetNeedsDraw();
        ui.Draw();
        Assert.Equal(13, table.LinesComposed); // 14 lines less the focusable view below
        Assert.Equal(0, table.LinesWritten);

        ui.App.InjectKey(Key.CursorDown);
        ui.Draw();
        Assert.Equal(2, table.LinesWritten);
        Assert.Contains("i-0000000000000004", ui.App.Driver!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AChangedCell_RewritesOnlyItsSpan_AndTheScreenIsWhatAFreshPaintShows()
    {
        TableRows before = Fleet(30);
        TableRows after = new(before.Headers, [.. before.Rows.Select((r, i) => i == 3
            ? new TableRow(r.Key, [r.Cells[0], r.Cells[1], "ConnectionLost", r.Cells[3], r.Cells[4]])
            : r)]);
        using var ui = new Harness(60, 14);
        var table = new PaintedTableView();
        ui.Show(table, before, selected: 0, top: 0, left: 0);

        table.Table = new RowsTableSource(after); // a poll: one instance lost its connection
        ui.Draw();

        Assert.Equal(1, table.LinesWritten);
        Assert.InRange(table.CellsWritten, "ConnectionLost".Length, "ConnectionLost".Length + 1);
        AssertSame(Render(new TableView(), after, 60, 13, 0, 0, 0, true), ui.Snapshot(13));
    }

    [Fact]
    public void ALineOverwrittenByAnotherView_IsWrittenAgain()
    {
        using var ui = new Harness(60, 14);
        var table = new PaintedTableView();
        ui.Show(table, Fleet(60), selected: 0, top: 0, left: 0);
        string before = ui.App.Driver!.ToString()!;

        // Something else draws over row 5 (as a dialog or a clear would) without the table knowing.
        ui.App.Driver.Clip = new Region(new System.Drawing.Rectangle(0, 0, 60, 14));
        ui.App.Driver.Move(0, 5);
        ui.App.Driver.AddStr(new string('#', 60));
        Assert.Contains(new string('#', 60), ui.App.Driver.ToString(), StringComparison.Ordinal);
        table.SetNeedsDraw();
        ui.Draw();

        Assert.Equal(1, table.LinesWritten);
        Assert.Equal(before, ui.App.Driver.ToString());
    }

    [Fact]
    public void StylesItDoesNotPaint_AreLeftToTableView()
    {
        TableRows rows = Fleet(10);
        var grid = new PaintedTableView();
        Snapshot actual = Render(grid, rows, 60, 8, 0, 0, 0, true, vertical: true);
        Snapshot expected = Render(new TableView(), rows, 60, 8, 0, 0, 0, true, vertical: true);

        Assert.False(grid.PaintsItself);
        Assert.Equal(0, grid.LinesComposed);
        AssertSame(expected, actual);
        Assert.Contains('│', actual.Text);
    }

    /// <summary>Equal screens, or the first cell that differs.</summary>
    private static void AssertSame(Snapshot expected, Snapshot actual)
    {
        for (int y = 0; y < expected.Cells.GetLength(0); y++)
        {
            for (int x = 0; x < expected.Cells.GetLength(1); x++)
            {
                Cell e = expected.Cells[y, x], a = actual.Cells[y, x];
                Assert.True(e.Grapheme == a.Grapheme && e.Attribute == a.Attribute,
                    $"cell ({x},{y}): expected '{e.Grapheme}' {e.Attribute}, painted '{a.Grapheme}' {a.Attribute}\nexpected:\n{expected.Text}\npainted:\n{actual.Text}");
            }
        }
    }

    private static TableRows Fleet(int count)
    {
        string[] pings = ["Online", "ConnectionLost", "Online"];
        string[] compliance = ["COMPLIANT", "NON_COMPLIANT", "-"];
        return new TableRows(Headers, [.. Enumerable.Range(0, count).Select(i => new TableRow($"k{i}",
            [$"i-{i:0000000000000000}", $"node-{i}", pings[i % 3], compliance[i % 3], i % 4 == 0 ? "reboot pending after install" : ""]))]);
    }

    private static Snapshot Render(TableView table, TableRows rows, int width, int height, int selected, int top, int left, bool focused,
        int? maxWidth = null, bool vertical = false)
    {
        using var ui = new Harness(width, height + 1); // a focusable sibling below takes the focus away when asked
        if (maxWidth is { } max)
        {
            table.MaxCellWidth = max;
        }

        ui.Show(table, rows, selected, top, left, focused, vertical);
        return ui.Snapshot(height);
    }

    private sealed record Snapshot(string Text, Cell[,] Cells);

    /// <summary>A table styled as <see cref="ResourceTable"/> styles it, alone on a headless screen.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly string? _previous = Environment.GetEnvironmentVariable("DisableRealDriverIO");
        private readonly Runnable _top = new() { Width = Dim.Fill(), Height = Dim.Fill() };
        private readonly View _other = new() { X = 0, Y = Pos.AnchorEnd(1), Width = 1, Height = 1, CanFocus = true };
        private SessionToken? _session;

        public Harness(int width, int height)
        {
            Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
            App = Application.Create(new VirtualTimeProvider());
            App.Init(DriverRegistry.Names.ANSI);
            App.Driver!.SetScreenSize(width, height);
        }

        public IApplication App { get; }

        public void Show(TableView table, TableRows rows, int selected, int top, int left, bool focused = true, bool vertical = false)
        {
            table.X = 0;
            table.Y = 0;
            table.Width = Dim.Fill();
            table.Height = Dim.Fill(1);
            table.FullRowSelect = true;
            table.MultiSelect = false;
            table.Style.ShowVerticalCellLines = vertical;
            table.Style.ShowVerticalHeaderLines = false;
            table.Style.ShowHorizontalHeaderOverline = false;
            table.Style.ShowHorizontalHeaderUnderline = true;
            table.Style.ShowHorizontalBottomLine = false;
            table.Style.AlwaysShowHeaders = true;
            table.Style.ExpandLastColumn = true;
            table.Table = new RowsTableSource(rows);
            if (table is PaintedTableView painted)
            {
                painted.CellColor = (column, text, scheme) => column == 2 && text.Trim() == "ConnectionLost"
                    ? new Scheme(scheme) { Normal = new Attribute(Color.Red, scheme.Normal.Background) }
                    : null;
            }

            if (table is not PaintedTableView || vertical) // TableView's own colouring where it paints
            {
                table.Style.GetOrCreateColumnStyle(2).ColorGetter = args => args.Representation?.Trim() == "ConnectionLost"
                    ? new Scheme(args.RowScheme) { Normal = new Attribute(Color.Red, args.RowScheme.Normal.Background) }
                    : null;
            }

            _top.Add(table, _other);
            _session = App.Begin(_top);
            (focused ? (View)table : _other).SetFocus();
            if (rows.Rows.Count > 0)
            {
                table.SetSelection(0, Math.Min(selected, rows.Rows.Count - 1), false, null);
            }

            App.LayoutAndDraw();
            table.Viewport = table.Viewport with { X = left, Y = top };
            Draw();
        }

        public void Draw() => App.LayoutAndDraw();

        public Snapshot Snapshot(int height)
        {
            Cell[,] contents = App.Driver!.Contents!;
            var cells = new Cell[height, contents.GetLength(1)];
            var text = new StringBuilder();
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < contents.GetLength(1); x++)
                {
                    cells[y, x] = contents[y, x];
                    text.Append(contents[y, x].Grapheme);
                }

                text.Append('\n');
            }

            return new Snapshot(text.ToString(), cells);
        }

        public void Dispose()
        {
            if (_session is not null)
            {
                App.End(_session);
            }

            _top.Dispose();
            App.Dispose();
            Environment.SetEnvironmentVariable("DisableRealDriverIO", _previous);
        }
    }
}
