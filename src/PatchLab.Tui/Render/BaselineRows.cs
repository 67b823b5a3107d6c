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
    /// approved and rejected lists, the patch groups using it and its effective patches (or why there are none).
    /// </summary>
    public static IReadOnlyList<string> Detail(BaselineDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var lines = new List<string>();
        if (detail.Baseline is not { } b)
        {
            lines.Add(detail.BaselineError ?? "loading…");
            return lines;
        }

        lines.Add($"{b.Name} ({Format.Baseline(b.BaselineId)}) · {b.OperatingSystem?.Value} · owner {Owner(b.BaselineId, b.Name)}");
        if (!string.IsNullOrEmpty(b.Description))
        {
            lines.Add(b.Description);
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
            lines.Add($"  {(i + 1).ToString(CultureInfo.InvariantCulture)}. {Filters(rule.PatchFilterGroup?.PatchFilters)}");
            lines.Add($"     {when} · compliance {Format.Text(rule.ComplianceLevel?.Value)}"
                + (rule.EnableNonSecurity == true ? " · non-security updates too" : ""));
        }

        lines.Add("");
        lines.Add($"Global filters: {Filters(b.GlobalFilters?.PatchFilters)}");
        lines.Add($"Approved patches ({Format.Text(b.ApprovedPatchesComplianceLevel?.Value)}): {List(b.ApprovedPatches)}");
        lines.Add($"Rejected patches ({Format.Text(b.RejectedPatchesAction?.Value)}): {List(b.RejectedPatches)}");
        lines.Add($"Patch groups: {(detail.PatchGroups.Unavailable ?? List(detail.PatchGroups.Items))}");
        lines.Add("");
        lines.Add($"Effective patches{(detail.EffectivePatches.IsAvailable ? $" [{detail.EffectivePatches.Items.Count.ToString(CultureInfo.InvariantCulture)}]" : "")}");
        if (detail.EffectivePatches.Unavailable is { } why)
        {
            lines.Add("  " + why);
        }

        foreach (EffectivePatch p in detail.EffectivePatches.Items)
        {
            PatchStatus? s = p.PatchStatus;
            string approved = Format.Utc(s?.ApprovalDate) is { } at ? " on " + at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
            lines.Add($"  {Format.Text(p.Patch?.KbNumber ?? p.Patch?.Id)}  {Format.Text(s?.DeploymentStatus?.Value)}{approved}  "
                + $"{Format.Text(p.Patch?.Classification)}/{Format.Text(p.Patch?.MsrcSeverity)}  {p.Patch?.Title}");
        }

        return lines;
    }

    /// <summary>"CLASSIFICATION=Security,Bugfix SEVERITY=Critical", or "none".</summary>
    public static string Filters(IReadOnlyList<PatchFilter>? filters) => filters is { Count: > 0 }
        ? string.Join(" ", filters.Select(f => $"{f.Key?.Value}={string.Join(",", f.Values ?? [])}"))
        : "none";

    private static string List(IReadOnlyList<string>? items) => items is { Count: > 0 } ? string.Join(", ", items) : "none";
}
