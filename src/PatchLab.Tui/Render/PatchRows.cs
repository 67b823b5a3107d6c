using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>Rows of an instance's patches: what needs attention first (failed, missing, waiting for a reboot), then the rest.</summary>
public static class PatchRows
{
    /// <summary>Column headers.</summary>
    public static readonly IReadOnlyList<string> Headers = ["STATE", "SEVERITY", "CLASS", "KB", "TITLE", "INSTALLED", "CVE"];

    private static readonly string[] StateOrder =
        ["Failed", "Missing", "InstalledPendingReboot", "InstalledRejected", "InstalledOther", "Installed", "NotApplicable"];

    /// <summary>One row per patch, keyed by KB id and title, ordered by state then KB id.</summary>
    public static TableRows Build(IReadOnlyList<PatchItem> patches)
    {
        ArgumentNullException.ThrowIfNull(patches);
        return new TableRows(Headers, [.. patches
            .OrderBy(p => Rank(p.State))
            .ThenBy(p => p.KbId, StringComparer.Ordinal)
            .Select(p => new TableRow($"{p.KbId}|{p.Title}",
            [
                Format.Text(p.State), Format.Text(p.Severity), Format.Text(p.Classification), Format.Text(p.KbId), Format.Text(p.Title),
                Format.Time(p.InstalledTime), Format.Text(p.CveIds),
            ]))]);
    }

    /// <summary>Patches counted by state, in <see cref="Build"/>'s order: "Missing 3  Installed 412".</summary>
    public static string Counts(IReadOnlyList<PatchItem> patches)
    {
        ArgumentNullException.ThrowIfNull(patches);
        return string.Join("  ", patches.GroupBy(p => p.State, StringComparer.Ordinal).OrderBy(g => Rank(g.Key)).Select(g => $"{g.Key} {g.Count()}"));
    }

    private static int Rank(string state) => Array.IndexOf(StateOrder, state) is var i and >= 0 ? i : StateOrder.Length;
}
