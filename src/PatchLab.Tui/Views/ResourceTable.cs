using System.Globalization;
using PatchLab.Tui.Render;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// A framed table that keeps its selection (by row key) and scroll offsets when its rows are replaced, like k9s's
/// browser and Terminal.Gui's ProcessTable scenario. It owns its <c>/</c> filter and its sort, shows them in its title
/// ("Fleet [2/8] /tag:env=prod"), colours status words by tone, and can show a message instead of rows ("not available
/// yet"). With <see cref="FollowTail"/>, a selection on the last row follows new rows.
/// </summary>
internal sealed class ResourceTable : FrameView
{
    private static readonly HashSet<string> ToneColumns =
        new(["STATUS", "DETAILS", "PING", "COMPLIANCE", "STATE", "LAST", "ON", "SEVERITY"], StringComparer.Ordinal);

    // Over the header's underline: two lines of message still fit in a table squeezed to one row.
    private readonly Label _message = new() { X = 1, Y = 1, Width = Dim.Fill(1), Height = Dim.Auto(), Visible = false };
    private string? _messageText;
    private TableRows _source = new([], []);
    private TableRows _rows = new([], []);
    private string _name;
    private RowFilter? _filter;
    private RowSort? _sort;
    private bool _replacing;
    private bool _shown; // Show has run once (the title counts rows from then on)
    private readonly PaintedTableView _paint;

    public ResourceTable(string name)
    {
        _name = name;
        Title = name;
        CanFocus = true; // a view can only hold the focus when every view above it can
        Width = Dim.Fill();
        Height = Dim.Fill();
        Table = _paint = new PaintedTableView
        {
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            FullRowSelect = true,
            MultiSelect = false,
            Table = new RowsTableSource(_rows),
        };

        // k9s look: no grid, one header row that stays put while rows scroll; more rows fit at 80x24.
        Table.Style.ShowVerticalCellLines = false;
        Table.Style.ShowVerticalHeaderLines = false;
        Table.Style.ShowHorizontalHeaderOverline = false;
        Table.Style.ShowHorizontalHeaderUnderline = true; // carries the ► that says more columns are off to the right
        Table.Style.ShowHorizontalBottomLine = false;
        Table.Style.AlwaysShowHeaders = true;
        Table.Style.ExpandLastColumn = true;
        Table.ValueChanged += (_, _) =>
        {
            if (!_replacing)
            {
                SelectionChanged?.Invoke(this, EventArgs.Empty);
            }
        };

        // A double click accepts the row: open it, as Enter does, and never let the Runnable take it as "done".
        Table.Accepting += (_, e) =>
        {
            e.Handled = true;
            RowAccepted?.Invoke(this, EventArgs.Empty);
        };
        Add(Table, _message);
        ViewportChanged += (_, _) => WrapMessage();
    }

    /// <summary>The selected row changed (by the user, or because a refresh removed it).</summary>
    public event EventHandler? SelectionChanged;

    /// <summary>The user double-clicked a row (Enter is handled by the dashboard's keys).</summary>
    public event EventHandler? RowAccepted;

    public TableView Table { get; }

    /// <summary>The rows shown: filtered and sorted.</summary>
    public TableRows Rows => _rows;

    /// <summary>All rows, before the filter.</summary>
    public TableRows SourceRows => _source;

    /// <summary>Keep the last row selected when it was selected before new rows arrived (a log tail).</summary>
    public bool FollowTail { get; init; }

    public RowFilter? Filter
    {
        get => _filter;
        set
        {
            _filter = value;
            Show(_source, _name, force: true);
        }
    }

    public RowSort? Sort
    {
        get => _sort;
        set
        {
            _sort = value;
            Show(_source, _name, force: true);
        }
    }

    public int SelectedIndex =>
        _rows.Rows.Count == 0 ? -1 : Math.Clamp(Table.Value?.SelectedCell.Y ?? 0, 0, _rows.Rows.Count - 1);

    public string? SelectedKey => SelectedIndex is >= 0 and var i ? _rows.Rows[i].Key : null;

    /// <summary>A text shown in place of rows (a section that is not available), or null.</summary>
    public string? Message
    {
        get => _messageText;
        set
        {
            _messageText = string.IsNullOrEmpty(value) ? null : value;
            _message.Visible = _messageText is not null;
            WrapMessage();
        }
    }

    /// <summary>Selects the row with <paramref name="key"/>; false when it is not shown.</summary>
    public bool Select(string key)
    {
        int index = _rows.IndexOf(key);
        if (index < 0)
        {
            return false;
        }

        Table.SetSelection(Table.Value?.SelectedCell.X ?? 0, index, false, null);
        Table.EnsureCursorIsVisible();
        return true;
    }

    /// <summary>
    /// Replaces the rows, keeping the selected row (by key) and the scroll offsets; the title counts them. Rows equal to
    /// the ones shown (the usual poll) change nothing and cost no redraw.
    /// </summary>
    public void Show(TableRows rows, string name) => Show(rows, name, force: false);

    private void Show(TableRows rows, string name, bool force)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!force && _shown && string.Equals(name, _name, StringComparison.Ordinal) && rows.SameAs(_source))
        {
            return;
        }

        _shown = true;
        _source = rows;
        _name = name;
        TableRows shown = _filter?.Apply(rows) ?? rows;
        shown = _sort?.Apply(shown) ?? shown;

        string? oldKey = SelectedKey;
        int oldIndex = SelectedIndex;
        int oldColumn = Table.Value?.SelectedCell.X ?? 0;
        bool atTail = FollowTail && (oldIndex < 0 || oldIndex == _rows.Rows.Count - 1);
        int rowOffset = Table.RowOffset;
        int columnOffset = Table.ColumnOffset;

        // Setting Table resets selection and offsets (Terminal.Gui 2.5.0): restore them without raising SelectionChanged.
        _replacing = true;
        try
        {
            _rows = shown;
            Table.Table = new RowsTableSource(shown);
            ColourStatusColumns(shown);
            if (shown.Rows.Count > 0)
            {
                int index = atTail ? shown.Rows.Count - 1 : shown.IndexOf(oldKey);
                if (index < 0)
                {
                    index = Math.Clamp(oldIndex, 0, shown.Rows.Count - 1);
                }

                Table.RowOffset = rowOffset;
                Table.ColumnOffset = columnOffset;
                Table.SetSelection(Math.Clamp(oldColumn, 0, shown.Headers.Count - 1), index, false, null);
                Table.EnsureValidScrollOffsets();
                Table.EnsureCursorIsVisible();
            }
        }
        finally
        {
            _replacing = false;
        }

        Title = TitleOf(name, shown.Rows.Count, rows.Rows.Count, _filter);
        Table.SetNeedsDraw();
        if (!string.Equals(oldKey, SelectedKey, StringComparison.Ordinal))
        {
            SelectionChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <inheritdoc />
    protected override bool OnClearingViewport() => CoveredClear.ClearUncoveredRows(this);

    /// <summary>"Fleet [3]", or with a filter "Fleet [2/3] /web".</summary>
    public static string TitleOf(string name, int shown, int total, RowFilter? filter) => filter is null
        ? $"{name} [{total.ToString(CultureInfo.InvariantCulture)}]"
        : $"{name} [{shown.ToString(CultureInfo.InvariantCulture)}/{total.ToString(CultureInfo.InvariantCulture)}] /{filter.Text}";

    private void WrapMessage()
    {
        if (_messageText is not null)
        {
            int width = Math.Max(10, (Viewport.Width > 0 ? Viewport.Width : 78) - 2);
            _message.Text = string.Join("\n", OutputText.Wrap(_messageText, width));
        }
    }

    private void ColourStatusColumns(TableRows rows)
    {
        var toned = new HashSet<int>();
        for (int c = 0; c < rows.Headers.Count; c++)
        {
            if (ToneColumns.Contains(rows.Headers[c].TrimEnd('↑', '↓')))
            {
                toned.Add(c);
            }
        }

        _paint.CellColor = toned.Count == 0 ? null : (column, text, scheme) =>
        {
            if (!toned.Contains(column))
            {
                return null;
            }

            Tone tone = Tones.Of(text.Trim());
            return tone == Tone.Normal ? null : new Scheme(scheme) { Normal = ToneColors.Of(tone, scheme.Normal) };
        };
    }
}
