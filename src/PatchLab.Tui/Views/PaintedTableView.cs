using System.Drawing;
using System.Runtime.CompilerServices;
using System.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace PatchLab.Tui.Views;

/// <summary>
/// A <see cref="TableView"/> that paints like Terminal.Gui's own (same columns, widths, truncation, colours, header and
/// underline) at a fraction of the cost, for a dashboard that repaints a 1,000-row table every second (issue 6):
/// <list type="bullet">
/// <item>each line is composed in memory first and written once; Terminal.Gui 2.5.0 writes a row three times (a blank
/// line, a second blank line, then the cells), and every cell written costs a lock, a clip test and a grapheme check;</item>
/// <item>a line the screen already shows, cell for cell and colour for colour, is not written at all: a key that moves
/// the selection rewrites two lines, a poll that changed nothing rewrites none. The screen buffer is the reference, so
/// whatever else drew over the table (a dialog, a cleared screen) shows as a difference and the line is written.</item>
/// </list>
/// Selection, scrolling, keys and mouse stay <see cref="TableView"/>'s.
/// </summary>
internal sealed class PaintedTableView : TableView
{
    private readonly StringBuilder _run = new();
    private char[] _chars = [];
    private string?[] _graphemes = []; // set where a cell holds more than one simple char (or a wide glyph)
    private Attribute[] _attributes = [];
    private bool[] _continuation = []; // the right half of a wide glyph
    private bool _complex;
    private int _cursor;

    /// <summary>
    /// The colours of a cell, from its column and text (the dashboard's status tones), or null for the row's: what a
    /// column style's <c>ColorGetter</c> is to <see cref="TableView"/>. Arguments: column index, the cell's text, the
    /// row's scheme.
    /// </summary>
    public Func<int, string, Scheme, Scheme?>? CellColor { get; set; }

    /// <summary>Lines the last draw wrote to the screen buffer (the others already showed what they should).</summary>
    public int LinesWritten { get; private set; }

    /// <summary>Lines the last draw composed (the viewport's height).</summary>
    public int LinesComposed { get; private set; }

    /// <summary>Cells the last draw wrote to the screen buffer.</summary>
    public int CellsWritten { get; private set; }

    /// <summary>
    /// True when the table is styled as the dashboard styles it (k9s look: header and underline only, no grid, full-row
    /// selection, one selection): the only style painted here; any other is left to <see cref="TableView"/>.
    /// </summary>
    public bool PaintsItself =>
        Style is { ShowHeaders: true, ShowHorizontalHeaderUnderline: true, ShowHorizontalHeaderOverline: false, AlwaysShowHeaders: true,
            ShowVerticalCellLines: false, ShowVerticalHeaderLines: false, ShowHorizontalBottomLine: false, InvertSelectedCellFirstCharacter: false,
            RowColorGetter: null }
        && SeparatorSymbol == ' ' && FullRowSelect && !MultiSelect;

    /// <inheritdoc />
    protected override bool OnClearingViewport() => PaintsItself; // every line of the viewport is composed edge to edge below

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // drawn once a second: never long enough in tier 0 to tier up
    protected override bool OnDrawingContent(DrawContext? context)
    {
        if (!PaintsItself)
        {
            return base.OnDrawingContent(context);
        }

        Rectangle viewport = Viewport;
        int width = viewport.Width;
        LinesWritten = 0;
        LinesComposed = 0;
        CellsWritten = 0;
        if (width <= 0 || viewport.Height <= 0)
        {
            return true;
        }

        if (_chars.Length != width)
        {
            _chars = new char[width];
            _graphemes = new string?[width];
            _attributes = new Attribute[width];
            _continuation = new bool[width];
        }

        Attribute normal = GetAttributeForRole(VisualRole.Normal);
        ITableSource? table = Table;
        Column[] columns = table is null ? [] : Layout(table, viewport);
        int contentWidth = columns.Length == 0 ? 0 : columns[^1].X + columns[^1].Width - 1;
        if (columns.Length > 0 && GetContentSize().Width != contentWidth)
        {
            // TableView sizes its content (what horizontal scrolling reaches) when it draws: do it here in its stead.
            RefreshContentSize();
            viewport = Viewport;
            columns = Layout(table!, viewport);
            contentWidth = columns[^1].X + columns[^1].Width - 1;
        }

        int line = 0;
        if (columns.Length > 0)
        {
            // Header: the names in the header colours over a blank line, then the underline across the content.
            Scheme header = Style.HeaderScheme ?? GetScheme();
            Attribute headerAttribute = HasFocus ? header.Focus : header.Normal;
            Begin(normal);
            foreach (Column column in columns)
            {
                string name = table!.ColumnNames[column.Index];
                Put(column.X - viewport.X, TruncateOrPad(name, name, column.Width, column.Style), headerAttribute);
            }

            Finish(line++);
            if (line < viewport.Height)
            {
                Begin(normal);
                string hline = Glyphs.HLine.ToString();
                for (int c = viewport.X; c < Math.Min(contentWidth, viewport.X + width); c++)
                {
                    Put(c - viewport.X, hline, normal);
                }

                Finish(line++);
            }
        }

        int headerLines = line;
        Scheme scheme = GetScheme();
        for (; line < viewport.Height; line++)
        {
            int row = viewport.Y + (line - headerLines);
            if (columns.Length == 0 || row < 0 || row >= table!.Rows)
            {
                Begin(normal);
                Finish(line);
                continue;
            }

            bool rowSelected = FullRowSelect && IsSelected(0, row);
            Begin(rowSelected ? (HasFocus ? scheme.Focus : scheme.Active) : (Enabled ? scheme.Normal : scheme.Active));
            foreach (Column column in columns)
            {
                object value = table[row, column.Index];
                string text = Representation(value, column.Style);
                Scheme cell = CellColor?.Invoke(column.Index, text, scheme) ?? scheme;
                Attribute attribute = IsSelected(column.Index, row)
                    ? HasFocus ? cell.Focus : cell.Active
                    : Enabled ? cell.Normal : cell.Disabled;

                Put(column.X - viewport.X, TruncateOrPad(value, text, column.Width, column.Style), attribute);
                Put(column.X + column.Width - 1 - viewport.X, " ", attribute); // the gap after a cell takes its colour
            }

            Finish(line);
        }

        return true;
    }

    /// <summary>The columns as <see cref="TableView"/> lays them out: widest of header and visible cells, the last one filling the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // drawn once a second: never long enough in tier 0 to tier up
    private Column[] Layout(ITableSource table, Rectangle viewport)
    {
        if (table.Columns <= 0)
        {
            return [];
        }

        var visible = new List<(int Index, ColumnStyle? Style)>(table.Columns);
        for (int c = 0; c < table.Columns; c++)
        {
            ColumnStyle? style = Style.GetColumnStyleIfAny(c);
            if (style?.Visible ?? true)
            {
                visible.Add((c, style));
            }
        }

        if (visible.Count == 0)
        {
            return [];
        }

        int headerHeight = (Style.ShowHeaders ? 1 : 0) + (Style.ShowHorizontalHeaderOverline ? 1 : 0) + (Style.ShowHorizontalHeaderUnderline ? 1 : 0);
        int firstRow = 0, rowCount = table.Rows;
        if (!UseAllRowsForContentCalculation)
        {
            int headerVisible = Style.AlwaysShowHeaders ? Math.Min(headerHeight, viewport.Height) : Math.Min(Math.Max(headerHeight - viewport.Y, 0), viewport.Height);
            firstRow = Style.AlwaysShowHeaders ? viewport.Y : Math.Max(viewport.Y - headerHeight, 0);
            rowCount = Math.Min(viewport.Height - headerVisible, table.Rows - firstRow);
        }

        var columns = new Column[visible.Count];
        int x = 0;
        for (int i = 0; i < visible.Count; i++)
        {
            (int index, ColumnStyle? style) = visible[i];
            int max = Columns(table.ColumnNames[index]);
            for (int r = firstRow; r < firstRow + rowCount; r++)
            {
                max = Math.Max(max, Columns(Representation(table[r, index], style)));
            }

            if (style is not null)
            {
                max = Math.Max(Math.Min(max, style.MaxWidth), style.MinWidth);
            }

            max = Math.Min(max, MaxCellWidth);
            if (MinCellWidth > 0 && max < MinCellWidth)
            {
                max = MinCellWidth <= MaxCellWidth ? MinCellWidth : MaxCellWidth;
            }

            bool last = i == visible.Count - 1;
            if (last && Style.ExpandLastColumn && max < viewport.Width - x)
            {
                max = viewport.Width - x;
            }

            columns[i] = new Column(index, style, x, max + 1);
            x += max + (last ? 0 : 1);
        }

        return columns;
    }

    private string Representation(object value, ColumnStyle? style) =>
        value == DBNull.Value ? NullSymbol : style is null ? value.ToString() ?? "" : style.GetRepresentation(value);

    /// <summary>Fits a cell's text to its width as <see cref="TableView"/> does: one column short, for the gap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // drawn once a second: never long enough in tier 0 to tier up
    private static string TruncateOrPad(object value, string text, int width, ColumnStyle? style)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new string(' ', width);
        }

        int columns = Columns(text);
        if (columns >= width)
        {
            string indicator = style?.TruncationIndicator ?? "";
            int indicatorColumns = indicator.GetColumns();
            bool withIndicator = indicatorColumns > 0 && indicatorColumns < width - 1;
            int reserve = withIndicator ? indicatorColumns : 0;
            var cut = new StringBuilder();
            int room = width;
            foreach (string grapheme in GraphemeHelper.GetGraphemes(text))
            {
                int graphemeColumns = grapheme.GetColumns();
                if (room - graphemeColumns - reserve <= 0)
                {
                    break;
                }

                cut.Append(grapheme);
                room -= graphemeColumns;
            }

            return withIndicator ? cut.Append(indicator).ToString() : cut.ToString();
        }

        int pad = width - (columns + 1);
        return (style?.GetAlignment(value) ?? Alignment.Start) switch
        {
            Alignment.End => new string(' ', pad) + text,
            Alignment.Center or Alignment.Fill => new string(' ', pad / 2) + text + new string(' ', pad - (pad / 2)),
            _ => text + new string(' ', pad),
        };
    }

    /// <summary>Starts a line: blank in <paramref name="fill"/>.</summary>
    private void Begin(Attribute fill)
    {
        Array.Fill(_chars, ' ');
        Array.Clear(_graphemes);
        Array.Fill(_attributes, fill);
        Array.Clear(_continuation);
        _complex = false;
    }

    /// <summary>Writes <paramref name="text"/> from viewport column <paramref name="at"/> as AddStr would: cut at the edges.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // drawn once a second: never long enough in tier 0 to tier up
    private void Put(int at, string text, Attribute attribute)
    {
        _cursor = at;
        if (IsSimple(text))
        {
            foreach (char c in text)
            {
                Set(c, null, 1, attribute);
            }

            return;
        }

        foreach (string grapheme in GraphemeHelper.GetGraphemes(text))
        {
            int columns = grapheme.GetColumns();
            if (grapheme.Length == 1 && columns == 1)
            {
                Set(grapheme[0], null, 1, attribute);
            }
            else
            {
                _complex = true;
                Set(' ', grapheme, columns, attribute);
            }
        }

    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // drawn once a second: never long enough in tier 0 to tier up
    private void Set(char c, string? grapheme, int columns, Attribute attribute)
    {
        int x = _cursor;
        int width = _chars.Length;
        if (x >= 0 && x + Math.Max(1, columns) <= width)
        {
            _chars[x] = c;
            _graphemes[x] = grapheme;
            _attributes[x] = attribute;
            _continuation[x] = false;
            if (columns > 1)
            {
                _attributes[x + 1] = attribute;
                _continuation[x + 1] = true;
            }
        }

        _cursor += columns > 1 ? 2 : 1;
    }

    /// <summary>Columns <paramref name="text"/> takes: its length for printable ASCII (most cells), else Terminal.Gui's measure.</summary>
    private static int Columns(string text) => IsSimple(text) ? text.Length : text.GetColumns();

    private static bool IsSimple(string text)
    {
        foreach (char c in text)
        {
            if (c < ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Writes the cells of the composed line that the screen does not show already: spans of changed cells (a gap of a
    /// few equal cells is written through rather than costing another move); the whole line when it holds wide glyphs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // drawn once a second: never long enough in tier 0 to tier up
    private void Finish(int line)
    {
        LinesComposed++;
        int width = _chars.Length;
        Cell[,]? contents = App?.Driver?.Contents;
        Point at = ViewportToScreen(new Point(0, line));
        bool comparable = !_complex && contents is not null && at.Y >= 0 && at.Y < contents.GetLength(0) && at.X >= 0
            && at.X + width <= contents.GetLength(1);
        if (!comparable)
        {
            LinesWritten++;
            CellsWritten += width;
            Write(line, 0, width);
            return;
        }

        bool written = false;
        int x = 0;
        while (x < width)
        {
            while (x < width && Shows(contents!, at.Y, at.X + x, x))
            {
                x++;
            }

            if (x == width)
            {
                break;
            }

            int start = x, end = x + 1, same = 0;
            for (x = end; x < width && same < MergeGap; x++)
            {
                if (Shows(contents!, at.Y, at.X + x, x))
                {
                    same++;
                }
                else
                {
                    same = 0;
                    end = x + 1;
                }
            }

            Write(line, start, end);
            CellsWritten += end - start;
            written = true;
            x = end;
        }

        if (written)
        {
            LinesWritten++;
        }
    }

    /// <summary>Equal cells between two changes that are written anyway: cheaper than a second move and attribute.</summary>
    private const int MergeGap = 4;

    /// <summary>Writes composed cells [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="line"/>, one AddStr per colour.</summary>
    private void Write(int line, int from, int to)
    {
        int x = from;
        while (x < to)
        {
            Attribute attribute = _attributes[x];
            int start = x;
            _run.Clear();
            while (x < to && _attributes[x] == attribute)
            {
                if (!_continuation[x])
                {
                    if (_graphemes[x] is { } grapheme)
                    {
                        _run.Append(grapheme);
                    }
                    else
                    {
                        _run.Append(_chars[x]);
                    }
                }

                x++;
            }

            SetAttribute(attribute);
            Move(start, line);
            AddStr(_run.ToString());
        }
    }

    /// <summary>True when screen cell (<paramref name="col"/>, <paramref name="row"/>) holds composed cell <paramref name="x"/>.</summary>
    private bool Shows(Cell[,] contents, int row, int col, int x)
    {
        ref Cell cell = ref contents[row, col];
        string grapheme = cell.Grapheme;
        return cell.Attribute == _attributes[x] && grapheme is { Length: 1 } && grapheme[0] == _chars[x];
    }

    private sealed record Column(int Index, ColumnStyle? Style, int X, int Width);
}
