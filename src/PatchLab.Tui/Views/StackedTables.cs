using Terminal.Gui.ViewBase;

namespace PatchLab.Tui.Views;

/// <summary>
/// Lays tables out one under the other below a header, the focused one taking the room the others leave: at 80x24 the
/// others keep a row or two in sight, on a tall screen they share it evenly.
/// </summary>
internal static class StackedTables
{
    /// <summary>Rows a table needs to show one row: frame, header, underline, one row.</summary>
    public const int MinimumHeight = 5;

    /// <summary>Sets each table's Y and Height within <paramref name="height"/> rows starting at <paramref name="top"/>.</summary>
    public static void Layout(IReadOnlyList<ResourceTable> tables, int top, int height)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            return;
        }

        int focused = Math.Max(0, tables.ToList().FindIndex(t => t.Table.HasFocus));
        int even = height / tables.Count;
        int others = even >= 10 ? even : MinimumHeight;
        int y = top;
        for (int i = 0; i < tables.Count; i++)
        {
            int h = i == focused ? Math.Max(MinimumHeight, height - others * (tables.Count - 1)) : others;
            tables[i].Y = y;
            tables[i].SetHeight(i == tables.Count - 1 ? Dim.Fill() : h);
            y += h;
        }
    }
}
