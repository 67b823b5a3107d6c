namespace PatchLab.Tui.Render;

/// <summary>One table row: a stable key (to keep the selection across refreshes) and its cells.</summary>
/// <param name="Key">Stable identity of the row, such as the instance id.</param>
/// <param name="Cells">Cell texts, one per header.</param>
public sealed record TableRow(string Key, IReadOnlyList<string> Cells)
{
    /// <summary>Tags of the instance the row shows, for <c>tag:Key=Value</c> filters; null for rows that are not instances.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
