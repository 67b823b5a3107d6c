using PatchLab.Tui.Render;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>
/// A framed table that keeps its selection (by row key) and scroll offsets when its rows are replaced, like k9s's
/// browser and Terminal.Gui's ProcessTable scenario. With <see cref="FollowTail"/>, a selection on the last row
/// follows new rows.
/// </summary>
internal sealed class ResourceTable : FrameView
{
    private TableRows _rows = new([], []);
    private bool _replacing;

    public ResourceTable(string title)
    {
        Title = title;
        CanFocus = true; // a view can only hold the focus when every view above it can
        Width = Dim.Fill();
        Height = Dim.Fill();
        Table = new TableView
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
        Add(Table);
    }

    /// <summary>The selected row changed (by the user, or because a refresh removed it).</summary>
    public event EventHandler? SelectionChanged;

    public TableView Table { get; }

    public TableRows Rows => _rows;

    /// <summary>Keep the last row selected when it was selected before new rows arrived (a log tail).</summary>
    public bool FollowTail { get; init; }

    public int SelectedIndex =>
        _rows.Rows.Count == 0 ? -1 : Math.Clamp(Table.Value?.SelectedCell.Y ?? 0, 0, _rows.Rows.Count - 1);

    public string? SelectedKey => SelectedIndex is >= 0 and var i ? _rows.Rows[i].Key : null;

    /// <summary>Replaces the rows, keeping the selected row (by key) and the scroll offsets.</summary>
    public void Show(TableRows rows, string title)
    {
        ArgumentNullException.ThrowIfNull(rows);
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
            _rows = rows;
            Table.Table = new RowsTableSource(rows);
            if (rows.Rows.Count > 0)
            {
                int index = atTail ? rows.Rows.Count - 1 : rows.IndexOf(oldKey);
                if (index < 0)
                {
                    index = Math.Clamp(oldIndex, 0, rows.Rows.Count - 1);
                }

                Table.RowOffset = rowOffset;
                Table.ColumnOffset = columnOffset;
                Table.SetSelection(Math.Clamp(oldColumn, 0, rows.Headers.Count - 1), index, false, null);
                Table.EnsureValidScrollOffsets();
                Table.EnsureCursorIsVisible();
            }
        }
        finally
        {
            _replacing = false;
        }

        Title = title;
        Table.SetNeedsDraw();
        if (!string.Equals(oldKey, SelectedKey, StringComparison.Ordinal))
        {
            SelectionChanged?.Invoke(this, EventArgs.Empty);
        }
    }
}
