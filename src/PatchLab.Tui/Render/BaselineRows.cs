using System.Globalization;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>Rows of the Baselines page (DescribePatchBaselines) and the text of one baseline.</summary>
public static class BaselineRows
{
    /// <summary>Column headers.</summary>
    public static readonly IReadOnlyList<string> Headers = ["ID", "NAME", "OS", "DEFAULT", "OWNER", "DESCRIPTION"];

    /// <summary>One row per baseline, keyed by its id as the emulator gives it (an ARN for AWS-owned ones).</summary>
    public static TableRows Build(IReadOnlyList<PatchBaselineIdentity> baselines)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        return new TableRows(Headers, [.. baselines.Select(b => new TableRow(b.BaselineId ?? "",
        [
            Format.Baseline(b.BaselineId), Format.Text(b.BaselineName), Format.Text(b.OperatingSystem?.Value),
            b.DefaultBaseline == true ? "yes" : "no", Owner(b.BaselineId, b.BaselineName), Format.Text(b.BaselineDescription),
        ]))]);
    }

    /// <summary>AWS-owned baselines are named by ARN (arn:aws:ssm:…:patchbaseline/pb-…) and start with AWS-; custom ones are pb- ids.</summary>
    public static string Owner(string? baselineId, string? name) =>
        (baselineId ?? "").StartsWith("arn:", StringComparison.Ordinal) || (name ?? "").StartsWith("AWS-", StringComparison.Ordinal) ? "AWS" : "custom";

    /// <summary>
    /// The baseline as text: its rules (filters, ApproveAfterDays or ApproveUntilDate, compliance level), global filters,
    /// approved and rejected lists, the patch groups using it and its effective patches (or why there are none). Lines
    /// longer than <paramref name="width"/> wrap between filters, values or words (<see cref="Hang"/>), their continuation
    /// lines indented under the text they continue, so a rule with many filters keeps its end on an 80-column terminal.
    /// </summary>
    public static IReadOnlyList<string> Detail(BaselineDetail detail, int width = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var lines = new List<string>();
        void Add(string line, int indent) => lines.AddRange(Hang(line, width, indent));
        if (detail.Baseline is not { } b)
        {
            Add(detail.BaselineError ?? "loading…", 2);
            return lines;
        }

        Add($"{b.Name} ({Format.Baseline(b.BaselineId)}) · {b.OperatingSystem?.Value} · owner {Owner(b.BaselineId, b.Name)}", 2);
        if (!string.IsNullOrEmpty(b.Description))
        {
            Add(b.Description, 2);
        }

        lines.Add("");
        lines.Add("Approval rules");
        List<PatchRule> rules = b.ApprovalRules?.PatchRules ?? [];
        if (rules.Count == 0)
        {
            lines.Add("  (none: only the approved list is installed)");
        }

        for (int i = 0; i < rules.Count; i++)
        {
            PatchRule rule = rules[i];
            string when = rule.ApproveAfterDays is { } days
                ? $"approve after {days.ToString(CultureInfo.InvariantCulture)} days"
                : !string.IsNullOrEmpty(rule.ApproveUntilDate) ? $"approve until {rule.ApproveUntilDate}" : "approve at once";
            string number = $"  {(i + 1).ToString(CultureInfo.InvariantCulture)}. ";
            Add(number + Filters(rule.PatchFilterGroup?.PatchFilters), number.Length + 2); // continued under the first filter, two further in
            Add($"{new string(' ', number.Length)}{when} · compliance {Format.Text(rule.ComplianceLevel?.Value)}"
                + (rule.EnableNonSecurity == true ? " · non-security updates too" : ""), number.Length + 2);
        }

        lines.Add("");
        Add($"Global filters: {Filters(b.GlobalFilters?.PatchFilters)}", 4);
        Add($"Approved patches ({Format.Text(b.ApprovedPatchesComplianceLevel?.Value)}): {List(b.ApprovedPatches)}", 4);
        Add($"Rejected patches ({Format.Text(b.RejectedPatchesAction?.Value)}): {List(b.RejectedPatches)}", 4);
        Add($"Patch groups: {(detail.PatchGroups.Unavailable ?? List(detail.PatchGroups.Items))}", 4);
        lines.Add("");
        lines.Add($"Effective patches{(detail.EffectivePatches.IsAvailable ? $" [{detail.EffectivePatches.Items.Count.ToString(CultureInfo.InvariantCulture)}]" : "")}");
        if (detail.EffectivePatches.Unavailable is { } why)
        {
            Add("  " + why, 4);
        }

        foreach (EffectivePatch p in detail.EffectivePatches.Items)
        {
            PatchStatus? s = p.PatchStatus;
            string approved = Format.Utc(s?.ApprovalDate) is { } at ? " on " + at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
            Add($"  {Format.Text(p.Patch?.KbNumber ?? p.Patch?.Id)}  {Format.Text(s?.DeploymentStatus?.Value)}{approved}  "
                + $"{Format.Text(p.Patch?.Classification)}/{Format.Text(p.Patch?.MsrcSeverity)}  {p.Patch?.Title}", 4);
        }

        return lines;
    }

    /// <summary>"CLASSIFICATION=Security,Bugfix SEVERITY=Critical", or "none".</summary>
    public static string Filters(IReadOnlyList<PatchFilter>? filters) => filters is { Count: > 0 }
        ? string.Join(" ", filters.Select(f => $"{f.Key?.Value}={string.Join(",", f.Values ?? [])}"))
        : "none";

    /// <summary>
    /// <paramref name="line"/> in lines of at most <paramref name="width"/> columns, each continuation line indented by
    /// <paramref name="indent"/> blanks. It breaks at the last blank that fits (between filters or words), else after the
    /// last comma (between a filter's values), else mid-word; the first line not before column <paramref name="indent"/>.
    /// A line that fits is returned as it is.
    /// </summary>
    public static IReadOnlyList<string> Hang(string line, int width, int indent)
    {
        ArgumentNullException.ThrowIfNull(line);
        width = Math.Max(1, width);
        indent = Math.Clamp(indent, 0, width / 2); // a narrow view still shows some text per line
        var lines = new List<string>();
        string rest = line.TrimEnd();
        string prefix = "";
        while (prefix.Length + rest.Length > width)
        {
            int room = width - prefix.Length;
            int blank = rest.LastIndexOf(' ', room);
            int comma = rest.LastIndexOf(',', room - 1);
            // The first line never breaks before the continuation column ("  1. " stays with its first filter) nor in its indent.
            int start = prefix.Length == 0 ? Math.Max(rest.Length - rest.TrimStart().Length, indent) : 0;
            (int cut, int next) = blank > start ? (blank, blank + 1) : comma >= start ? (comma + 1, comma + 1) : (room, room);
            lines.Add(prefix + rest[..cut].TrimEnd());
            rest = rest[next..].TrimStart();
            prefix = new string(' ', indent);
        }

        lines.Add(prefix + rest);
        return lines;
    }

    private static string List(IReadOnlyList<string>? items) => items is { Count: > 0 } ? string.Join(", ", items) : "none";
}
