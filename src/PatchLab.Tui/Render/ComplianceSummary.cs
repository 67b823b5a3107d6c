using System.Globalization;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>
/// Compliance drawn, not only counted: one bar per patch group (compliant, non-compliant, never reported), then one bar
/// per severity of the missing and failed patches across the fleet. Patch states come from DescribeInstancePatchStates;
/// severities from DescribeInstancePatches; an instance the emulator knows but that has no state counts as unreported.
/// </summary>
public static class ComplianceSummary
{
    /// <summary>Shown for instances without a patch group.</summary>
    public const string NoGroup = "(no group)";

    /// <summary>Shown for patches without a severity.</summary>
    public const string NoSeverity = "Unspecified";

    private static readonly string[] SeverityOrder = ["Critical", "Important", "High", "Medium", "Moderate", "Low", "Informational", NoSeverity];

    /// <summary>The lines of the panel, at most <paramref name="maxLines"/>, each cut to <paramref name="width"/>.</summary>
    /// <param name="instances">The fleet (the overview).</param>
    /// <param name="data">What was read from SSM, or null while loading.</param>
    /// <param name="width">Columns.</param>
    /// <param name="maxLines">Lines.</param>
    public static IReadOnlyList<StyledLine> Build(IReadOnlyList<InstanceItem> instances, ComplianceData? data, int width, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (maxLines <= 0 || width <= 0)
        {
            return [];
        }

        var lines = new List<StyledLine>();
        lines.AddRange(Groups(instances, data, width));
        lines.AddRange(Severities(data, width));
        return [.. lines.Take(maxLines).Select(l => l.Truncate(width))];
    }

    /// <summary>Is the instance compliant per its patch state, per the overview when the states cannot be read; null when unreported.</summary>
    public static bool? IsCompliant(InstanceItem instance, ComplianceData? data)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (data is { States.IsAvailable: true })
        {
            return data.States.Items.FirstOrDefault(s => s.InstanceId == instance.InstanceId) is { } state ? state.IsCompliant : null;
        }

        return instance.Compliance switch
        {
            "COMPLIANT" => true,
            "NON_COMPLIANT" => false,
            _ => null,
        };
    }

    private static IEnumerable<StyledLine> Groups(IReadOnlyList<InstanceItem> instances, ComplianceData? data, int width)
    {
        var groups = instances
            .GroupBy(i => string.IsNullOrEmpty(i.PatchGroup) ? NoGroup : i.PatchGroup, StringComparer.Ordinal)
            .OrderBy(g => g.Key == NoGroup)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, States: g.Select(i => IsCompliant(i, data)).ToList()))
            .Select(g => (g.Name, Compliant: g.States.Count(s => s == true), NonCompliant: g.States.Count(s => s == false),
                Unreported: g.States.Count(s => s is null), Total: g.States.Count))
            .ToList();
        var suffixes = groups.Select(g => Suffix(g.Compliant, g.NonCompliant, g.Unreported, g.Total)).ToList();
        int nameWidth = Math.Clamp(groups.Count == 0 ? 0 : groups.Max(g => g.Name.Length), 8, 16);

        // The bar takes what the names and the counts leave, so the counts stay readable at 80 columns.
        int barWidth = Math.Clamp(width - nameWidth - 1 - (suffixes.Count == 0 ? 0 : suffixes.Max(s => s.Sum(x => x.Text.Length))), 10, 40);
        string source = data is null ? "loading patch states…" : data.States.Unavailable is { } why ? $"from the overview ({why})" : "";
        yield return StyledLine.Of(
            new TextSpan("BY PATCH GROUP  ", Tone.Heading),
            new TextSpan("█ compliant ", Tone.Good), new TextSpan("▓ non-compliant ", Tone.Bad), new TextSpan("░ unreported  ", Tone.Dim),
            new TextSpan(source, Tone.Dim));
        if (groups.Count == 0)
        {
            yield return StyledLine.Of("No instances.", Tone.Dim);
        }

        for (int i = 0; i < groups.Count; i++)
        {
            (string name, int compliant, int nonCompliant, int unreported, _) = groups[i];
            var spans = new List<TextSpan> { new(Fit(name, nameWidth) + " ") };
            spans.AddRange(Bars.Segmented([(compliant, '█', Tone.Good), (nonCompliant, '▓', Tone.Bad), (unreported, '░', Tone.Dim)], barWidth));
            spans.AddRange(suffixes[i]);
            yield return new StyledLine(spans);
        }
    }

    private static List<TextSpan> Suffix(int compliant, int nonCompliant, int unreported, int total)
    {
        var spans = new List<TextSpan> { new(Invariant($" {compliant}/{total} compliant"), compliant == total ? Tone.Good : Tone.Normal) };
        if (nonCompliant > 0)
        {
            spans.Add(new TextSpan(Invariant($" · {nonCompliant} non-compliant"), Tone.Bad));
        }

        if (unreported > 0)
        {
            spans.Add(new TextSpan(Invariant($" · {unreported} unreported"), Tone.Dim));
        }

        return spans;
    }

    private static IEnumerable<StyledLine> Severities(ComplianceData? data, int width)
    {
        yield return StyledLine.Of(
            new TextSpan("BY SEVERITY  ", Tone.Heading), new TextSpan("█ missing ", Tone.Warn), new TextSpan("▓ failed  ", Tone.Bad),
            new TextSpan("patches (instances)", Tone.Dim));
        if (data is null)
        {
            yield return StyledLine.Of("loading patches…", Tone.Dim);
            yield break;
        }

        if (data.NonCompliantPatches.Unavailable is { } why)
        {
            yield return StyledLine.Of(why, Tone.Dim);
            yield break;
        }

        var severities = data.NonCompliantPatches.Items
            .GroupBy(p => string.IsNullOrEmpty(p.Severity) ? NoSeverity : p.Severity, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => Rank(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Missing: g.Count(p => p.State == "Missing"), Failed: g.Count(p => p.State == "Failed"),
                Instances: g.Select(p => p.InstanceId).Distinct(StringComparer.Ordinal).Count()))
            .ToList();
        if (severities.Count == 0)
        {
            yield return StyledLine.Of("No missing or failed patches.", Tone.Good);
            yield break;
        }

        int nameWidth = Math.Clamp(severities.Max(s => s.Name.Length), 8, 16);
        int barWidth = Math.Clamp(width - nameWidth - 20, 10, 40);
        int scale = severities.Max(s => s.Missing + s.Failed);
        foreach ((string name, int missing, int failed, int instances) in severities)
        {
            var spans = new List<TextSpan> { new(Fit(name, nameWidth) + " ") };
            spans.AddRange(Bars.Segmented([(missing, '█', Tone.Warn), (failed, '▓', Tone.Bad)], barWidth, scale));
            spans.Add(new TextSpan(Invariant($" {missing + failed} ({instances})"), failed > 0 ? Tone.Bad : Tone.Normal));
            yield return new StyledLine(spans);
        }
    }

    private static int Rank(string severity) =>
        Array.FindIndex(SeverityOrder, s => string.Equals(s, severity, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : SeverityOrder.Length;

    private static string Fit(string text, int width) => text.Length > width ? text[..(width - 1)] + "…" : text.PadRight(width);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
