using PatchLab.Tui.Render;
using Terminal.Gui.Views;

namespace PatchLab.Tui.Views;

/// <summary>Adapts rendered <see cref="TableRows"/> to Terminal.Gui's table view.</summary>
internal sealed class RowsTableSource(TableRows rows) : ITableSource
{
    private readonly string[] _columnNames = [.. rows.Headers];

    public object this[int row, int col] => rows.Rows[row].Cells[col];

    public string[] ColumnNames => _columnNames;

    public int Columns => _columnNames.Length;

    public int Rows => rows.Rows.Count;
}
